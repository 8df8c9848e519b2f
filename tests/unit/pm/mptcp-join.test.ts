/**
 * Cases of Linux's tools/testing/selftests/net/mptcp/mptcp_join.sh (6.18), replayed on a pair of
 * kernel PMs over the fake mechanism of pm-pair.ts, with the selftest's own expectations:
 * chk_join_nr (server MPJoinSynRx, client MPJoinSynAckRx, server MPJoinAckRx, server
 * MPJoinRejected, client MPJoinSynTx and its errors), chk_add_nr / chk_add_tx_nr, chk_rm_nr /
 * chk_rm_tx_nr, chk_prio_nr. ns1 is the server (10.0.N.1), ns2 the client (10.0.N.2).
 *
 * The dynamic steps are run_tests' pm_nl_set_endpoint: addr_nr_ns1/ns2 > 0 adds signal (ns1,
 * 10.0.2.1…) or subflow (ns2, 10.0.3.2…) endpoints; < 0 deletes that many endpoints in id order,
 * -8 flushes, -9 deletes id 0 with the initial address; sflags changes every endpoint of both sides.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointFlagName } from '../../../src/core/pm/types';
import { cases, selftestChecks, type Steps } from './mptcp-join-cases';
import { PmPair, type Side } from './pm-pair';

function byId(side: Side): number[] {
  return side.ns.endpoints.map((e) => e.id).sort((a, b) => a - b);
}

/** pm_nl_set_endpoint of mptcp_join.sh */
function applySteps(p: PmPair, s: Steps): void {
  let nr1 = s.addrNrNs1 ?? 0;
  let nr2 = s.addrNrNs2 ?? 0;
  let flags2: EndpointFlagName[] = ['subflow'];
  if (s.fullmesh) {
    flags2 = ['subflow', 'fullmesh'];
    nr2 = s.fullmesh;
  }
  if (nr1 > 0) {
    for (let i = 0; i < nr1; i++) p.server.ns.add({ addr: `10.0.${2 + i}.1`, flags: ['signal'] });
  } else if (nr1 < 0) {
    nr1 = -nr1;
    if (nr1 < 8) {
      for (const id of byId(p.server).slice(0, nr1)) {
        p.server.ns.del(id);
        p.run();
      }
    } else if (nr1 === 8) p.server.ns.flush();
    else p.server.ns.del(0, '10.0.1.1');
  }
  if (nr2 > 0) {
    for (let i = 0; i < nr2; i++) p.client.ns.add({ addr: `10.0.${3 + i}.2`, flags: flags2 });
  } else if (nr2 < 0) {
    nr2 = -nr2;
    if (nr2 < 8) {
      for (const id of byId(p.client).slice(0, nr2)) {
        p.client.ns.del(id);
        p.run();
      }
    } else if (nr2 === 8) p.client.ns.flush();
    else p.client.ns.del(0, '10.0.1.2');
  }
  p.run();
  if (s.sflags) {
    for (const side of [p.server, p.client]) for (const id of byId(side)) side.ns.change({ id }, s.sflags);
    p.run();
  }
}

describe('mptcp_join.sh cases on a kernel-PM pair', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const p = new PmPair(c.pair).connect().run();
    if (c.steps) applySteps(p, c.steps);
    c.after?.(p);
    p.run();
    const checks = selftestChecks(c, (side, name) => p[side].count(name));
    expect(checks.length).toBeGreaterThanOrEqual(5);
    for (const k of checks) expect(k.ok, `${k.label}: got ${JSON.stringify(k.got)}, want ${JSON.stringify(k.want)}`).toBe(true);
  });
});
