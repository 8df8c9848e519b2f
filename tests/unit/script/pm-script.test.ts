/**
 * sim.pm_script: a user JavaScript userspace-PM daemon. The two bundled examples (addr_adv, sspi)
 * produce the ADD_ADDRs and subflows they promise; commands the kernel refuses are errnos in the
 * trace; a throw, a wrong shape or too many commands stop the run with a located error.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core';
import { ScriptError } from '../../../src/core/script/script-error';
import { ADDR_ADV_SCRIPT, SSPI_SCRIPT } from '../../../src/core/script/examples';
import type { TraceEvent } from '../../../src/core/sim/trace';
import { errorsFor, scenarioOf, twoPaths } from './helpers';

const PATH = 'scenario.sim.pm_script.source';
const three = [...twoPaths, { name: 'third', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }];

function serverScript(source: string, paths = three) {
  return scenarioOf({
    paths,
    client: { limits: { subflows: 2, add_addr_accepted: 2 } },
    server: { mptcp_sysctl: { path_manager: 'userspace' } },
    app: { direction: 'upload', bytes: 400000 },
    sim: { pm_script: { side: 'server', source } },
  });
}

const commands = (events: TraceEvent[]) => events.filter((e): e is Extract<TraceEvent, { type: 'pmCommand' }> => e.type === 'pmCommand');

function scriptError(source: string): ScriptError {
  try {
    simulate(serverScript(source), { summary: false });
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error('the run did not fail');
}

describe('a PM script', () => {
  it('addr_adv: the server announces its two other addresses; the client joins both', () => {
    const r = simulate(serverScript(ADDR_ADV_SCRIPT));
    const s = r.summary!;
    expect(r.trace.status).toBe('ok');
    expect(commands(r.trace.events).map((c) => [c.side, c.detail.replace(/token \d+/, 'token T'), c.ok, c.origin])).toEqual([
      ['server', 'pm_nl_ctl ann 10.0.2.2 id 1 token T', true, 'script'],
      ['server', 'pm_nl_ctl ann 10.0.3.2 id 2 token T', true, 'script'],
    ]);
    expect(s.subflows.map((x) => `${x.kind} ${x.four_tuple.server_ip}`).sort()).toEqual(['MP_CAPABLE 10.0.1.2', 'MP_JOIN 10.0.2.2', 'MP_JOIN 10.0.3.2']);
    expect(s.kernel_counters.server.MPTcpExt.AddAddrTx).toBeGreaterThanOrEqual(2);
    expect(s.kernel_counters.client.MPTcpExt.AddAddr).toBe(2);
  });

  it('sspi: one subflow per client interface, the second announcement on a used interface ignored', () => {
    const r = simulate(
      scenarioOf({
        paths: [twoPaths[0], { ...twoPaths[1], server_extra_addrs: ['10.0.2.3'] }],
        client: { mptcp_sysctl: { path_manager: 'userspace' } },
        server: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }, { addr: '10.0.2.3', flags: ['signal'], id: 2 }] },
        app: { direction: 'upload', bytes: 400000 },
        sim: { pm_script: { side: 'client', source: SSPI_SCRIPT } },
      }),
    );
    expect(r.trace.pmEvents.client.filter((e) => e.type === 'ANNOUNCED').map((e) => e.attrs.daddr4)).toEqual(['10.0.2.2', '10.0.2.3']);
    expect(commands(r.trace.events).map((c) => c.detail.replace(/token \d+/, 'token T'))).toEqual(['pm_nl_ctl csf lip 10.0.2.1 lid 2 rip 10.0.2.2 rport 5201 token T']);
    expect(r.summary!.subflows.map((x) => `${x.kind} ${x.four_tuple.client_ip}>${x.four_tuple.server_ip}`)).toEqual(['MP_CAPABLE 10.0.1.1>10.0.1.2', 'MP_JOIN 10.0.2.1>10.0.2.2']);
  });

  it('sees each event with typed attributes and gets the kernel answers back in host.results', () => {
    // announce with id 0 is refused by the kernel (EINVAL): an errno in the trace, not a script error
    const src = `let calls = 0;
function onEvent(ev, host) {
  calls++;
  if (typeof ev.token !== 'number' || typeof ev.sport !== 'number' && ev.type !== 'CLOSED' || host.side !== 'server') throw new Error('types');
  if (ev.type === 'ESTABLISHED') return [{ cmd: 'announce', local: { addr: '10.0.2.2', id: 0 } }];
  if (calls === 3) {
    const r = host.results[0];
    if (host.results.length !== 1 || r.ok || r.errno !== 'EINVAL') throw new Error(JSON.stringify(host.results));
  } else if (host.results.length !== 0) throw new Error('results twice');
  return null;
}`;
    const r = simulate(serverScript(src));
    const c = commands(r.trace.events);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ ok: false, errno: 'EINVAL', origin: 'script' });
    expect(c[0].detail).toMatch(/^pm_nl_ctl ann 10\.0\.2\.2 id 0 token \d+: EINVAL \(-22, invalid addr id\)$/);
  });

  it('a throw stops the run with the message, line, time and event', () => {
    const e = scriptError('function onEvent(ev) {\n  if (ev.type === "ESTABLISHED") throw new TypeError("no " + ev.saddr4);\n}');
    expect(e.errors).toEqual([{ path: PATH, message: expect.stringMatching(/^at t=0\.\d{6} s in onEvent\(ESTABLISHED\) \(line 2\): TypeError: no 10\.0\.1\.2$/) }]);
  });

  it('a wrong answer stops the run, saying what was wrong', () => {
    const cases: [string, RegExp][] = [
      ['return { cmd: "announce" };', /onEvent must return a list of commands \(or nothing\), got \{"cmd":"announce"\}/],
      ['return [{ cmd: "flush" }];', /onEvent returned \[0\]\.cmd must be one of announce, remove, subflow_create, subflow_destroy, set_flags, got "flush"/],
      ['return [{ cmd: "announce", local: { addr: "10.0.2" } }];', /\[0\]\.local\.addr: not an IPv4 address: "10\.0\.2"/],
      ['return [{ cmd: "announce", local: { addr: "10.0.2.2", id: 300 } }];', /\[0\]\.local\.id: must be an integer 0\.\.255, got 300/],
      ['return [{ cmd: "remove", id: 1, local: {} }];', /\[0\]: unknown key "local" for remove \(allowed: cmd, token, id\)/],
      ['return [{ cmd: "subflow_create", local: { addr: "10.0.2.2" } }];', /\[0\]\.remote must be an object/],
      ['return [{ cmd: "set_flags", local: { addr: "10.0.2.2", flags: ["fast"] }, remote: { addr: "10.0.1.1" } }];', /\[0\]\.local\.flags: must be a list drawn from signal, subflow, backup, fullmesh/],
      ['return [{ cmd: "remove", id: 1, token: -4 }];', /\[0\]\.token: must be a 32-bit connection token, got -4/],
      ['return Array.from({ length: 17 }, () => ({ cmd: "remove", id: 1 }));', /onEvent returned 17 commands; at most 16 per event/],
    ];
    for (const [body, re] of cases) {
      const e = scriptError(`function onEvent(ev) { if (ev.type !== 'ESTABLISHED') return []; ${body} }`);
      expect(e.errors[0].path).toBe(PATH);
      expect(e.errors[0].message).toMatch(/^at t=0\.\d{6} s in onEvent\(ESTABLISHED\): /);
      expect(e.errors[0].message).toMatch(re);
    }
  });

  it('is validated with located errors: the host must run the userspace PM', () => {
    const base = { paths: twoPaths, app: { bytes: 1000 } };
    expect(errorsFor({ ...base, sim: { pm_script: { side: 'client', source: 'function onEvent() {}' } } })).toEqual([
      'scenario.sim.pm_script.side: the client uses the in-kernel path manager: a PM script needs client.mptcp_sysctl.path_manager "userspace" (or pm_type 1)',
    ]);
    expect(errorsFor({ ...base, client: { mptcp_sysctl: { pm_type: 1 } }, sim: { pm_script: { side: 'client', source: 'function onEvent() {}' } } })).toEqual([]);
    expect(errorsFor({ ...base, client: { sysctl: { 'net.mptcp.path_manager': 'userspace' } }, sim: { pm_script: { source: 'function onEvent() {}' } } })).toEqual([
      'scenario.sim.pm_script.side: the server uses the in-kernel path manager: a PM script needs server.mptcp_sysctl.path_manager "userspace" (or pm_type 1)',
    ]);
    expect(errorsFor({ ...base, sim: { pm_script: { side: 'client' } } })).toEqual(['scenario.sim.pm_script.source: is required (the JavaScript text of the script)']);
  });
});
