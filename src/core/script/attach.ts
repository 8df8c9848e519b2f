/**
 * Wiring of the scenario's scripts into a run (called by app/bulk-app.ts): each script is compiled
 * once per host it covers, with its own seeded Math.random (Rng.derive(seed, `script:<kind>:<side>`)),
 * then `sim.scheduler_script` becomes the host's scheduler for every new connection and
 * `sim.pm_script` the host's userspace-PM daemon, fed with the host's `ip mptcp monitor` events.
 */
import type { Scenario } from '../scenario/types';
import type { Side } from '../sim/trace';
import type { World } from '../sim/world';
import type { MptcpStack } from '../mptcp/stack';
import { Rng } from '../sim/rng';
import { intToIpv4 } from '../net/packet';
import { createScriptScheduler, SCHEDULER_SCRIPT_EXPORTS } from '../sched/script';
import { createScriptPm, PM_SCRIPT_EXPORTS } from '../pm/script-pm';
import { upmCommandLine } from '../pm/userspace-pm';
import { compileScript } from './call';
import { createFunctionRuntime } from './function-runtime';
import type { ScriptRuntime, ScriptSpec } from './types';
import { scriptSides } from './validate-script';

/** A host's PM-script hook: give it the host's monitor events. */
export type PmScriptHook = (type: string, attrs: Record<string, string>) => void;

export function attachScripts(
  world: World,
  stacks: Record<Side, MptcpStack>,
  scenario: Scenario,
  seed: number,
  runtime: ScriptRuntime | undefined,
): Partial<Record<Side, PmScriptHook>> {
  const hooks: Partial<Record<Side, PmScriptHook>> = {};
  const sched = scenario.sim?.scheduler_script;
  const pm = scenario.sim?.pm_script;
  if (!sched && !pm) return hooks;
  const rt = runtime ?? createFunctionRuntime();
  const spec = (kind: 'scheduler' | 'pm', side: Side, source: string, exports: readonly string[]): ScriptSpec => ({
    kind,
    side,
    source,
    exports,
    path: `scenario.sim.${kind === 'pm' ? 'pm_script' : 'scheduler_script'}.source`,
    seed: Rng.derive(seed, `script:${kind}:${side}`).u32(),
  });
  if (sched) {
    for (const side of scriptSides(sched.side)) {
      const s = spec('scheduler', side, sched.source, SCHEDULER_SCRIPT_EXPORTS);
      const compiled = compileScript(rt, s);
      stacks[side].customScheduler = (token) => createScriptScheduler(compiled, s, () => world.engine.now, token);
    }
  }
  if (pm) {
    for (const side of scriptSides(pm.side)) {
      const s = spec('pm', side, pm.source, PM_SCRIPT_EXPORTS);
      const compiled = compileScript(rt, s);
      const host = side === 'client' ? world.client : world.server;
      const stack = stacks[side];
      const daemon = createScriptPm(compiled, s, {
        engine: world.engine,
        side,
        addrs: () => host.ifaces.flatMap((i) => i.addrs.map((a) => ({ addr: intToIpv4(a), path: i.path, ifname: i.name, up: i.up }))),
        run: (c, token) => stack.userspacePmCommand(c, token),
        record: (r) => {
          const line = upmCommandLine(r.command, r.token);
          world.events.push({ t: r.t, type: 'pmCommand', side, index: r.index, cmd: r.cmd, ok: r.ok, errno: r.errno, detail: r.ok ? line : `${line}: ${r.detail}`, origin: 'script' });
        },
      });
      hooks[side] = (type, attrs) => daemon.onEvent(type, attrs);
    }
  }
  return hooks;
}
