import { describe, expect, it } from 'vitest';
import { createKernelPm, kernelPathManager } from '../../../src/core/pm/kernel-pm';
import { PmNamespace } from '../../../src/core/pm/pm-namespace';
import type { PmActions, PmConnectionView } from '../../../src/core/pm/types';
import { MS } from '../../../src/core/sim/time';
import { PmPair, joinNr } from './pm-pair';

const D = 10 * MS; // the pair's default one-way delay

/** The joins a side opened, as "local → remote" strings. */
function joinsOf(side: PmPair['client']): string[] {
  return side.subflows.filter((s) => s.isJoin && s.localPort < 50000 === (side.name === 'client')).map((s) => `${s.localAddr} → ${s.remoteAddr}:${s.remotePort}`);
}

describe('subflow endpoints (mptcp_pm_create_subflow_or_signal_addr)', () => {
  it('opens one join to the initial remote address once the connection is fully established, not before', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.2.2', flags: ['subflow'] }] } }).connect();
    p.run(4 * D - 1);
    expect(p.client.count('MPJoinSynTx')).toBe(0);
    p.run();
    expect(joinsOf(p.client)).toEqual(['10.0.2.2 → 10.0.1.1:10000']);
    expect(p.client.subflows[1]).toMatchObject({ localId: 1, remoteId: 0, established: true });
    expect(joinNr(p)).toEqual([1, 1, 1]);
  });

  it('stops at the subflows limit and then has no work pending', () => {
    const p = new PmPair({
      client: { limits: { subflows: 2 }, endpoints: ['10.0.2.2', '10.0.3.2', '10.0.4.2'].map((addr) => ({ addr, flags: ['subflow' as const] })) },
      server: { limits: { subflows: 8 } },
    })
      .connect()
      .run();
    expect(joinsOf(p.client)).toEqual(['10.0.2.2 → 10.0.1.1:10000', '10.0.3.2 → 10.0.1.1:10000']);
    expect(p.client.pm.state()).toMatchObject({ extraSubflows: 2, localAddrUsed: 2, workPending: false });
  });

  it('with two subflow endpoints and a subflows limit of 1 opens one join, from the first endpoint', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }, { addr: '10.0.2.2', flags: ['subflow'] }] },
    })
      .connect()
      .run();
    expect(joinsOf(p.client)).toEqual(['10.0.3.2 → 10.0.1.1:10000']);
  });

  it('sends the endpoint backup flag in the join (MPJoinSynBackupRx)', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.2.2', flags: ['subflow', 'backup'] }] } }).connect().run();
    expect(p.server.count('MPJoinSynBackupRx')).toBe(1);
    expect(p.server.subflows[1].peerBackup).toBe(true);
  });

  it('fullmesh: one join per local fullmesh endpoint and remote address (2 × 2 after an ADD_ADDR)', () => {
    const p = new PmPair({
      client: {
        limits: { subflows: 8, addAddrAccepted: 1 },
        endpoints: [
          { addr: '10.0.2.2', flags: ['subflow', 'fullmesh'] },
          { addr: '10.0.3.2', flags: ['subflow', 'fullmesh'] },
        ],
      },
      server: { limits: { subflows: 8 }, endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
    })
      .connect()
      .run();
    expect(joinsOf(p.client).sort()).toEqual(['10.0.2.2 → 10.0.1.1:10000', '10.0.2.2 → 10.0.2.1:10000', '10.0.3.2 → 10.0.1.1:10000', '10.0.3.2 → 10.0.2.1:10000']);
    expect(joinNr(p)).toEqual([4, 4, 4]);
  });

  it('mpc endpoint: the endpoint of the initial address becomes id 0, opens no join, and sends MP_PRIO if backup', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.1.2', flags: ['subflow', 'backup'] }] } }).connect().run();
    expect(p.client.count('MPJoinSynTx')).toBe(0);
    expect(p.client.pm.state().mpcEndpointId).toBe(1);
    expect(p.client.sent.filter((s) => s.kind === 'MP_PRIO')).toEqual([{ t: 4 * D, kind: 'MP_PRIO', id: 1, backup: true }]);
    expect(p.server.count('MPPrioRx')).toBe(1);
  });

  it('a failed join frees its slot and the next endpoint is tried; the failed one stays used (subflow_check_next)', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }] },
      server: { limits: { subflows: 1 } },
      rejectFrom: ['10.0.3.2'],
    })
      .connect()
      .run();
    expect(p.client.count('MPJoinSynTx')).toBe(1);
    p.client.ns.add({ addr: '10.0.2.2', flags: ['subflow'] });
    p.run();
    expect(p.client.count('MPJoinSynTx')).toBe(2);
    expect(joinNr(p)).toEqual([1, 1, 1]);
    expect(p.client.live.map((s) => s.localAddr)).toEqual(['10.0.1.2', '10.0.2.2']);
  });

  it('a join that fails makes the PM try the next endpoint (mptcp_pm_subflow_check_next)', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }, { addr: '10.0.2.2', flags: ['subflow'] }] },
      rejectFrom: ['10.0.3.2'],
    })
      .connect()
      .run();
    expect(p.client.count('MPJoinSynTx')).toBe(2);
    expect(p.client.live.map((s) => s.localAddr)).toEqual(['10.0.1.2', '10.0.2.2']);
  });

  it('does not run at establishment when no work is pending (subflows limit 0: no MP_PRIO for a backup MPC endpoint)', () => {
    const p = new PmPair({ client: { limits: { subflows: 0 }, endpoints: [{ addr: '10.0.1.2', flags: ['subflow', 'backup'] }] } }).connect().run();
    expect(p.client.pm.state().workPending).toBe(false);
    expect(p.client.count('MPPrioTx')).toBe(0);
  });

  it('work_pending, once off, stays off: a raised limit does not bring the unused endpoint back on later events', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1, addAddrAccepted: 1 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }, { addr: '10.0.4.2', flags: ['subflow'] }] },
      server: { limits: { subflows: 4 } },
    })
      .connect()
      .run();
    expect(p.client.pm.state().workPending).toBe(false);
    p.client.ns.setLimits({ subflows: 3 });
    p.server.ns.add({ addr: '10.0.2.1', flags: ['signal'] });
    p.run();
    expect(joinsOf(p.client)).toEqual(['10.0.3.2 → 10.0.1.1:10000', '10.0.2.2 → 10.0.2.1:10000']);
  });

  it('a bind error gives the subflow back at once (MPJoinSynTxBindErr)', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.12.2', flags: ['subflow'] }] } }).connect().run();
    expect(p.client.count('MPJoinSynTxBindErr')).toBe(1);
    expect(p.client.pm.state().extraSubflows).toBe(0);
  });
});

describe('ADD_ADDR sending and retransmission (mptcp_pm_add_timer)', () => {
  it('announces a signal endpoint when the server becomes fully established', () => {
    const p = new PmPair({ server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] } }).connect().run();
    expect(p.server.sent.filter((s) => s.kind === 'ADD_ADDR')).toEqual([{ t: 3 * D, kind: 'ADD_ADDR', id: 1, addr: '10.0.2.1' }]);
    expect(p.server.count('AddAddrTx')).toBe(1);
  });

  it('retransmits an unechoed ADD_ADDR after T, 2T and 4T more, then stops (4 in all)', () => {
    const T = 200 * MS;
    const p = new PmPair({
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
      client: { dropOutgoingAddAddr: true },
      rto: T,
    })
      .connect()
      .run();
    const t0 = 3 * D;
    expect(p.server.sent.filter((s) => s.kind === 'ADD_ADDR').map((s) => s.t)).toEqual([t0, t0 + T, t0 + 3 * T, t0 + 7 * T]);
    expect(p.server.count('AddAddrTx')).toBe(4);
    expect(p.client.count('AddAddr')).toBe(4);
    expect(p.client.count('EchoAddTx')).toBe(4);
    expect(p.server.count('EchoAdd')).toBe(0);
  });

  it('uses min(add_addr_timeout, largest RTO) as T', () => {
    const p = new PmPair({
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }], addAddrTimeoutS: 0.05 },
      client: { dropOutgoingAddAddr: true },
      rto: 200 * MS,
    })
      .connect()
      .run();
    const t0 = 3 * D;
    const T = 50 * MS;
    expect(p.server.sent.filter((s) => s.kind === 'ADD_ADDR').map((s) => s.t)).toEqual([t0, t0 + T, t0 + 3 * T, t0 + 7 * T]);
  });

  it('stops retransmitting when the echo arrives', () => {
    // a 150 ms one-way delay: the echo comes back after the first retransmission (T = 200 ms)
    const p = new PmPair({
      oneWayDelay: 150 * MS,
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
      client: { limits: { addAddrAccepted: 1 } },
    })
      .connect()
      .run();
    expect(p.server.count('AddAddrTx')).toBe(2);
    expect(p.server.count('EchoAdd')).toBe(2);
    expect(p.server.pm.state().announced).toEqual([{ id: 1, addr: '10.0.2.1', port: null, retransmissions: 3 }]);
  });

  it('does not retransmit with add_addr_timeout 0', () => {
    const p = new PmPair({
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }], addAddrTimeoutS: 0 },
      client: { dropOutgoingAddAddr: true },
    })
      .connect()
      .run();
    expect(p.server.count('AddAddrTx')).toBe(1);
  });

  it('keeps one ADD_ADDR outstanding: the next goes out only after the previous one’s last retransmission', () => {
    const T = 200 * MS;
    const p = new PmPair({
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }, { addr: '10.0.3.1', flags: ['signal'] }] },
      client: { dropOutgoingAddAddr: true },
      rto: T,
    })
      .connect()
      .run();
    const t0 = 3 * D;
    const firstOf = (id: number) => p.server.sent.find((s) => s.kind === 'ADD_ADDR' && s.id === id)?.t;
    expect(firstOf(1)).toBe(t0);
    expect(firstOf(2)).toBe(t0 + 7 * T);
    expect(p.server.count('AddAddrTx')).toBe(8);
  });

  it('announces the next address as soon as the echo of the previous one arrives', () => {
    const p = new PmPair({
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }, { addr: '10.0.3.1', flags: ['signal'] }] },
    })
      .connect()
      .run();
    const adds = p.server.sent.filter((s) => s.kind === 'ADD_ADDR');
    expect(adds.map((s) => [s.id, s.t])).toEqual([
      [1, 3 * D],
      [2, 5 * D],
    ]);
  });
});

describe('ADD_ADDR received (mptcp_pm_add_addr_received)', () => {
  it('with add_addr_accepted 0 echoes it and opens nothing (kernel-ref: AddAddr 1, EchoAddTx 1, no join)', () => {
    const p = new PmPair({ server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] } }).connect().run();
    expect(p.client.count('AddAddr')).toBe(1);
    expect(p.client.count('EchoAddTx')).toBe(1);
    expect(p.client.count('MPJoinSynTx')).toBe(0);
    expect(p.server.count('EchoAdd')).toBe(1);
  });

  it('accepted: echoes it and joins it from the address routing picks, as kernel-ref d_signal', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1, addAddrAccepted: 1 } },
      server: { limits: { subflows: 1 }, endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
    })
      .connect()
      .run();
    expect(joinsOf(p.client)).toEqual(['10.0.2.2 → 10.0.2.1:10000']);
    // the IPADDRANY source gets an implicit endpoint, id 1 (d_signal: SF_ESTABLISHED locid 1 remid 1)
    expect(p.client.ns.endpoints).toEqual([{ id: 1, addr: '10.0.2.2', port: null, dev: null, flags: ['implicit'] }]);
    expect(p.client.events.find((e) => e.type === 'SF_ESTABLISHED')).toMatchObject({ locid: 1, remid: 1 });
    // d_signal MPTcpExt deltas for the counters a PM moves: client AddAddr 1, EchoAddTx 1; server AddAddrTx 1, EchoAdd 1
    const pmCounters = ['AddAddr', 'AddAddrTx', 'EchoAdd', 'EchoAddTx', 'RmAddr', 'RmAddrTx', 'RmSubflow', 'MPPrioTx', 'MPJoinRejected'];
    const nonzero = (s: PmPair['client']) => Object.fromEntries(pmCounters.filter((c) => s.count(c) > 0).map((c) => [c, s.count(c)]));
    expect(nonzero(p.client)).toEqual({ AddAddr: 1, EchoAddTx: 1 });
    expect(nonzero(p.server)).toEqual({ AddAddrTx: 1, EchoAdd: 1 });
    expect(p.client.pm.state()).toMatchObject({ addAddrAccepted: 1, acceptAddr: false, extraSubflows: 1 });
  });

  it('emits ANNOUNCED on the receiving side only, with the initial port when the ADD_ADDR has none', () => {
    const p = new PmPair({ server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] } }).connect().run();
    expect(p.client.events.filter((e) => e.type === 'ANNOUNCED')).toEqual([{ t: 4 * D, type: 'ANNOUNCED', remid: '1', daddr4: '10.0.2.1', dport: '10000' }]);
    expect(p.server.eventCount('ANNOUNCED')).toBe(0);
  });

  it('echoes an id-0 ADD_ADDR of another address than the initial one without using it', () => {
    const ns = new PmNamespace();
    ns.setLimits({ addAddrAccepted: 8, subflows: 8 });
    const f = fakeActions();
    const pm = createKernelPm(ns, f.actions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    pm.fullyEstablished();
    pm.addAddrReceived({ id: 0, addr: '10.0.9.1', port: null });
    f.flush();
    expect(f.log).toEqual(['echo 0 10.0.9.1']);
  });

  it('does not open a second subflow to an address that already has one', () => {
    const p = new PmPair({
      client: { limits: { subflows: 2, addAddrAccepted: 2 } },
      server: { endpoints: [{ addr: '10.0.1.1', id: 5, port: 10100, flags: ['signal'] }] },
    });
    p.connect().run();
    // 10.0.1.1:10100 differs by port from the initial 10.0.1.1:10000, so it is joined
    expect(joinsOf(p.client)).toEqual(['10.0.1.2 → 10.0.1.1:10100']);
    expect(p.client.count('PortAdd')).toBe(1);
  });

  it('C flag with default limits: subflow endpoints wait for an ADD_ADDR announced later', () => {
    const p = new PmPair({
      client: { limits: { subflows: 2 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }, { addr: '10.0.4.2', flags: ['subflow'] }] },
      server: { limits: { subflows: 2 }, allowJoinInitialAddrPort: false },
    })
      .connect()
      .run();
    expect(p.client.count('MPJoinSynTx')).toBe(0);
    expect(p.client.pm.state()).toMatchObject({ localAddrUsed: 0, usedIds: [] });
    p.server.ns.add({ addr: '10.0.2.1', flags: ['signal'] });
    p.run();
    expect(joinsOf(p.client)).toEqual(['10.0.3.2 → 10.0.2.1:10000', '10.0.4.2 → 10.0.2.1:10000']);
  });

  it('C flag: the peer denies id-0 joins, so subflow endpoints are used only towards announced addresses', () => {
    const denied = new PmPair({
      client: { limits: { subflows: 1, addAddrAccepted: 1 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }] },
      server: { allowJoinInitialAddrPort: false },
    })
      .connect()
      .run();
    expect(denied.client.count('MPJoinSynTx')).toBe(0);

    // default limits (add_addr_accepted 0): the C-flag special case uses the subflow endpoints for the ADD_ADDR
    const special = new PmPair({
      client: { limits: { subflows: 2 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }, { addr: '10.0.4.2', flags: ['subflow'] }] },
      server: { limits: { subflows: 2 }, allowJoinInitialAddrPort: false, endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
    })
      .connect()
      .run();
    expect(joinsOf(special.client)).toEqual(['10.0.3.2 → 10.0.2.1:10000', '10.0.4.2 → 10.0.2.1:10000']);
  });
});

describe('REMOVE_ADDR, endpoint delete and flush', () => {
  it('deleting a subflow endpoint sends REMOVE_ADDR and closes its subflow (RmSubflow); the peer closes by remote id', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.2.2', flags: ['subflow'] }] } }).connect().run();
    expect(p.client.live).toHaveLength(2);
    p.client.ns.del(1);
    p.run();
    expect(p.client.sent.filter((s) => s.kind === 'RM_ADDR').map((s) => s.ids)).toEqual([[1]]);
    expect([p.client.count('RmAddrTx'), p.client.count('RmSubflow')]).toEqual([1, 1]);
    expect(p.server.count('RmAddr')).toBe(1);
    expect(p.server.events.filter((e) => e.type === 'REMOVED').map((e) => e.remid)).toEqual(['1']);
    expect(p.client.live.map((s) => s.localAddr)).toEqual(['10.0.1.2']);
    expect(p.server.live).toHaveLength(1);
    expect(p.client.pm.state()).toMatchObject({ extraSubflows: 0, localAddrUsed: 0 });
  });

  it('REMOVE_ADDR of an accepted address gives add_addr_accepted back, so a re-announced address is joined again', () => {
    const p = new PmPair({
      client: { limits: { subflows: 1, addAddrAccepted: 1 } },
      server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] },
    })
      .connect()
      .run();
    expect(p.client.pm.state()).toMatchObject({ addAddrAccepted: 1, acceptAddr: false });
    p.server.ns.del(1);
    p.run();
    expect(p.client.pm.state()).toMatchObject({ addAddrAccepted: 0, acceptAddr: true, extraSubflows: 0 });
    expect([p.client.count('RmAddr'), p.server.count('RmSubflow')]).toEqual([1, 1]);
    p.server.ns.add({ addr: '10.0.3.1', flags: ['signal'] });
    p.run();
    expect(joinsOf(p.client)).toEqual(['10.0.2.2 → 10.0.2.1:10000', '10.0.3.2 → 10.0.3.1:10000']);
  });

  it('flush sends one REMOVE_ADDR for all announced addresses and closes their subflows', () => {
    const p = new PmPair({
      client: { limits: { subflows: 3, addAddrAccepted: 3 } },
      server: { limits: { subflows: 3 }, endpoints: ['10.0.2.1', '10.0.3.1'].map((addr) => ({ addr, flags: ['signal' as const] })) },
    })
      .connect()
      .run();
    expect(joinNr(p)).toEqual([2, 2, 2]);
    p.server.ns.flush();
    p.run();
    expect(p.server.sent.filter((s) => s.kind === 'RM_ADDR').map((s) => s.ids)).toEqual([[1, 2]]);
    expect([p.server.count('RmAddrTx'), p.server.count('RmSubflow'), p.client.count('RmAddr')]).toEqual([2, 2, 2]);
    expect(p.server.pm.state()).toMatchObject({ addAddrSignaled: 0, usedIds: [] });
  });

  it('`delete id 0 ADDR` removes the initial address: REMOVE_ADDR id 0 and the initial subflow closed', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }] } }).connect().run();
    p.client.ns.del(0, '10.0.1.2');
    p.run();
    expect(p.client.sent.filter((s) => s.kind === 'RM_ADDR').map((s) => s.ids)).toEqual([[0]]);
    expect(p.client.live.map((s) => s.localAddr)).toEqual(['10.0.3.2']);
    expect(p.server.count('RmAddr')).toBe(1);
  });
});

describe('endpoint change', () => {
  it('backup → MP_PRIO on the first subflow using that address (kernel-ref f_prio: MPPrioTx 1, peer MPPrioRx 1 + SF_PRIO)', () => {
    const p = new PmPair({ client: { endpoints: [{ addr: '10.0.2.2', flags: ['subflow'] }] } }).connect().run();
    p.client.ns.change({ id: 1 }, ['backup']);
    p.run();
    const joinId = p.client.subflows[1].id;
    expect(p.client.sent.filter((s) => s.kind === 'MP_PRIO')).toEqual([expect.objectContaining({ id: joinId, backup: true })]);
    expect([p.client.count('MPPrioTx'), p.server.count('MPPrioRx'), p.server.eventCount('SF_PRIO')]).toEqual([1, 1, 1]);
    expect(p.server.subflows[1].peerBackup).toBe(true);
  });

  it('fullmesh on a subflow endpoint closes its subflows and recreates them (RmSubflow, no REMOVE_ADDR)', () => {
    const p = new PmPair({
      client: { limits: { subflows: 4, addAddrAccepted: 4 }, endpoints: [{ addr: '10.0.3.2', flags: ['subflow'] }] },
      server: { limits: { subflows: 4 } },
    })
      .connect()
      .run();
    p.client.ns.change({ id: 1 }, ['fullmesh']);
    p.run();
    expect(joinNr(p)).toEqual([2, 2, 2]);
    expect([p.client.count('RmSubflow'), p.server.count('RmAddr'), p.client.count('RmAddrTx')]).toEqual([1, 0, 0]);
    expect(p.client.live.map((s) => s.localAddr)).toEqual(['10.0.1.2', '10.0.3.2']);
  });

  it('a limits change does nothing at once', () => {
    const p = new PmPair({ client: { limits: { subflows: 0 }, endpoints: [{ addr: '10.0.2.2', flags: ['subflow'] }] } }).connect().run();
    p.client.ns.setLimits({ subflows: 2 });
    p.run();
    expect(p.client.count('MPJoinSynTx')).toBe(0);
  });
});

describe('allowNewSubflow (mptcp_pm_allow_new_subflow)', () => {
  it('accepts joins while extra_subflows is below the limit, then refuses with MPJoinRejected', () => {
    const ns = new PmNamespace();
    ns.setLimits({ subflows: 2 });
    const f = fakeActions();
    const pm = createKernelPm(ns, f.actions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    expect([pm.allowNewSubflow(), pm.allowNewSubflow(), pm.allowNewSubflow()]).toEqual([true, true, false]);
    expect(f.mibs.get('MPJoinRejected')).toBe(1);
    pm.subflowClosed({ ...f.joinView, id: 2 });
    expect(pm.allowNewSubflow()).toBe(true);
  });

  it('refuses every join with a subflows limit of 0', () => {
    const ns = new PmNamespace();
    ns.setLimits({ subflows: 0 });
    const f = fakeActions();
    const pm = createKernelPm(ns, f.actions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    expect(pm.allowNewSubflow()).toBe(false);
    expect(f.mibs.get('MPJoinRejected')).toBe(1);
  });
});

describe('worker deferral', () => {
  it('drops a second ADD_ADDR arriving before the worker served the first (AddAddrDrop)', () => {
    const ns = new PmNamespace();
    ns.setLimits({ addAddrAccepted: 2, subflows: 2 });
    const f = fakeActions();
    const pm = createKernelPm(ns, f.actions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    pm.addAddrReceived({ id: 1, addr: '10.0.2.1', port: null });
    pm.addAddrReceived({ id: 2, addr: '10.0.3.1', port: null });
    expect(f.mibs.get('AddAddrDrop')).toBe(1);
    f.flush();
    expect(f.log).toEqual(['echo 1 10.0.2.1', 'join any → 10.0.2.1:10000 id 1']);
  });
});

/** A minimal mechanism for single-PM tests: a connection from 10.0.1.2 to 10.0.1.1:10000. */
function fakeActions() {
  const log: string[] = [];
  const mibs = new Map<string, number>();
  const pending: (() => void)[] = [];
  const initial = { id: 1, localAddr: '10.0.1.2', localPort: 40000, localId: 0, remoteAddr: '10.0.1.1', remotePort: 10000, remoteId: 0, backup: false, peerBackup: false, established: true, closed: false, isJoin: false };
  const view: PmConnectionView = {
    side: 'client',
    token: 1,
    initialLocal: { addr: '10.0.1.2', port: 40000 },
    initialRemote: { addr: '10.0.1.1', port: 10000 },
    remoteDenyJoinId0: false,
    subflows: [initial],
  };
  const actions: PmActions = {
    now: () => 0,
    schedule: (delay, fn) => {
      if (delay === 0) pending.push(fn);
      return () => {};
    },
    sendAddAddr: (a) => log.push(`add ${a.id} ${a.addr}`),
    sendAddAddrEcho: (a) => log.push(`echo ${a.id} ${a.addr}`),
    sendRmAddr: (ids) => log.push(`rm ${ids.join(',')}`),
    createSubflow: (local, remote) => {
      log.push(`join ${local ? local.addr : 'any'} → ${remote.addr}:${remote.port} id ${remote.id}`);
      return true;
    },
    closeSubflows: () => 0,
    sendMpPrio: (id, b) => log.push(`prio ${id} ${b}`),
    mib: (name, by = 1) => mibs.set(name, (mibs.get(name) ?? 0) + by),
    event: () => {},
    view: () => view,
    addAddrTimeout: () => 200 * MS,
  };
  return {
    log,
    mibs,
    actions,
    joinView: { ...initial, isJoin: true, localId: 1 },
    flush() {
      while (pending.length > 0) pending.shift()!();
    },
  };
}

describe('kernel PM registry entry', () => {
  it('is named "kernel" like net.mptcp.path_manager and creates per-connection PMs', () => {
    const f = fakeActions();
    const pm = kernelPathManager.create(new PmNamespace(), f.actions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    expect([kernelPathManager.id, pm.id]).toEqual(['kernel', 'kernel']);
    expect(pm.info()).toMatchObject({ subflows: 0, subflowsMax: 2, addAddrAcceptedMax: 0, localAddrMax: 0 });
  });
});

describe('destroy (mptcp_pm_destroy)', () => {
  it('stops the ADD_ADDR retransmission timers', () => {
    const p = new PmPair({ server: { endpoints: [{ addr: '10.0.2.1', flags: ['signal'] }] }, client: { dropOutgoingAddAddr: true } }).connect();
    p.run(3 * D);
    expect(p.server.count('AddAddrTx')).toBe(1);
    p.server.pm.destroy();
    p.run();
    expect(p.server.count('AddAddrTx')).toBe(1);
  });
});
