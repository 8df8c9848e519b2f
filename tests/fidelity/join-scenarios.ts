/**
 * A sample of the mptcp_join.sh cases ported in tests/unit/pm/mptcp-join-cases.ts, written as kernel-ref
 * scenarios so that the selftest's expectations can be checked on the real kernel and the simulator runs
 * the same thing (tests/fidelity/join-vs-kernel.test.ts).
 *
 * The translation keeps what the selftest's counters depend on — limits, endpoints (address, id, flags,
 * port), and the dynamic steps of run_tests (pm_nl_set_endpoint) as timed events during a transfer — and
 * maps the selftest's addresses onto kernel-ref's: the selftest's 10.0.K.1 (ns1, the server) is the
 * server's address on path K, its 10.0.K.2 (ns2, the client) the client's. Every path is 10 Mbit/s,
 * 10 ms one way; the upload of 4 MB lasts ≈ 1.2 s over three paths and 3.4 s over one (the selftest's
 * `speed=slow`), and the steps happen from 0.3 s, after every subflow the static endpoints make has
 * joined (mptcp_join.sh waits for the connection before its steps).
 *
 *   npx tsx tests/fidelity/join-scenarios.ts      # (re)writes tests/fidelity/scenarios/join_*.json
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EndpointRequest, PmLimits } from '../../src/core/pm/pm-namespace';
import { cases, type JoinCase } from '../unit/pm/mptcp-join-cases';
import { FIDELITY_DIR } from './kernel-baseline';

/** The cases run on the real kernel: subflows, signals, limits on either side, removals, additions, backup, fullmesh. */
export const JOIN_SAMPLE = [
  'single subflow, limited by server',
  'single subflow',
  'multiple subflows',
  'multiple subflows, limited by server',
  'unused signal address',
  'signal address',
  'subflow and signal',
  'multiple subflows and signal',
  'signal addresses',
  'remove single subflow',
  'remove multiple subflows',
  'remove single address',
  'remove subflow and signal',
  'add single subflow',
  'add signal address',
  'add multiple subflows',
  'single subflow, backup',
  'single address, backup',
  'mpc backup',
  'fullmesh test 2x1',
  'fullmesh test 1x2, limited',
  'subflow and signal together',
  'remove addresses',
  'flush subflows and signal',
  'flush subflows',
  'flush addresses',
  'mpc switch to backup',
  'mpc switch to backup both sides',
  'fullmesh test 1x1',
  'fullmesh test 1x2',
] as const;

/** Time of the first dynamic step (s) and the gap between two steps. */
const STEP_AT = 0.3;
const STEP_GAP = 0.1;

export const scenarioName = (caseName: string) => 'join_' + caseName.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toLowerCase();

/** The selftest address 10.0.K.N as a kernel-ref path number, for the side that owns it (N = 1 server, 2 client). */
function pathOf(addr: string, side: 'client' | 'server', where: string): number {
  const m = /^10\.0\.(\d)\.([12])$/.exec(addr);
  const owner = m ? (m[2] === '1' ? 'server' : 'client') : null;
  if (!m || owner !== side || Number(m[1]) < 1 || Number(m[1]) > 4) throw new Error(`${where}: address ${addr} is not one of the ${side}'s 10.0.1–4 addresses`);
  return Number(m[1]);
}

function endpoint(e: EndpointRequest, side: 'client' | 'server', where: string): Record<string, unknown> {
  const out: Record<string, unknown> = { path: pathOf(e.addr ?? '', side, where) };
  if (e.id !== undefined) out.id = e.id;
  if (e.port !== undefined) out.port = e.port;
  out.flags = [...(e.flags ?? [])];
  return out;
}

const limitsOf = (l: Partial<PmLimits> | undefined) => ({ subflows: l?.subflows ?? 2, add_addr_accepted: l?.addAddrAccepted ?? 0 });

/** The kernel-ref scenario of one ported case; throws for a case this translation cannot express. */
export function kernelScenario(c: JoinCase): Record<string, unknown> {
  const where = `mptcp_join case '${c.name}'`;
  if (c.after || c.pair.rejectFrom || c.pair.connectError || c.pair.oneWayDelay || c.pair.rto) throw new Error(`${where}: needs more than endpoints, limits and steps`);
  for (const s of ['client', 'server'] as const) {
    const sc = c.pair[s];
    if (sc && (sc.addrs || sc.addAddrTimeoutS !== undefined || sc.allowJoinInitialAddrPort !== undefined || sc.dropOutgoingAddAddr)) throw new Error(`${where}: ${s} options beyond endpoints and limits`);
  }
  const eps = {
    client: (c.pair.client?.endpoints ?? []).map((e) => endpoint(e, 'client', where)),
    server: (c.pair.server?.endpoints ?? []).map((e) => endpoint(e, 'server', where)),
  };
  // ids as the kernel gives them: the requested one, else the lowest free from 1 (the order of the list)
  const ids = { client: [] as number[], server: [] as number[] };
  for (const s of ['client', 'server'] as const) {
    for (const e of eps[s]) {
      let id = e.id as number | undefined;
      if (id === undefined) for (id = 1; ids[s].includes(id) || eps[s].some((o) => o.id === id); id++);
      ids[s].push(id);
    }
  }
  const events: Record<string, unknown>[] = [];
  let at = STEP_AT;
  const next = () => {
    const t = at;
    at = Math.round((at + STEP_GAP) * 10) / 10;
    return t;
  };
  const st = c.steps ?? {};
  const nr1 = st.addrNrNs1 ?? 0;
  let nr2 = st.addrNrNs2 ?? 0;
  let flags2 = ['subflow'];
  if (st.fullmesh) {
    flags2 = ['subflow', 'fullmesh'];
    nr2 = st.fullmesh;
  }
  if (nr1 > 0) for (let i = 0; i < nr1; i++) events.push({ at: next(), action: 'endpoint_add', ns: 'server', path: 2 + i, flags: ['signal'] });
  else if (nr1 < 0 && nr1 > -8) for (const id of [...ids.server].sort((a, b) => a - b).slice(0, -nr1)) events.push({ at: next(), action: 'endpoint_del', ns: 'server', id });
  else if (nr1 === -8) events.push({ at: next(), action: 'endpoint_flush', ns: 'server' });
  else if (nr1 !== 0) throw new Error(`${where}: addr_nr_ns1 ${nr1} is not translated`);
  if (nr2 > 0) for (let i = 0; i < nr2; i++) events.push({ at: next(), action: 'endpoint_add', ns: 'client', path: 3 + i, flags: flags2 });
  else if (nr2 < 0 && nr2 > -8) for (const id of [...ids.client].sort((a, b) => a - b).slice(0, -nr2)) events.push({ at: next(), action: 'endpoint_del', ns: 'client', id });
  else if (nr2 === -8) events.push({ at: next(), action: 'endpoint_flush', ns: 'client' });
  else if (nr2 !== 0) throw new Error(`${where}: addr_nr_ns2 ${nr2} is not translated`);
  if (st.sflags) {
    if (st.sflags.length > 1 || (st.sflags.length === 1 && st.sflags[0] !== 'backup')) throw new Error(`${where}: sflags ${st.sflags.join(',')} is not translated`);
    // pm_nl_set_endpoint: sflags (here 'backup', or [] for the selftest's 'nobackup') on every endpoint of both
    // sides. (The selftest also changes the *implicit* endpoints a PM made for the local address of a join to an
    // announced address; kernel-ref's events reach only the endpoints it configured, so a case that needs that —
    // 'single address, switch to backup' — is not in the sample.)
    const flags = st.sflags.length ? ['backup'] : ['nobackup'];
    const t = next();
    for (const s of ['server', 'client'] as const) for (const id of [...ids[s]].sort((a, b) => a - b)) events.push({ at: t, action: 'endpoint_change', ns: s, id, flags });
  }
  const side = (s: 'client' | 'server') => {
    const out: Record<string, unknown> = { limits: limitsOf(c.pair[s]?.limits) };
    if (eps[s].length) out.endpoints = eps[s].map((e, i) => ({ ...e, id: ids[s][i] }));
    return out;
  };
  const path = { delay_ms: 10, rate_mbit: 10, queue_pkts: 100 };
  return {
    schema: 'kernel-ref-scenario/1',
    name: scenarioName(c.name),
    description: `mptcp_join.sh case '${c.name}' (tests/unit/pm/mptcp-join-cases.ts), translated by tests/fidelity/join-scenarios.ts.`,
    timeout_s: 20,
    seed: 1,
    paths: [path, path, path, path].map((p) => ({ ...p })),
    client: side('client'),
    server: side('server'),
    app: { direction: 'upload', bytes: 4_000_000, congestion_control: 'cubic' },
    ...(events.length ? { events } : {}),
  };
}

export function sampleCase(name: (typeof JOIN_SAMPLE)[number]): JoinCase {
  const c = cases.find((k) => k.name === name);
  if (!c) throw new Error(`no mptcp_join case named '${name}'`);
  return c;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const name of JOIN_SAMPLE) {
    const s = kernelScenario(sampleCase(name));
    writeFileSync(join(FIDELITY_DIR, 'scenarios', `${s.name as string}.json`), JSON.stringify(s, null, 2) + '\n');
    console.log(s.name);
  }
}
