/**
 * Console lines as a learner types them, turned into the scenario they produce: each line
 * (`client$ ip mptcp endpoint add …`, `server$ sysctl -w …`) goes through the playground's own shell
 * (linux/shell.ts) at t = 0, and every state change it accepts becomes the hosts' start
 * configuration (linux/start-config.ts), as in the page. Used for configure exercises' solutions.
 */
import { runConsoleLine, newSession } from '../linux/shell';
import { toRawScenario, withEvent } from '../linux/scenario-fork';
import { foldStartConfig } from '../linux/start-config';
import { validateScenario } from '../scenario/index';
import type { Scenario } from '../scenario/types';
import type { Trace } from '../sim/trace';

export type CommandsResult = { ok: true; raw: Record<string, unknown> } | { ok: false; line: number; message: string };

/** Apply `lines` at t = 0 to `start` (a validated scenario) whose run is `trace`. */
export function applyCommands(start: Scenario, trace: Trace, lines: readonly string[]): CommandsResult {
  let scenario = start;
  let raw: Record<string, unknown> | null = null;
  const session = newSession();
  for (let i = 0; i < lines.length; i++) {
    const m = /^(client|server)\$ (.+)$/.exec(lines[i]);
    if (!m) return { ok: false, line: i + 1, message: 'expected "client$ COMMAND" or "server$ COMMAND"' };
    const r = runConsoleLine(m[2], { scenario, trace, t: 0, host: m[1] as 'client' | 'server' }, session);
    if (r.status !== 0) {
      const err = r.lines.map((l) => ('text' in l ? l.text : '')).join(' ').trim();
      return { ok: false, line: i + 1, message: `exit ${r.status}: ${err}` };
    }
    if (r.events.length === 0) continue;
    const v = validateScenario(withEvent(scenario, ...r.events.map((e) => e.event)));
    if (!v.ok) return { ok: false, line: i + 1, message: v.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
    scenario = foldStartConfig(v.scenario);
    raw = toRawScenario(scenario);
  }
  return { ok: true, raw: raw ?? toRawScenario(start) };
}
