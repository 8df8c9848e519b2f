/**
 * The userspace path manager (pm_userspace.c, Linux 6.18) on hand-built situations: one connection
 * whose mechanism is a recording fake. Each netlink command's checks (with the errno and extack
 * message the kernel answers) and effects (signals, subflows, counters, the local address list),
 * then what the kernel does alone: incoming ADD_ADDR, joins and REMOVE_ADDR.
 */
import { describe, expect, it } from 'vitest';
import { createKernelPm } from '../../../src/core/pm/kernel-pm';
import { PmNamespace } from '../../../src/core/pm/pm-namespace';
import type { PmActions, PmSubflowView } from '../../../src/core/pm/types';
import { createUserspacePm, runUserspacePmCommand, upmCommandLine, userspacePathManager, type UserspacePmOptions } from '../../../src/core/pm/userspace-pm';
import { MS, type Nanos } from '../../../src/core/sim/time';
import { EventQueue } from './pm-pair';

const CLIENT = '10.0.1.1';
const SERVER = '10.0.1.2';
const PORT = 5201;
const RTO = 200 * MS;

interface FakeOpts extends UserspacePmOptions {
  /** createSubflow answers false (bind or connect failure). */
  connectFails?: boolean;
  /** The ADD_ADDR timeout the mechanism computes (0: net.mptcp.add_addr_timeout = 0). */
  addAddrTimeout?: Nanos;
}

/** One client connection from 10.0.1.1:40000 to 10.0.1.2:5201 with a recording mechanism. */
function fake(o: FakeOpts = {}) {
  const q = new EventQueue();
  const counters: Record<string, number> = {};
  const events: { type: string; [k: string]: unknown }[] = [];
  const sent: { kind: string; [k: string]: unknown }[] = [];
  const subflows: PmSubflowView[] = [];
  const add = (s: Partial<PmSubflowView> & { localAddr: string; remoteAddr: string }): PmSubflowView => {
    const sf: PmSubflowView = { id: subflows.length + 1, localPort: 40000 + subflows.length, localId: 0, remotePort: PORT, remoteId: 0, backup: false, peerBackup: false, established: true, closed: false, isJoin: true, ...s };
    subflows.push(sf);
    return sf;
  };
  add({ localAddr: CLIENT, remoteAddr: SERVER, isJoin: false });
  const actions: PmActions = {
    now: () => q.now,
    schedule: (d, fn) => q.schedule(d, fn),
    sendAddAddr: (a) => sent.push({ kind: 'ADD_ADDR', t: q.now, ...a }),
    sendAddAddrEcho: (a) => sent.push({ kind: 'ECHO', ...a }),
    sendRmAddr: (ids) => sent.push({ kind: 'RM_ADDR', ids }),
    createSubflow: (local, remote, opts) => {
      sent.push({ kind: 'JOIN', local, remote, backup: opts.backup });
      if (o.connectFails) return false;
      add({ localAddr: local?.addr ?? '?', localId: local?.id ?? 0, remoteAddr: remote.addr, remotePort: remote.port, remoteId: remote.id, backup: opts.backup, established: false });
      return true;
    },
    closeSubflows: (match, reason) => {
      let n = 0;
      for (const s of subflows) {
        if (s.closed || !match(s)) continue;
        s.closed = true;
        sent.push({ kind: 'CLOSE', id: s.id, reason });
        n++;
      }
      return n;
    },
    sendMpPrio: (id, backup) => sent.push({ kind: 'MP_PRIO', id, backup }),
    mib: (name, by = 1) => {
      counters[name] = (counters[name] ?? 0) + by;
    },
    event: (type, attrs) => events.push({ type, ...attrs }),
    view: () => ({ side: 'client', token: 0x1234, initialLocal: { addr: CLIENT, port: 40000 }, initialRemote: { addr: SERVER, port: PORT }, remoteDenyJoinId0: false, subflows }),
    addAddrTimeout: () => o.addAddrTimeout ?? RTO,
  };
  const pm = createUserspacePm(actions, o);
  const kinds = (k: string) => sent.filter((s) => s.kind === k);
  return { q, pm, counters, events, sent, subflows, add, kinds, established: () => (pm.fullyEstablished(), pm) };
}

const EINVAL = (message: string) => ({ ok: false, errno: 'EINVAL', message });

describe('announce (mptcp_pm_nl_announce_doit)', () => {
  it('sends an ADD_ADDR for a signal address with a non-zero id and lists the address', () => {
    const f = fake();
    expect(f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] })).toEqual({ ok: true });
    expect(f.kinds('ADD_ADDR')).toEqual([{ kind: 'ADD_ADDR', t: 0, id: 3, addr: '10.0.2.1', port: null }]);
    expect(f.counters).toEqual({ AddAddrTx: 1 });
    expect(f.pm.state()).toMatchObject({ addAddrSignaled: 1, localAddrUsed: 1, localAddrs: [{ id: 3, addr: '10.0.2.1', port: null, flags: ['signal'] }] });
    expect(f.pm.info()).toMatchObject({ addAddrSignal: 1, localAddrUsed: 1, subflowsMax: 0, addAddrSignalMax: 0 });
  });

  it('refuses id 0 and an address without the signal flag (EINVAL), sending nothing', () => {
    const f = fake();
    expect(f.pm.announce({ addr: '10.0.2.1', id: 0, flags: ['signal'] })).toEqual(EINVAL('invalid addr id'));
    expect(f.pm.announce({ addr: '10.0.2.1', flags: ['signal'] })).toEqual(EINVAL('invalid addr id'));
    expect(f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['subflow'] })).toEqual(EINVAL('invalid addr flags'));
    expect(f.sent).toEqual([]);
    expect(f.pm.state().localAddrs).toEqual([]);
  });

  it('refuses a listed address with another id, and a listed id with another address', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    expect(f.pm.announce({ addr: '10.0.2.1', id: 4, flags: ['signal'] })).toEqual(EINVAL('did not match address and id'));
    expect(f.pm.announce({ addr: '10.0.3.1', id: 3, flags: ['signal'] })).toEqual(EINVAL('did not match address and id'));
    // the port is part of the address here: the same address on a port is another entry
    expect(f.pm.announce({ addr: '10.0.2.1', id: 5, port: 8080, flags: ['signal'] })).toEqual({ ok: true });
    expect(f.kinds('ADD_ADDR').map((s) => [s.id, s.port])).toEqual([
      [3, null],
      [5, 8080],
    ]);
  });

  it('announcing the same address again sends it again and counts it twice (one announce entry)', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    expect(f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] })).toEqual({ ok: true });
    expect(f.kinds('ADD_ADDR')).toHaveLength(2);
    expect(f.pm.state()).toMatchObject({ addAddrSignaled: 2, localAddrUsed: 1 });
    expect(f.pm.state().announced).toHaveLength(1);
  });

  it('needs no fully established connection and no limits: nine announcements all go out', () => {
    const f = fake();
    for (let id = 1; id <= 9; id++) expect(f.pm.announce({ addr: `10.0.${id + 1}.1`, id, flags: ['signal'] }).ok).toBe(true);
    expect(f.counters.AddAddrTx).toBe(9);
  });

  it('retransmits an unechoed ADD_ADDR 3 times, the timeout doubling; the echo stops it', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    f.q.run();
    expect(f.kinds('ADD_ADDR').map((s) => s.t)).toEqual([0, RTO, RTO + 2 * RTO, RTO + 2 * RTO + 4 * RTO]);
    expect(f.pm.state().announced[0].retransmissions).toBe(3);

    const g = fake();
    g.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    g.q.run(RTO + 1);
    g.pm.addAddrEchoed({ id: 3, addr: '10.0.2.1', port: null });
    g.q.run();
    expect(g.kinds('ADD_ADDR')).toHaveLength(2);
    expect(g.counters.EchoAdd).toBe(1);
  });

  it('an echo with another id does not stop the retransmissions; add_addr_timeout 0 disables them', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    f.pm.addAddrEchoed({ id: 4, addr: '10.0.2.1', port: null });
    f.q.run();
    expect(f.kinds('ADD_ADDR')).toHaveLength(4);

    const g = fake({ addAddrTimeout: 0 });
    g.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    g.q.run();
    expect(g.kinds('ADD_ADDR')).toHaveLength(1);
  });
});

describe('remove (mptcp_pm_nl_remove_doit)', () => {
  it('id 0 sends REMOVE_ADDR 0 (the initial subflow has local id 0)', () => {
    const f = fake();
    expect(f.pm.remove(0)).toEqual({ ok: true });
    expect(f.kinds('RM_ADDR')).toEqual([{ kind: 'RM_ADDR', ids: [0] }]);
    expect(f.counters.RmAddrTx).toBe(1);
    // nothing is closed locally
    expect(f.kinds('CLOSE')).toEqual([]);
  });

  it('an id not in the list is EINVAL', () => {
    const f = fake();
    expect(f.pm.remove(7)).toEqual(EINVAL('address with id 7 not found'));
    expect(f.sent).toEqual([]);
  });

  it('an announced id: REMOVE_ADDR, the announcement and its timer gone, add_addr_signaled back down', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    expect(f.pm.remove(3)).toEqual({ ok: true });
    f.q.run();
    expect(f.kinds('ADD_ADDR')).toHaveLength(1);
    expect(f.kinds('RM_ADDR')).toEqual([{ kind: 'RM_ADDR', ids: [3] }]);
    // Linux leaves local_addr_used as it was
    expect(f.pm.state()).toMatchObject({ addAddrSignaled: 0, localAddrs: [], announced: [], localAddrUsed: 1 });
    expect(f.pm.remove(3)).toEqual(EINVAL('address with id 3 not found'));
  });

  it('the id of a subflow address: REMOVE_ADDR, but the local subflow stays open', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 5 }, { addr: SERVER, port: PORT });
    expect(f.pm.remove(5)).toEqual({ ok: true });
    expect(f.kinds('RM_ADDR')).toEqual([{ kind: 'RM_ADDR', ids: [5] }]);
    expect(f.subflows[1].closed).toBe(false);
  });

  it('a listed address neither announced nor used by a subflow leaves the list silently', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 5 }, { addr: SERVER, port: PORT });
    f.subflows[1].closed = true;
    expect(f.pm.remove(5)).toEqual({ ok: true });
    expect(f.kinds('RM_ADDR')).toEqual([]);
    expect(f.pm.state().localAddrs).toEqual([]);
  });
});

describe('subflow_create (mptcp_pm_nl_subflow_create_doit)', () => {
  it('opens a join from the local address and id to the remote address, remote id 0 by default', () => {
    const f = fake();
    f.established();
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
    expect(f.kinds('JOIN')).toEqual([{ kind: 'JOIN', local: { addr: '10.0.2.1', id: 1, dev: null }, remote: { addr: SERVER, port: PORT, id: 0 }, backup: false }]);
    expect(f.pm.state()).toMatchObject({ extraSubflows: 1, localAddrUsed: 1, localAddrs: [{ id: 1, addr: '10.0.2.1', flags: ['subflow'] }] });
  });

  it('asks for a backup subflow with the backup flag; refuses the signal flag', () => {
    const f = fake();
    f.established();
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 1, flags: ['backup'] }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
    expect(f.kinds('JOIN')[0].backup).toBe(true);
    expect(f.pm.isBackup('10.0.2.1')).toBe(true);
    expect(f.pm.subflowCreate({ addr: '10.0.3.1', id: 2, flags: ['signal'] }, { addr: SERVER, port: PORT })).toEqual(EINVAL('invalid addr flags'));
  });

  it('is ENOTCONN before the connection is fully established, and leaves nothing behind', () => {
    const f = fake();
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT })).toEqual({ ok: false, errno: 'ENOTCONN', message: 'connect error: -107' });
    expect(f.kinds('JOIN')).toEqual([]);
    expect(f.pm.state()).toMatchObject({ extraSubflows: 0, localAddrUsed: 0, localAddrs: [] });
  });

  it('refuses an address/id pair that disagrees with the list (EINVAL)', () => {
    const f = fake();
    f.established();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 4 }, { addr: SERVER, port: PORT })).toEqual(EINVAL('did not match address and id'));
    // the announced pair itself is fine
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 3 }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
  });

  it('a bind failure is EADDRNOTAVAIL, a connect failure ENETUNREACH; the address leaves the list', () => {
    const f = fake({ connectFails: true, hasLocalAddr: (a) => a !== '10.0.9.9' });
    f.established();
    expect(f.pm.subflowCreate({ addr: '10.0.9.9', id: 1 }, { addr: SERVER, port: PORT })).toEqual({ ok: false, errno: 'EADDRNOTAVAIL', message: 'connect error: -99' });
    expect(f.pm.subflowCreate({ addr: '10.0.2.1', id: 2 }, { addr: SERVER, port: PORT })).toEqual({ ok: false, errno: 'ENETUNREACH', message: 'connect error: -101' });
    expect(f.pm.state()).toMatchObject({ extraSubflows: 0, localAddrUsed: 0, localAddrs: [] });
  });

  it('applies no subflow limit: ten joins, ids chosen by the daemon (id 0 included)', () => {
    const f = fake();
    f.established();
    for (let k = 0; k < 10; k++) expect(f.pm.subflowCreate({ addr: `10.0.${k + 2}.1`, id: k }, { addr: SERVER, port: PORT }).ok).toBe(true);
    expect(f.pm.info().subflows).toBe(10);
    expect(f.kinds('JOIN')[0].local).toEqual({ addr: '10.0.2.1', id: 0, dev: null });
  });

  it('a join closing (by the peer or a failure) is one extra subflow less, counted once', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT });
    f.pm.subflowClosed({ ...f.subflows[1], closed: true });
    f.pm.subflowClosed({ ...f.subflows[1], closed: true });
    f.pm.subflowClosed({ ...f.subflows[0], closed: true });
    expect(f.pm.state().extraSubflows).toBe(0);
    // the entry stays, so the id keeps its address (and a REMOVE_ADDR can still name it)
    expect(f.pm.state().localAddrs.map((e) => e.id)).toEqual([1]);
  });
});

describe('subflow_destroy (mptcp_pm_nl_subflow_destroy_doit)', () => {
  it('closes the subflow of that 4-tuple without REMOVE_ADDR and counts RmSubflow', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT });
    const sf = f.subflows[1];
    expect(f.pm.subflowDestroy({ addr: '10.0.2.1', port: sf.localPort }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
    expect(f.kinds('CLOSE')).toEqual([{ kind: 'CLOSE', id: sf.id, reason: 'rm_subflow' }]);
    expect(f.kinds('RM_ADDR')).toEqual([]);
    expect(f.counters.RmSubflow).toBe(1);
    expect(f.pm.state()).toMatchObject({ localAddrUsed: 0, localAddrs: [] });
  });

  it('needs both ports (EINVAL) and an existing subflow (ESRCH)', () => {
    const f = fake();
    f.established();
    expect(f.pm.subflowDestroy({ addr: CLIENT }, { addr: SERVER, port: PORT })).toEqual(EINVAL('missing local port'));
    expect(f.pm.subflowDestroy({ addr: CLIENT, port: 40000 }, { addr: SERVER })).toEqual(EINVAL('missing remote port'));
    expect(f.pm.subflowDestroy({ addr: CLIENT, port: 40001 }, { addr: SERVER, port: PORT })).toEqual({ ok: false, errno: 'ESRCH', message: 'subflow not found' });
    expect(f.sent).toEqual([]);
  });

  it('can close the initial subflow too', () => {
    const f = fake();
    expect(f.pm.subflowDestroy({ addr: CLIENT, port: 40000 }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
    expect(f.subflows[0].closed).toBe(true);
  });
});

describe('set_flags (mptcp_userspace_pm_set_flags)', () => {
  it('backup / nobackup send MP_PRIO on the first established subflow of that local and remote address', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT });
    f.subflows[1].established = true;
    expect(f.pm.setFlags({ addr: '10.0.2.1', flags: ['backup'] }, { addr: SERVER })).toEqual({ ok: true });
    expect(f.pm.setFlags({ addr: '10.0.2.1', flags: [] }, { addr: SERVER, port: PORT })).toEqual({ ok: true });
    expect(f.kinds('MP_PRIO')).toEqual([
      { kind: 'MP_PRIO', id: 2, backup: true },
      { kind: 'MP_PRIO', id: 2, backup: false },
    ]);
    expect(f.counters.MPPrioTx).toBe(2);
    expect(f.pm.isBackup('10.0.2.1')).toBe(false);
  });

  it('works on the initial subflow and records the flag on a listed address', () => {
    const f = fake();
    f.pm.announce({ addr: CLIENT, id: 9, flags: ['signal'] });
    expect(f.pm.setFlags({ addr: CLIENT, flags: ['backup'] }, { addr: SERVER })).toEqual({ ok: true });
    expect(f.kinds('MP_PRIO')).toEqual([{ kind: 'MP_PRIO', id: 1, backup: true }]);
    expect(f.pm.isBackup(CLIENT)).toBe(true);
  });

  it('is EINVAL when no established subflow matches (address, remote, ports)', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.2.1', id: 1 }, { addr: SERVER, port: PORT });
    // the join is still connecting
    expect(f.pm.setFlags({ addr: '10.0.2.1', flags: ['backup'] }, { addr: SERVER })).toEqual(EINVAL('subflow not found'));
    expect(f.pm.setFlags({ addr: CLIENT, flags: ['backup'] }, { addr: '10.0.2.2' })).toEqual(EINVAL('subflow not found'));
    expect(f.pm.setFlags({ addr: CLIENT, flags: ['backup'] }, { addr: SERVER, port: 80 })).toEqual(EINVAL('subflow not found'));
    expect(f.pm.setFlags({ addr: CLIENT, port: 1, flags: ['backup'] }, { addr: SERVER })).toEqual(EINVAL('subflow not found'));
    expect(f.kinds('MP_PRIO')).toEqual([]);
  });
});

describe('what the kernel does alone for the userspace PM', () => {
  it('reports and echoes an incoming ADD_ADDR but opens no subflow', () => {
    const f = fake();
    f.established().addAddrReceived({ id: 2, addr: '10.0.2.2', port: null });
    expect(f.events).toEqual([{ type: 'ANNOUNCED', remid: '2', daddr4: '10.0.2.2', dport: '5201' }]);
    expect(f.sent).toEqual([{ kind: 'ECHO', id: 2, addr: '10.0.2.2', port: null }]);
    expect(f.counters).toEqual({ AddAddr: 1, EchoAddTx: 1 });
    f.q.run();
    expect(f.kinds('JOIN')).toEqual([]);
  });

  it('counts PortAdd for an announced port', () => {
    const f = fake();
    f.pm.addAddrReceived({ id: 2, addr: '10.0.2.2', port: 8080 });
    expect(f.counters).toEqual({ AddAddr: 1, PortAdd: 1, EchoAddTx: 1 });
    expect(f.events[0]).toMatchObject({ dport: '8080' });
  });

  it('accepts every incoming join (no limit) while a daemon listens', () => {
    const f = fake();
    for (let k = 0; k < 10; k++) expect(f.pm.allowNewSubflow()).toBe(true);
    expect(f.pm.state().extraSubflows).toBe(10);
    expect(f.counters.MPJoinRejected).toBeUndefined();
  });

  it('without a listening daemon drops ADD_ADDRs (AddAddrDrop, no echo) and rejects joins', () => {
    const f = fake({ listening: false });
    f.pm.addAddrReceived({ id: 2, addr: '10.0.2.2', port: null });
    expect(f.pm.allowNewSubflow()).toBe(false);
    expect(f.sent).toEqual([]);
    expect(f.counters).toEqual({ AddAddr: 1, AddAddrDrop: 1, MPJoinRejected: 1 });
    expect(f.events.map((e) => e.type)).toEqual(['ANNOUNCED']);
  });

  it('gives an incoming join the id of its address: 0 for the initial one, the listed id, else a new implicit entry', () => {
    const f = fake();
    f.established().subflowCreate({ addr: '10.0.3.1', id: 1 }, { addr: SERVER, port: PORT });
    expect(f.pm.localId(CLIENT)).toBe(0);
    expect(f.pm.localId('10.0.3.1')).toBe(1);
    expect(f.pm.localId('10.0.2.1')).toBe(2);
    expect(f.pm.localId('10.0.2.1')).toBe(2);
    expect(f.pm.state().localAddrs.map((e) => [e.id, e.addr, e.flags.join()])).toEqual([
      [1, '10.0.3.1', 'subflow'],
      [2, '10.0.2.1', 'implicit'],
    ]);
    expect(f.pm.isBackup('10.0.2.1')).toBe(false);
  });

  it('REMOVE_ADDR received: REMOVED per id at once, the subflows towards those ids closed by the worker (RmAddr each)', () => {
    const f = fake();
    f.add({ localAddr: '10.0.2.1', remoteAddr: '10.0.2.2', remoteId: 2 });
    f.pm.rmAddrReceived([2, 5]);
    expect(f.events).toEqual([
      { type: 'REMOVED', remid: '2' },
      { type: 'REMOVED', remid: '5' },
    ]);
    expect(f.kinds('CLOSE')).toEqual([]);
    // a second one while the first waits for the worker is dropped
    f.pm.rmAddrReceived([3]);
    expect(f.counters.RmAddrDrop).toBe(1);
    f.q.run();
    expect(f.kinds('CLOSE')).toEqual([{ kind: 'CLOSE', id: 2, reason: 'rm_addr' }]);
    expect(f.counters.RmAddr).toBe(2);
  });

  it('ignores endpoint and limit changes (those are the in-kernel PM\'s)', () => {
    const f = fake();
    f.pm.namespaceChanged({ kind: 'endpointAdded', ep: { id: 1, addr: '10.0.2.1', port: null, dev: null, flags: ['signal', 'subflow'] } });
    f.pm.namespaceChanged({ kind: 'limits' });
    f.q.run();
    expect(f.sent).toEqual([]);
  });

  it('after destroy() stops retransmitting and refuses joins', () => {
    const f = fake();
    f.pm.announce({ addr: '10.0.2.1', id: 3, flags: ['signal'] });
    f.pm.destroy();
    f.q.run();
    expect(f.kinds('ADD_ADDR')).toHaveLength(1);
    expect(f.pm.allowNewSubflow()).toBe(false);
    expect(f.pm.announce({ addr: '10.0.3.1', id: 4, flags: ['signal'] })).toEqual(EINVAL('did not match address and id'));
  });
});

describe('runUserspacePmCommand and the registry entry', () => {
  it('answers EINVAL for an unknown token and for a connection of another path manager', () => {
    const f = fake();
    const cmd = { cmd: 'remove' as const, id: 0 };
    expect(runUserspacePmCommand(undefined, cmd)).toEqual(EINVAL('invalid token'));
    expect(runUserspacePmCommand(null, cmd)).toEqual(EINVAL('userspace PM not selected'));
    const kernel = createKernelPm(new PmNamespace(), {} as PmActions, { add_addr_timeout_s: 120, allow_join_initial_addr_port: true });
    expect(runUserspacePmCommand(kernel, cmd)).toEqual(EINVAL('userspace PM not selected'));
    expect(runUserspacePmCommand(f.pm, cmd)).toEqual({ ok: true });
  });

  it('dispatches each command', () => {
    const f = fake();
    f.established();
    const l = { addr: '10.0.2.1', id: 1 };
    const r = { addr: SERVER, port: PORT };
    expect(runUserspacePmCommand(f.pm, { cmd: 'announce', local: { ...l, flags: ['signal'] } }).ok).toBe(true);
    expect(runUserspacePmCommand(f.pm, { cmd: 'subflow_create', local: l, remote: r }).ok).toBe(true);
    f.subflows[1].established = true;
    expect(runUserspacePmCommand(f.pm, { cmd: 'set_flags', local: { addr: l.addr, flags: ['backup'] }, remote: r }).ok).toBe(true);
    expect(runUserspacePmCommand(f.pm, { cmd: 'remove', id: 1 }).ok).toBe(true);
    expect(runUserspacePmCommand(f.pm, { cmd: 'subflow_destroy', local: { addr: l.addr, port: f.subflows[1].localPort }, remote: r }).ok).toBe(true);
    expect(f.sent.map((s) => s.kind)).toEqual(['ADD_ADDR', 'JOIN', 'MP_PRIO', 'RM_ADDR', 'CLOSE']);
  });

  it('spells commands as pm_nl_ctl does', () => {
    const r = { addr: SERVER, id: null, port: PORT, flags: [] };
    expect(upmCommandLine({ cmd: 'announce', local: { addr: '10.0.2.2', id: 2, flags: ['signal'] } }, 0xdeadbeef)).toBe('pm_nl_ctl ann 10.0.2.2 id 2 token 3735928559');
    expect(upmCommandLine({ cmd: 'announce', local: { addr: '10.0.2.2', id: 2, port: 80, flags: [] } }, null)).toBe('pm_nl_ctl ann 10.0.2.2 id 2 token ? port 80 flags none');
    expect(upmCommandLine({ cmd: 'remove', id: 2 }, 7)).toBe('pm_nl_ctl rem id 2 token 7');
    expect(upmCommandLine({ cmd: 'subflow_create', local: { addr: '10.0.2.1', id: 1, flags: ['backup'] }, remote: r }, 7)).toBe('pm_nl_ctl csf lip 10.0.2.1 lid 1 rip 10.0.1.2 rport 5201 token 7 flags backup');
    expect(upmCommandLine({ cmd: 'subflow_destroy', local: { addr: '10.0.2.1', port: 40001 }, remote: r }, 7)).toBe('pm_nl_ctl dsf lip 10.0.2.1 lport 40001 rip 10.0.1.2 rport 5201 token 7');
    expect(upmCommandLine({ cmd: 'set_flags', local: { addr: '10.0.2.1', flags: [] }, remote: { addr: SERVER } }, 7)).toBe('pm_nl_ctl set 10.0.2.1 flags nobackup token 7 rip 10.0.1.2');
  });

  it('is the path manager named "userspace"', () => {
    expect(userspacePathManager.id).toBe('userspace');
    expect(userspacePathManager.create({} as PmActions).id).toBe('userspace');
  });
});
