/**
 * The userspace path manager (`net.mptcp.path_manager=userspace`, `pm_type=1`), one instance per
 * MPTCP connection, as Linux 6.18 runs it (net/mptcp/pm_userspace.c, the userspace branches of
 * pm.c and subflow.c, the netlink spec Documentation/netlink/specs/mptcp_pm.yaml;
 * reference/kernel.md §5). The kernel takes no decision of its own here: a daemon (mptcpd, or the
 * scenario's scripted `sim.userspace_pm` commands) listens to the `ip mptcp monitor` events and
 * sends the generic-netlink commands below, each answered with 0 or an errno as the kernel does.
 *
 * Commands (the `mptcp_pm_nl_*_doit` handlers), their checks and effects:
 *  - `announce` (MPTCP_PM_CMD_ANNOUNCE): id ≠ 0 and the `signal` flag, else EINVAL; the address joins
 *    the connection's local address list (an address already there must come with the same id,
 *    else EINVAL); an ADD_ADDR with HMAC goes out and is retransmitted like the in-kernel PM's
 *    (announcing an address again restarts its timer and sends it again). AddAddrTx.
 *  - `remove` (MPTCP_PM_CMD_REMOVE, loc-id): id 0 sends REMOVE_ADDR 0 if a subflow has local id 0;
 *    another id must be in the local list (EINVAL), which it leaves; a REMOVE_ADDR goes out only if
 *    the address was announced or a subflow uses it. Local subflows are *not* closed. RmAddrTx.
 *  - `subflow_create`: the `signal` flag is refused (EINVAL), `backup` asks for a backup subflow;
 *    the local address/id pair must agree with the list (EINVAL); the connection must be fully
 *    established (ENOTCONN); a bind or connect failure gives EADDRNOTAVAIL / ENETUNREACH and
 *    takes the address back out of the list. MPJoinSynTx (counted by the mechanism).
 *  - `subflow_destroy`: both ports needed (EINVAL); the subflow with that exact 4-tuple (ESRCH
 *    otherwise) is closed without any REMOVE_ADDR. RmSubflow.
 *  - `set_flags` (with a token): `backup` or not → MP_PRIO on the first subflow matching the local
 *    (and remote) address, EINVAL if there is none. MPPrioTx.
 *  - A token that names no connection, or a connection of the in-kernel PM: EINVAL (the kernel's
 *    extack messages "invalid token", "userspace PM not selected").
 * No limit (`ip mptcp limits`) applies: the daemon decides.
 *
 * What the kernel does alone for the userspace PM:
 *  - an incoming ADD_ADDR is reported (ANNOUNCED, AddAddr) and echoed (EchoAddTx) while a daemon
 *    listens to the events, never used to open a subflow; without a listener it is dropped
 *    (AddAddrDrop);
 *  - an incoming MP_JOIN is accepted while a daemon listens (mptcp_can_accept_new_subflow), else
 *    refused (MPJoinRejected); its local id comes from the local address list, an unknown address
 *    being added as an implicit entry with the first free id;
 *  - REMOVE_ADDR received: REMOVED per id, then the subflows towards that remote id are closed
 *    (RmAddr per id), as for the in-kernel PM.
 * kernel-ref runs `ip mptcp monitor` in both namespaces, so a daemon always listens there: `listening`
 * defaults to true.
 *
 * Known differences: the mechanism reports SF_CLOSED when the TCP socket closes, where Linux's
 * mptcp_close_ssk reports SUB_CLOSED at once for a subflow_destroy (a destroyed join that ends in
 * TIME_WAIT shows no SF_CLOSED here); ADD_ADDR retransmission is not deferred behind another
 * pending signal (the mechanism writes signals at once); IPv6 and if-idx are not modelled.
 */
import type { Nanos } from '../sim/time';
import type { KernelPmInfo } from './kernel-pm';
import { ADD_ADDR_RETRANS_MAX } from './kernel-pm';
import { addrFamily, addressesEqual } from './pm-addr';
import { MPTCP_PM_ADDR_MAX, MPTCP_PM_MAX_ADDR_ID } from './pm-namespace';
import type { EndpointFlagName, NamespaceChange, PathManager, PmActions, PmSubflowView } from './types';

/** The errno values the userspace PM commands answer with (negated in the netlink ack). */
export const UPM_ERRNO = {
  ESRCH: 3,
  EINVAL: 22,
  ENOSPC: 28,
  EADDRNOTAVAIL: 99,
  ENETUNREACH: 101,
  ENOTCONN: 107,
} as const;
export type UpmErrno = keyof typeof UPM_ERRNO;

export type UpmResult = { ok: true } | { ok: false; errno: UpmErrno; message: string };

/**
 * A nested address attribute (MPTCP_PM_ATTR_ADDR or MPTCP_PM_ATTR_ADDR_REMOTE): an absent id,
 * port or flags attribute reads as 0, as the kernel's mptcp_pm_parse_entry leaves them.
 */
export interface UpmAddr {
  addr: string;
  id?: number | null;
  port?: number | null;
  flags?: readonly EndpointFlagName[];
}

/** One netlink command of the daemon (the token is resolved by the caller). */
export type UpmCommand =
  | { cmd: 'announce'; local: UpmAddr }
  | { cmd: 'remove'; id: number }
  | { cmd: 'subflow_create' | 'subflow_destroy' | 'set_flags'; local: UpmAddr; remote: UpmAddr };

/** An entry of msk->pm.userspace_pm_local_addr_list. */
export interface UpmLocalAddr {
  id: number;
  addr: string;
  port: number | null;
  flags: EndpointFlagName[];
}

/** Per-connection state, for the UI and tests. */
export interface UserspacePmState {
  /** pm->extra_subflows: joins created or accepted and not closed yet. */
  extraSubflows: number;
  addAddrSignaled: number;
  localAddrUsed: number;
  fullyEstablished: boolean;
  localAddrs: UpmLocalAddr[];
  announced: { id: number; addr: string; port: number | null; retransmissions: number }[];
}

export interface UserspacePathManager extends PathManager {
  announce(local: UpmAddr): UpmResult;
  remove(id: number): UpmResult;
  subflowCreate(local: UpmAddr, remote: UpmAddr): UpmResult;
  subflowDestroy(local: UpmAddr, remote: UpmAddr): UpmResult;
  setFlags(local: UpmAddr, remote: UpmAddr): UpmResult;
  /** mptcp_pm_get_local_id: 0 for the initial source address, else the list's id (an implicit entry if new). */
  localId(addr: string, port?: number | null): number;
  /** mptcp_userspace_pm_is_backup: the backup flag of that address's list entry. */
  isBackup(addr: string, port?: number | null): boolean;
  info(): KernelPmInfo;
  state(): UserspacePmState;
  destroy(): void;
}

export interface UserspacePmOptions {
  /** A daemon listens to the `mptcp_pm_events` group (mptcp_userspace_pm_active); default true. */
  listening?: boolean;
  /** Does the host own this address? Tells a bind failure (EADDRNOTAVAIL) from a connect failure. */
  hasLocalAddr?: (addr: string) => boolean;
}

const ok: UpmResult = { ok: true };
const fail = (errno: UpmErrno, message: string): UpmResult => ({ ok: false, errno, message });

/** An entry of msk->pm.anno_list: an announced address, its retransmissions and its timer. */
type AnnounceEntry = Pick<UpmLocalAddr, 'id' | 'addr' | 'port'> & { retrans: number; cancel: (() => void) | null };

/** The userspace PM as a registry entry: `net.mptcp.path_manager` name, display title key, factory. */
export const userspacePathManager = {
  id: 'userspace',
  titleKey: 'pm.userspace.title',
  create: (actions: PmActions, opts: UserspacePmOptions = {}): UserspacePathManager => createUserspacePm(actions, opts),
} as const;

export function createUserspacePm(actions: PmActions, opts: UserspacePmOptions = {}): UserspacePathManager {
  const listening = opts.listening ?? true;
  const local: UpmLocalAddr[] = [];
  const anno: AnnounceEntry[] = [];
  let localAddrUsed = 0;
  let extraSubflows = 0;
  let addAddrSignaled = 0;
  let fullyEstablished = false;
  let destroyed = false;
  let rmPending: number[] | null = null;
  const closedSeen = new Set<number>();
  /** Subflows closed by subflow_destroy: Linux unlinks them from the connection at once (mptcp_close_ssk). */
  const unlinked = new Set<number>();

  const portOf = (a: UpmAddr): number | null => (a.port ? a.port : null);
  const live = (): PmSubflowView[] => actions.view().subflows.filter((s) => !s.closed && !unlinked.has(s.id));

  // ------------------------------------------------------------------ the local address list

  /**
   * mptcp_userspace_pm_append_new_local_addr: the id of `entry` once it is in the list, or a
   * negative errno. An address already listed must come with its id (or, with `needsId`, with
   * none), an id already listed with its address; a new entry gets the first free id if it has none.
   */
  function append(entry: UpmLocalAddr, needsId: boolean): number {
    if (destroyed) return -UPM_ERRNO.EINVAL;
    const usedIds = new Set<number>();
    let addrMatch = false;
    let idMatch = false;
    for (const e of local) {
      addrMatch = addressesEqual(e, entry, true);
      if (addrMatch && entry.id === 0 && needsId) entry.id = e.id;
      idMatch = e.id === entry.id;
      if (addrMatch || idMatch) break;
      usedIds.add(e.id);
    }
    if (addrMatch && idMatch) return entry.id;
    if (addrMatch || idMatch) return -UPM_ERRNO.EINVAL;
    if (entry.id === 0 && needsId) {
      let id = 1;
      while (usedIds.has(id)) id++;
      if (id > MPTCP_PM_MAX_ADDR_ID) return -UPM_ERRNO.ENOSPC;
      entry.id = id;
    }
    local.push(entry);
    localAddrUsed++;
    return entry.id;
  }

  /** mptcp_userspace_pm_lookup_addr: the first entry of this address, ports ignored. */
  const lookupAddr = (addr: string): UpmLocalAddr | undefined => local.find((e) => e.addr === addr);

  /** mptcp_userspace_pm_delete_local_addr: drop the first entry of this address (ports ignored). */
  function deleteLocalAddr(addr: string): void {
    const i = local.findIndex((e) => e.addr === addr);
    if (i < 0) return;
    local.splice(i, 1);
    localAddrUsed--;
  }

  // ------------------------------------------------------------------ ADD_ADDR announce list (pm.c)

  function sendAnnounce(e: { id: number; addr: string; port: number | null }): void {
    actions.sendAddAddr({ id: e.id, addr: e.addr, port: e.port });
    actions.mib('AddAddrTx');
  }

  /** mptcp_pm_add_timer: up to 3 retransmissions, the timeout doubling each time. */
  function onAddTimer(entry: AnnounceEntry): void {
    entry.cancel = null;
    if (destroyed || entry.id === 0) return;
    const timeout: Nanos = actions.addAddrTimeout();
    if (!(timeout > 0)) return;
    sendAnnounce(entry);
    entry.retrans++;
    if (entry.retrans < ADD_ADDR_RETRANS_MAX) entry.cancel = actions.schedule(timeout * 2 ** entry.retrans, () => onAddTimer(entry));
  }

  /**
   * mptcp_pm_alloc_anno_list for the userspace PM: a known address only has its timer restarted
   * (the ADD_ADDR still goes out again); a new one gets an entry and a timer.
   */
  function announcedAlloc(a: { id: number; addr: string; port: number | null }): void {
    let entry = anno.find((e) => addressesEqual(e, a, true));
    if (!entry) {
      entry = { addr: a.addr, port: a.port, id: a.id, retrans: 0, cancel: null };
      anno.unshift(entry);
    }
    entry.cancel?.();
    entry.cancel = null;
    const timeout = actions.addAddrTimeout();
    const armed = entry;
    if (timeout > 0) armed.cancel = actions.schedule(timeout, () => onAddTimer(armed));
  }

  /** mptcp_pm_announced_remove (mptcp_pm_del_add_timer without the id check): true if it was announced. */
  function announcedRemove(a: { addr: string; port: number | null }): boolean {
    const i = anno.findIndex((e) => addressesEqual(e, a, true));
    if (i < 0) return false;
    anno[i].cancel?.();
    anno.splice(i, 1);
    return true;
  }

  // ------------------------------------------------------------------ the netlink commands

  /** mptcp_pm_nl_announce_doit */
  function announce(addr: UpmAddr): UpmResult {
    const id = addr.id ?? 0;
    if (id === 0) return fail('EINVAL', 'invalid addr id');
    if (!(addr.flags ?? []).includes('signal')) return fail('EINVAL', 'invalid addr flags');
    const entry: UpmLocalAddr = { id, addr: addr.addr, port: portOf(addr), flags: [...(addr.flags ?? [])] };
    if (append(entry, false) < 0) return fail('EINVAL', 'did not match address and id');
    announcedAlloc(entry);
    addAddrSignaled++;
    sendAnnounce(entry);
    return ok;
  }

  /** mptcp_pm_nl_remove_doit */
  function remove(id: number): UpmResult {
    if (id === 0) {
      // mptcp_userspace_pm_remove_id_zero_address: the initial subflow stays in the list, closed or not
      if (!actions.view().subflows.some((s) => s.localId === 0 && (!s.closed || !s.isJoin))) return fail('EINVAL', 'address with id 0 not found');
      sendRmAddr([0]);
      return ok;
    }
    const i = local.findIndex((e) => e.id === id);
    if (i < 0) return fail('EINVAL', `address with id ${id} not found`);
    const [entry] = local.splice(i, 1);
    // (Linux leaves local_addr_used as it is here)
    // mptcp_userspace_pm_remove_addr_entry: only if announced or used by a subflow
    const announced = announcedRemove(entry);
    if (announced || live().some((s) => addressesEqual({ addr: s.localAddr, port: s.localPort }, entry, entry.port !== null))) {
      if (announced) addAddrSignaled--;
      sendRmAddr([entry.id]);
    }
    return ok;
  }

  function sendRmAddr(ids: number[]): void {
    actions.sendRmAddr(ids);
    actions.mib('RmAddrTx', ids.length);
  }

  /** mptcp_pm_nl_subflow_create_doit + __mptcp_subflow_connect */
  function subflowCreate(laddr: UpmAddr, raddr: UpmAddr): UpmResult {
    const flags = laddr.flags ?? [];
    if (flags.includes('signal')) return fail('EINVAL', 'invalid addr flags');
    const sockFamily = addrFamily(actions.view().initialLocal.addr);
    if (addrFamily(laddr.addr) !== addrFamily(raddr.addr) || addrFamily(laddr.addr) !== sockFamily) return fail('EINVAL', 'families mismatch');
    const entry: UpmLocalAddr = { id: laddr.id ?? 0, addr: laddr.addr, port: portOf(laddr), flags: flags.includes('subflow') ? [...flags] : [...flags, 'subflow'] };
    if (append(entry, false) < 0) return fail('EINVAL', 'did not match address and id');
    extraSubflows++;
    let err: UpmResult = ok;
    if (!fullyEstablished) {
      // "The userspace PM sent the request too early?"
      err = fail('ENOTCONN', 'connect error: -107');
    } else if (!actions.createSubflow({ addr: entry.addr, id: entry.id, dev: null }, { addr: raddr.addr, port: raddr.port ?? 0, id: raddr.id ?? 0 }, { backup: flags.includes('backup') })) {
      const bind = opts.hasLocalAddr !== undefined && !opts.hasLocalAddr(entry.addr);
      err = bind ? fail('EADDRNOTAVAIL', 'connect error: -99') : fail('ENETUNREACH', 'connect error: -101');
    }
    if (!err.ok) {
      // mptcp_pm_close_subflow in __mptcp_subflow_connect's error path, then the entry goes
      extraSubflows--;
      deleteLocalAddr(entry.addr);
    }
    return err;
  }

  /** mptcp_pm_nl_subflow_destroy_doit: close the subflow of that exact 4-tuple; no REMOVE_ADDR. */
  function subflowDestroy(laddr: UpmAddr, raddr: UpmAddr): UpmResult {
    if (addrFamily(laddr.addr) !== addrFamily(raddr.addr)) return fail('EINVAL', 'address families do not match');
    if (!laddr.port) return fail('EINVAL', 'missing local port');
    if (!raddr.port) return fail('EINVAL', 'missing remote port');
    const sf = live().find((s) => s.localAddr === laddr.addr && s.remoteAddr === raddr.addr && s.localPort === laddr.port && s.remotePort === raddr.port);
    if (!sf) return fail('ESRCH', 'subflow not found');
    deleteLocalAddr(laddr.addr);
    unlinked.add(sf.id);
    actions.closeSubflows((s) => s.id === sf.id, 'rm_subflow');
    actions.mib('RmSubflow');
    return ok;
  }

  /** mptcp_userspace_pm_set_flags + mptcp_pm_mp_prio_send_ack */
  function setFlags(laddr: UpmAddr, raddr: UpmAddr): UpmResult {
    const backup = (laddr.flags ?? []).includes('backup');
    const entry = lookupAddr(laddr.addr);
    if (entry) entry.flags = backup ? [...entry.flags.filter((f) => f !== 'backup'), 'backup'] : entry.flags.filter((f) => f !== 'backup');
    const lport = portOf(laddr);
    const rport = portOf(raddr);
    const sf = live().find(
      (s) => s.established && addressesEqual({ addr: s.localAddr, port: s.localPort }, { addr: laddr.addr, port: lport }, lport !== null) && addressesEqual({ addr: s.remoteAddr, port: s.remotePort }, { addr: raddr.addr, port: rport }, rport !== null),
    );
    if (!sf) return fail('EINVAL', 'subflow not found');
    actions.sendMpPrio(sf.id, backup);
    actions.mib('MPPrioTx');
    return ok;
  }

  // ------------------------------------------------------------------ the kernel's own part

  /** mptcp_pm_rm_addr_or_subflow(RMADDR), run by the PM worker: close subflows towards these remote ids. */
  function rmAddrWork(): void {
    const ids = rmPending ?? [];
    rmPending = null;
    if (destroyed || actions.view().subflows.length === 0) return;
    for (const id of ids) {
      actions.closeSubflows((s) => !s.closed && s.remoteId === id, 'rm_addr');
      actions.mib('RmAddr');
    }
  }

  const pm: UserspacePathManager = {
    id: 'userspace',

    fullyEstablished(): void {
      fullyEstablished = true;
    },

    subflowEstablished(): void {},

    /** mptcp_pm_subflow_check_next, userspace branch: a join gone is one extra subflow less. */
    subflowClosed(sf: PmSubflowView): void {
      if (!sf.isJoin || closedSeen.has(sf.id)) return;
      closedSeen.add(sf.id);
      extraSubflows--;
    },

    /** mptcp_pm_add_addr_received, userspace branch: report it, echo it if a daemon listens, never use it. */
    addAddrReceived(a): void {
      if (destroyed) return;
      actions.mib('AddAddr');
      if (a.port) actions.mib('PortAdd');
      actions.event('ANNOUNCED', {
        remid: String(a.id),
        [addrFamily(a.addr) === 4 ? 'daddr4' : 'daddr6']: a.addr,
        dport: String(a.port ?? actions.view().initialRemote.port),
      });
      if (!listening) {
        actions.mib('AddAddrDrop');
        return;
      }
      actions.sendAddAddrEcho(a);
      actions.mib('EchoAddTx');
    },

    /** The echo stops the retransmissions of that announcement (mptcp_pm_del_add_timer with check_id). */
    addAddrEchoed(a): void {
      if (destroyed) return;
      actions.mib('EchoAdd');
      if (a.port) actions.mib('PortAdd');
      const entry = anno.find((e) => addressesEqual(e, a, true));
      if (!entry || entry.id !== a.id) return;
      entry.retrans = ADD_ADDR_RETRANS_MAX;
      entry.cancel?.();
      entry.cancel = null;
    },

    /** mptcp_pm_rm_addr_received: REMOVED per id now, the closing in the PM worker (RmAddrDrop if one is pending). */
    rmAddrReceived(ids): void {
      if (destroyed) return;
      for (const id of ids) actions.event('REMOVED', { remid: String(id) });
      if (rmPending !== null) {
        actions.mib('RmAddrDrop', ids.length);
        return;
      }
      rmPending = ids.slice(0, MPTCP_PM_ADDR_MAX);
      actions.schedule(0, rmAddrWork);
    },

    /** mptcp_can_accept_new_subflow + mptcp_pm_allow_new_subflow: any join while a daemon listens. */
    allowNewSubflow(): boolean {
      if (destroyed || !listening) {
        actions.mib('MPJoinRejected');
        return false;
      }
      extraSubflows++;
      return true;
    },

    /** The endpoint table and limits are the in-kernel PM's: nothing to do here. */
    namespaceChanged(_change: NamespaceChange): void {},

    announce: (l) => announce(l),
    remove: (id) => remove(id),
    subflowCreate: (l, r) => subflowCreate(l, r),
    subflowDestroy: (l, r) => subflowDestroy(l, r),
    setFlags: (l, r) => setFlags(l, r),

    localId(addr: string, port: number | null = null): number {
      if (actions.view().initialLocal.addr === addr) return 0;
      const e = lookupAddr(addr);
      if (e) return e.id;
      return append({ id: 0, addr, port: port === actions.view().initialLocal.port ? null : port, flags: ['implicit'] }, true);
    },

    isBackup(addr: string): boolean {
      return lookupAddr(addr)?.flags.includes('backup') ?? false;
    },

    /** MPTCP_INFO: the limits "only make sense for the in-kernel PM" and read 0. */
    info(): KernelPmInfo {
      return {
        subflows: extraSubflows,
        addAddrSignal: addAddrSignaled,
        addAddrAccepted: 0,
        subflowsMax: 0,
        addAddrSignalMax: 0,
        addAddrAcceptedMax: 0,
        localAddrUsed,
        localAddrMax: 0,
        endpLaminarMax: 0,
        endpFullmeshMax: 0,
      };
    },

    state(): UserspacePmState {
      return {
        extraSubflows,
        addAddrSignaled,
        localAddrUsed,
        fullyEstablished,
        localAddrs: local.map((e) => ({ ...e, flags: [...e.flags] })),
        announced: anno.map((e) => ({ id: e.id, addr: e.addr, port: e.port, retransmissions: e.retrans })),
      };
    },

    destroy(): void {
      destroyed = true;
      for (const e of anno) e.cancel?.();
      anno.length = 0;
    },
  };
  return pm;
}

/** Is this connection's PM the userspace one? */
export function isUserspacePm(pm: PathManager | null | undefined): pm is UserspacePathManager {
  return pm?.id === 'userspace';
}

/**
 * One daemon command on a connection: `pm` is the PM of the connection its token names (undefined:
 * no such connection in the token table). Answers as the kernel's doit handlers do.
 */
export function runUserspacePmCommand(pm: PathManager | null | undefined, c: UpmCommand): UpmResult {
  if (pm === undefined) return fail('EINVAL', 'invalid token');
  if (!isUserspacePm(pm)) return fail('EINVAL', 'userspace PM not selected');
  switch (c.cmd) {
    case 'announce':
      return pm.announce(c.local);
    case 'remove':
      return pm.remove(c.id);
    case 'subflow_create':
      return pm.subflowCreate(c.local, c.remote);
    case 'subflow_destroy':
      return pm.subflowDestroy(c.local, c.remote);
    case 'set_flags':
      return pm.setFlags(c.local, c.remote);
  }
}

/**
 * The command as the selftests' `pm_nl_ctl` spells it (the tool that drives the userspace PM on a
 * real machine); `token` in decimal as pm_nl_ctl takes it, null when no connection was found.
 */
export function upmCommandLine(c: UpmCommand, token: number | null): string {
  const tok = ` token ${token === null ? '?' : String(token >>> 0)}`;
  const flagsOf = (a: UpmAddr, dflt: string): string => {
    const f = (a.flags ?? []).join(',');
    return f === dflt ? '' : ` flags ${f === '' ? 'none' : f}`;
  };
  switch (c.cmd) {
    case 'announce':
      return `pm_nl_ctl ann ${c.local.addr} id ${c.local.id ?? 0}${tok}${c.local.port ? ` port ${c.local.port}` : ''}${flagsOf(c.local, 'signal')}`;
    case 'remove':
      return `pm_nl_ctl rem id ${c.id}${tok}`;
    case 'subflow_create':
      return `pm_nl_ctl csf lip ${c.local.addr} lid ${c.local.id ?? 0} rip ${c.remote.addr} rport ${c.remote.port ?? 0}${tok}${flagsOf(c.local, '')}`;
    case 'subflow_destroy':
      return `pm_nl_ctl dsf lip ${c.local.addr} lport ${c.local.port ?? 0} rip ${c.remote.addr} rport ${c.remote.port ?? 0}${tok}`;
    case 'set_flags': {
      const bk = (c.local.flags ?? []).includes('backup') ? 'backup' : 'nobackup';
      return `pm_nl_ctl set ${c.local.addr}${c.local.port ? ` port ${c.local.port}` : ''} flags ${bk}${tok} rip ${c.remote.addr}${c.remote.port ? ` rport ${c.remote.port}` : ''}`;
    }
  }
}
