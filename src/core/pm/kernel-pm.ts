/**
 * The in-kernel path manager ("kernel", net.mptcp.path_manager default), one instance per MPTCP
 * connection, deciding as Linux 6.18 does (net/mptcp/pm.c and pm_kernel.c; reference/kernel.md §4).
 * It is pure policy: it reads the namespace table (`PmNamespace`) and the connection view, and acts
 * only through `PmActions`.
 *
 * Work is deferred like Linux's PM worker: events set status bits (`mptcp_pm_schedule_work`) and a
 * worker run at the same simulated instant (`actions.schedule(0)`) serves them in the kernel's order
 * (RM_ADDR received, ADD_ADDR received, fully established, subflow established). A second event of
 * a kind already pending is dropped (AddAddrDrop / RmAddrDrop), as in Linux.
 *
 * Signals are written immediately by the mechanism (`sendAddAddr` queues the option on a pure ACK it
 * sends at once), so the kernel's "an ADD_ADDR is still waiting to be written" state never lasts:
 * only one ADD_ADDR is announced per worker run, and the next waits for the next run — the echo,
 * a subflow becoming established, or the last retransmission of the previous one.
 *
 * Counters (MPTcpExt) and `ip mptcp monitor` events this PM moves, by name:
 *  - sending: AddAddrTx (each ADD_ADDR, retransmissions included), EchoAddTx, RmAddrTx (per id),
 *    MPPrioTx;
 *  - receiving: AddAddr, PortAdd, EchoAdd, RmAddr (per id), AddAddrDrop, RmAddrDrop, plus the
 *    ANNOUNCED (on ADD_ADDR) and REMOVED (per id of REMOVE_ADDR) events, which kernel-ref shows on
 *    the receiving side only (d_signal: the client logs ANNOUNCED, the announcing server nothing);
 *  - RmSubflow (subflows the local PM closes), MPJoinRejected (allowNewSubflow refusing a join).
 * The mechanism keeps the rest: MPPrioRx and SF_PRIO, MPJoin*, MPJoinSynTx*Err, SF_ESTABLISHED,
 * SF_CLOSED, CREATED, ESTABLISHED, CLOSED, LISTENER_*.
 */
import type { Nanos } from '../sim/time';
import { addrFamily, addressesEqual, familiesMatch, hasFlag } from './pm-addr';
import type { PmNamespace } from './pm-namespace';
import { MPTCP_PM_ADDR_MAX, MPTCP_PM_MAX_ADDR_ID } from './pm-namespace';
import type { NamespaceChange, PathManager, PmActions, PmEndpoint, PmSubflowView } from './types';

/** ADD_ADDR_RETRANS_MAX (pm.c): at most 3 retransmissions, 4 ADD_ADDRs per address. */
export const ADD_ADDR_RETRANS_MAX = 3;

export interface KernelPmSysctl {
  /** net.mptcp.add_addr_timeout, seconds; 0 disables ADD_ADDR retransmission. */
  add_addr_timeout_s: number;
  /**
   * net.mptcp.allow_join_initial_addr_port. It only sets the C flag of our MP_CAPABLE (the
   * mechanism's job); the PM decisions read the *peer's* C flag (`remoteDenyJoinId0`).
   */
  allow_join_initial_addr_port: boolean;
}

/** The MPTCP_INFO fields the path manager owns (struct mptcp_info, kernel PM only). */
export interface KernelPmInfo {
  /** mptcpi_subflows: extra subflows (the initial one not counted). */
  subflows: number;
  addAddrSignal: number;
  addAddrAccepted: number;
  subflowsMax: number;
  addAddrSignalMax: number;
  addAddrAcceptedMax: number;
  localAddrUsed: number;
  localAddrMax: number;
  endpLaminarMax: number;
  endpFullmeshMax: number;
}

/** Per-connection PM state (struct mptcp_pm_data), for the UI and tests. */
export interface KernelPmState {
  workPending: boolean;
  acceptAddr: boolean;
  acceptSubflow: boolean;
  addAddrSignaled: number;
  addAddrAccepted: number;
  localAddrUsed: number;
  extraSubflows: number;
  mpcEndpointId: number;
  /** Endpoint ids this connection has used (cleared bits of id_avail_bitmap). */
  usedIds: number[];
  /** The announce list: addresses we announced, with their retransmission count. */
  announced: { id: number; addr: string; port: number | null; retransmissions: number }[];
}

export interface KernelPathManager extends PathManager {
  info(): KernelPmInfo;
  state(): KernelPmState;
  /**
   * mptcp_pm_get_local_id: 0 for the connection's initial source address, else the endpoint id of
   * `addr` (creating an implicit endpoint if there is none; -1 if the table is full).
   */
  localId(addr: string, port?: number | null): number;
  /** mptcp_pm_is_backup: the backup flag of the endpoint of this local address. */
  isBackup(addr: string, port?: number | null): boolean;
  /** mptcp_pm_destroy: stop the ADD_ADDR timers; the PM ignores everything afterwards. */
  destroy(): void;
}

interface AnnounceEntry {
  addr: string;
  port: number | null;
  /** The endpoint id (not replaced by 0 for the MPC endpoint, as in Linux's anno list). */
  id: number;
  retrans: number;
  cancel: (() => void) | null;
}

interface Remote {
  addr: string;
  port: number;
  id: number;
}

interface LocalPick {
  local: { addr: string; id: number; dev: string | null } | null;
  backup: boolean;
}

// pm->status bits served by the worker
const ST_RM_ADDR_RECEIVED = 1;
const ST_ADD_ADDR_RECEIVED = 2;
const ST_ESTABLISHED = 4;
const ST_SUBFLOW_ESTABLISHED = 8;

/** The in-kernel PM as a registry entry: `net.mptcp.path_manager` name, display title key, factory. */
export const kernelPathManager = {
  id: 'kernel',
  titleKey: 'pm.kernel.title',
  create: (ns: PmNamespace, actions: PmActions, sysctl: KernelPmSysctl): KernelPathManager => createKernelPm(ns, actions, sysctl),
} as const;

export function createKernelPm(ns: PmNamespace, actions: PmActions, sysctl: KernelPmSysctl): KernelPathManager {
  const subflowsAllowed = ns.limits.subflows > 0;
  // mptcp_pm_data_reset
  let workPending = (ns.endpSubflowMax > 0 && subflowsAllowed) || ns.endpSignalMax > 0;
  let acceptAddr = ns.limits.addAddrAccepted > 0 && subflowsAllowed;
  let acceptSubflow = subflowsAllowed;
  let addAddrSignaled = 0;
  let addAddrAccepted = 0;
  let localAddrUsed = 0;
  let extraSubflows = 0;
  /** id_avail_bitmap: 1 = this connection has not used the endpoint id yet. */
  const avail = new Uint8Array(MPTCP_PM_MAX_ADDR_ID + 1).fill(1);
  let mpcEndpointId = 0;
  let mpcAccounted = false;
  let fullyEstablished = false;
  let alreadyEstablished = false;
  let status = 0;
  let workScheduled = false;
  let destroyed = false;
  const anno: AnnounceEntry[] = [];
  let pendingRemote: { id: number; addr: string; port: number | null } | null = null;
  let pendingRmList: number[] = [];
  /** Joins we opened, by remote id (Linux subflow->request_join, read when REMOVE_ADDR closes them). */
  const ownJoins = new Map<number, number>();
  /** Subflows already reported closed (subflow->close_event_done). */
  const closedSeen = new Set<number>();

  const limitSubflows = () => ns.limits.subflows;
  const limitAccepted = () => ns.limits.addAddrAccepted;

  // ------------------------------------------------------------------ worker

  /** mptcp_pm_schedule_work: false when that kind of work is already pending. */
  function scheduleWork(bit: number): boolean {
    if (status & bit) return false;
    status |= bit;
    if (!workScheduled) {
      workScheduled = true;
      actions.schedule(0, runWorker);
    }
    return true;
  }

  /** mptcp_pm_worker + __mptcp_pm_kernel_worker, in the kernel's order. */
  function runWorker(): void {
    workScheduled = false;
    if (destroyed) return;
    if (status & ST_RM_ADDR_RECEIVED) {
      status &= ~ST_RM_ADDR_RECEIVED;
      rmAddrRecv();
    }
    if (status & ST_ADD_ADDR_RECEIVED) {
      status &= ~ST_ADD_ADDR_RECEIVED;
      addAddrReceivedWork();
    }
    if (status & ST_ESTABLISHED) {
      status &= ~ST_ESTABLISHED;
      createSubflowOrSignalAddr();
    }
    if (status & ST_SUBFLOW_ESTABLISHED) {
      status &= ~ST_SUBFLOW_ESTABLISHED;
      createSubflowOrSignalAddr();
    }
  }

  /** mptcp_pm_subflow_established: more work only while work_pending. */
  function pokeSubflowEstablished(): void {
    if (workPending) scheduleWork(ST_SUBFLOW_ESTABLISHED);
  }

  /**
   * mptcp_pm_nl_check_work_pending: no more work once the subflow limit is reached or every
   * endpoint id of the table has been used by this connection. It never turns work_pending on again.
   */
  function checkWorkPending(): boolean {
    if (extraSubflows === limitSubflows() || !ns.endpoints.some((e) => avail[e.id] === 1)) {
      workPending = false;
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ helpers over the view

  const liveSubflows = () => actions.view().subflows.filter((s) => !s.closed);
  /** The MPTCP socket's family: the initial subflow's. */
  const sockFamily = () => addrFamily(actions.view().initialLocal.addr);

  /** mptcp_pm_add_addr_c_flag_case: the peer denies id 0 and we accept no ADD_ADDR. */
  function cFlagCase(): boolean {
    return actions.view().remoteDenyJoinId0 && localAddrUsed === 0 && limitAccepted() === 0 && extraSubflows < limitSubflows();
  }

  /** mptcp_endp_get_local_id: the MPC endpoint is id 0 on the wire. */
  const endpLocalId = (ep: PmEndpoint) => (ep.id === mpcEndpointId ? 0 : ep.id);

  /** mptcp_lookup_subflow_by_saddr */
  function hasSubflowFrom(ep: PmEndpoint): boolean {
    return liveSubflows().some((s) => addressesEqual({ addr: s.localAddr, port: s.localPort }, ep, ep.port !== null));
  }

  /** mptcp_mpc_endpoint_setup: the endpoint of the initial source address becomes id 0, used. */
  function mpcEndpointSetup(): void {
    if (mpcAccounted) return;
    const v = actions.view();
    const first = v.subflows.find((s) => !s.isJoin);
    if (!first) return;
    const ep = ns.lookup(v.initialLocal.addr, v.initialLocal.port);
    let backup = false;
    if (ep) {
      avail[ep.id] = 0;
      mpcEndpointId = ep.id;
      backup = hasFlag(ep, 'backup');
    }
    if (backup) sendMpPrio(first.id, true);
    mpcAccounted = true;
  }

  function sendMpPrio(subflowId: number, backup: boolean): void {
    actions.sendMpPrio(subflowId, backup);
    actions.mib('MPPrioTx');
  }

  function announce(a: { id: number; addr: string; port: number | null }): void {
    actions.sendAddAddr(a);
    actions.mib('AddAddrTx');
  }

  function echo(a: { id: number; addr: string; port: number | null }): void {
    actions.sendAddAddrEcho(a);
    actions.mib('EchoAddTx');
  }

  /** mptcp_pm_remove_addr: one REMOVE_ADDR with these ids. */
  function removeAddr(ids: number[]): void {
    actions.sendRmAddr(ids);
    actions.mib('RmAddrTx', ids.length);
  }

  /** mptcp_pm_rm_subflow: close our subflows whose local id is listed (RmSubflow each). */
  function rmSubflow(ids: number[]): void {
    if (actions.view().subflows.length === 0) return;
    for (const id of ids) {
      const n = actions.closeSubflows((s) => !s.closed && s.localId === id, 'rm_subflow');
      if (n > 0) actions.mib('RmSubflow', n);
    }
  }

  /** __mark_subflow_endp_available */
  function markSubflowEndpAvailable(id: number): void {
    const bit = id !== 0 ? id : mpcEndpointId;
    const wasUsed = avail[bit] === 0;
    avail[bit] = 1;
    if (wasUsed && id !== 0 && localAddrUsed > 0) localAddrUsed--;
  }

  /** mptcp_pm_close_subflow: a subflow counted in extra_subflows is gone (or never started). */
  function closeSubflowAccounting(): void {
    if (extraSubflows > 0) extraSubflows--;
    if (extraSubflows < limitSubflows()) acceptSubflow = true;
  }

  /** __mptcp_subflow_connect; a bind/connect failure gives the subflow slot back. */
  function connect(pick: LocalPick, remote: Remote): boolean {
    const ok = actions.createSubflow(pick.local, remote, { backup: pick.backup });
    if (!ok) {
      closeSubflowAccounting();
      return false;
    }
    ownJoins.set(remote.id, (ownJoins.get(remote.id) ?? 0) + 1);
    return true;
  }

  // ------------------------------------------------------------------ announce list + timers

  /** The timeout of mptcp_adjust_add_addr_timeout; 0 = no retransmission. */
  function addAddrTimeout(): Nanos {
    if (!(sysctl.add_addr_timeout_s > 0)) return 0;
    const t = actions.addAddrTimeout();
    return t > 0 ? t : 0;
  }

  /** mptcp_pm_announced_alloc: an entry with its retransmission timer. */
  function announcedAlloc(ep: PmEndpoint): AnnounceEntry | null {
    if (anno.some((a) => addressesEqual(a, ep, true))) return null;
    const entry: AnnounceEntry = { addr: ep.addr, port: ep.port, id: ep.id, retrans: 0, cancel: null };
    anno.unshift(entry);
    const t = addAddrTimeout();
    if (t > 0) entry.cancel = actions.schedule(t, () => addTimer(entry));
    return entry;
  }

  /**
   * mptcp_pm_add_timer: retransmit the ADD_ADDR (with the entry's id) up to 3 times, each timeout
   * doubling (timeout << retransmissions); after the last one, let the PM move on.
   */
  function addTimer(entry: AnnounceEntry): void {
    entry.cancel = null;
    if (destroyed || !entry.id) return;
    const timeout = addAddrTimeout();
    if (!timeout) return;
    if (entry.retrans < ADD_ADDR_RETRANS_MAX) {
      announce({ id: entry.id, addr: entry.addr, port: entry.port });
      entry.retrans++;
    }
    if (entry.retrans < ADD_ADDR_RETRANS_MAX) entry.cancel = actions.schedule(timeout * 2 ** entry.retrans, () => addTimer(entry));
    else pokeSubflowEstablished();
  }

  /** mptcp_pm_announced_del_timer with check_id: the echo stops the retransmissions. */
  function stopAnnounceTimer(a: { id: number; addr: string; port: number | null }): void {
    const entry = anno.find((e) => addressesEqual(e, a, true));
    if (!entry || entry.id !== a.id) return;
    entry.retrans = ADD_ADDR_RETRANS_MAX;
    entry.cancel?.();
    entry.cancel = null;
  }

  /** mptcp_pm_announced_remove: drop the entry of this address (true if there was one). */
  function removeAnnounced(ep: { addr: string; port: number | null }): boolean {
    const i = anno.findIndex((e) => addressesEqual(e, ep, true));
    if (i < 0) return false;
    anno[i].cancel?.();
    anno.splice(i, 1);
    return true;
  }

  // ------------------------------------------------------------------ mptcp_pm_create_subflow_or_signal_addr

  function selectSignalAddress(): PmEndpoint | null {
    for (const ep of ns.endpoints) if (avail[ep.id] === 1 && hasFlag(ep, 'signal')) return ep;
    return null;
  }

  function selectLocalAddress(): PmEndpoint | null {
    for (const ep of ns.endpoints) if (hasFlag(ep, 'subflow') && avail[ep.id] === 1) return ep;
    return null;
  }

  /** fill_remote_addr: the initial remote address and port (remote id 0), unless denied. */
  function fillRemoteAddr(localAddr: string): Remote[] {
    const v = actions.view();
    if (v.remoteDenyJoinId0) return [];
    if (!familiesMatch(addrFamily(v.initialLocal.addr), localAddr, v.initialRemote.addr)) return [];
    extraSubflows++;
    return [{ addr: v.initialRemote.addr, port: v.initialRemote.port, id: 0 }];
  }

  /** fill_remote_addresses_fullmesh: one subflow per remote id already in use, up to the limit. */
  function fillRemoteFullmesh(localAddr: string, localId: number): Remote[] {
    const limit = limitSubflows();
    const v = actions.view();
    const deny = v.remoteDenyJoinId0;
    const fam = addrFamily(v.initialLocal.addr);
    const subflows = liveSubflows();
    const unavail = new Set<number>();
    for (const s of subflows) if (s.localId === localId) unavail.add(s.remoteId);
    const out: Remote[] = [];
    for (const s of subflows) {
      if (deny && s.remoteId === 0) continue;
      if (unavail.has(s.remoteId)) continue;
      if (!familiesMatch(fam, localAddr, s.remoteAddr)) continue;
      unavail.add(s.remoteId);
      extraSubflows++;
      out.push({ addr: s.remoteAddr, port: s.remotePort, id: s.remoteId });
      if (extraSubflows >= limit) break;
    }
    return out;
  }

  /**
   * Announce first (one ADD_ADDR per run), then subflows from the `subflow` endpoints while
   * endpoints and the subflow limit allow (reference/kernel.md §4 "Algorithm").
   */
  function createSubflowOrSignalAddr(): void {
    if (destroyed) return;
    mpcEndpointSetup();
    let signalAndSubflow: PmEndpoint | null = null;
    if (addAddrSignaled < ns.endpSignalMax) {
      const ep = selectSignalAddress();
      if (ep) {
        if (!announcedAlloc(ep)) return;
        avail[ep.id] = 0;
        addAddrSignaled++;
        announce({ id: endpLocalId(ep), addr: ep.addr, port: ep.port });
        if (hasFlag(ep, 'subflow')) signalAndSubflow = ep;
      }
    }
    if (!cFlagCase()) {
      while (localAddrUsed < ns.endpSubflowMax && extraSubflows < limitSubflows()) {
        let ep: PmEndpoint | null;
        if (signalAndSubflow) {
          ep = signalAndSubflow;
          signalAndSubflow = null;
        } else {
          ep = selectLocalAddress();
          if (!ep) break;
        }
        avail[ep.id] = 0;
        const localId = endpLocalId(ep);
        if (localId !== 0) localAddrUsed++;
        const remotes = hasFlag(ep, 'fullmesh') ? fillRemoteFullmesh(ep.addr, localId) : fillRemoteAddr(ep.addr);
        const pick: LocalPick = { local: { addr: ep.addr, id: localId, dev: ep.dev }, backup: hasFlag(ep, 'backup') };
        for (const r of remotes) connect(pick, r);
      }
    }
    checkWorkPending();
  }

  // ------------------------------------------------------------------ mptcp_pm_nl_add_addr_received

  /** fill_local_addresses_vec_fullmesh: one subflow from each fullmesh endpoint of the family. */
  function fullmeshLocals(remote: Remote, cFlag: boolean): LocalPick[] {
    const limit = limitSubflows();
    const out: LocalPick[] = [];
    for (const ep of ns.endpoints) {
      if (!hasFlag(ep, 'fullmesh') || !familiesMatch(sockFamily(), ep.addr, remote.addr)) continue;
      const isId0 = ep.id === mpcEndpointId;
      if (cFlag && hasFlag(ep, 'subflow')) {
        avail[ep.id] = 0;
        if (!isId0) localAddrUsed++;
      }
      extraSubflows++;
      out.push({ local: { addr: ep.addr, id: isId0 ? 0 : ep.id, dev: ep.dev }, backup: hasFlag(ep, 'backup') });
      if (extraSubflows >= limit) break;
    }
    return out;
  }

  /** fill_local_laminar_endp (6.18): the first laminar endpoint not already used by a live subflow. */
  function laminarLocal(remote: Remote): LocalPick[] {
    const unavail = new Set<number>();
    for (const s of liveSubflows()) unavail.add(s.localId);
    for (const ep of ns.endpoints) {
      if (!hasFlag(ep, 'laminar') || !familiesMatch(sockFamily(), ep.addr, remote.addr)) continue;
      const lid = endpLocalId(ep);
      if (unavail.has(lid)) continue;
      if (hasFlag(ep, 'subflow')) {
        avail[ep.id] = 0;
        if (ep.id !== mpcEndpointId) localAddrUsed++;
      }
      extraSubflows++;
      return [{ local: { addr: ep.addr, id: lid, dev: ep.dev }, backup: hasFlag(ep, 'backup') }];
    }
    return [];
  }

  /** fill_local_addresses_vec_c_flag: the peer denies id 0 and we accept no ADD_ADDR: use `subflow` endpoints. */
  function cFlagLocals(remote: Remote): LocalPick[] {
    const limit = limitSubflows();
    const out: LocalPick[] = [];
    while (localAddrUsed < ns.endpSubflowMax) {
      const ep = selectLocalAddress();
      if (!ep) break;
      avail[ep.id] = 0;
      if (!familiesMatch(sockFamily(), ep.addr, remote.addr)) continue;
      if (ep.id === mpcEndpointId) continue;
      localAddrUsed++;
      extraSubflows++;
      out.push({ local: { addr: ep.addr, id: ep.id, dev: ep.dev }, backup: hasFlag(ep, 'backup') });
      if (extraSubflows >= limit) break;
    }
    return out;
  }

  /** fill_local_addresses_vec: (a) fullmesh, (b) laminar, (c) C-flag case, (d) IPADDRANY. */
  function fillLocalAddresses(remote: Remote): LocalPick[] {
    const cFlag = remote.id !== 0 && cFlagCase();
    if (ns.endpFullmeshMax > 0) {
      const r = fullmeshLocals(remote, cFlag);
      if (r.length > 0) return r;
    }
    if (ns.endpLaminarMax > 0) return laminarLocal(remote);
    if (cFlag) return cFlagLocals(remote);
    if (!familiesMatch(sockFamily(), null, remote.addr)) return [];
    extraSubflows++;
    return [{ local: null, backup: false }];
  }

  /** The worker's half of an ADD_ADDR: echo it, then connect to it unless a subflow goes there already. */
  function addAddrReceivedWork(): void {
    const a = pendingRemote;
    pendingRemote = null;
    if (!a) return;
    echo(a);
    mpcEndpointSetup();
    // lookup_subflow_by_daddr (established or connecting subflows; the port only when announced)
    if (liveSubflows().some((s) => addressesEqual({ addr: s.remoteAddr, port: s.remotePort }, a, a.port !== null))) return;
    const remote: Remote = { addr: a.addr, port: a.port ?? actions.view().initialRemote.port, id: a.id };
    const picks = fillLocalAddresses(remote);
    if (picks.length === 0) return;
    let created = false;
    for (const p of picks) if (connect(p, remote)) created = true;
    if (created) {
      if (remote.id !== 0) addAddrAccepted++;
      if (addAddrAccepted >= limitAccepted() || extraSubflows >= limitSubflows()) acceptAddr = false;
    }
  }

  // ------------------------------------------------------------------ REMOVE_ADDR received

  /** mptcp_pm_rm_addr_or_subflow(RMADDR): close subflows whose remote id is listed; RmAddr per id. */
  function rmAddrRecv(): void {
    const ids = pendingRmList;
    pendingRmList = [];
    if (ids.length === 0 || actions.view().subflows.length === 0) return;
    for (const id of ids) {
      let removed = false;
      actions.closeSubflows((s) => {
        if (s.closed || s.remoteId !== id) return false;
        if (s.isJoin && (ownJoins.get(id) ?? 0) > 0) removed = true;
        return true;
      }, 'rm_addr');
      actions.mib('RmAddr');
      // mptcp_pm_nl_rm_addr: a joined subflow towards an accepted ADD_ADDR is gone
      if (removed && id !== 0 && addAddrAccepted > 0) {
        addAddrAccepted--;
        if (addAddrAccepted < limitAccepted()) acceptAddr = true;
      }
    }
  }

  // ------------------------------------------------------------------ namespace changes

  /** mptcp_nl_remove_subflow_and_signal_addr, for this connection. */
  function endpointDeleted(ep: PmEndpoint): void {
    const removeSubflow = hasSubflowFrom(ep);
    const lid = endpLocalId(ep);
    // mptcp_pm_remove_anno_addr(force = a subflow uses it and it is not implicit)
    const announced = removeAnnounced(ep);
    if (announced || (removeSubflow && !hasFlag(ep, 'implicit'))) {
      if (announced) {
        avail[ep.id] = 1;
        addAddrSignaled--;
      }
      removeAddr([lid]);
    }
    if (removeSubflow) rmSubflow([lid]);
    if (hasFlag(ep, 'subflow')) markSubflowEndpAvailable(lid);
    if (mpcEndpointId === ep.id) mpcEndpointId = 0;
  }

  /** mptcp_nl_remove_id_zero_address: `delete id 0 ADDR` on a connection whose initial source is ADDR. */
  function idZeroDeleted(addr: string): void {
    const v = actions.view();
    if (v.subflows.length === 0 || v.initialLocal.addr !== addr) return;
    removeAddr([0]);
    rmSubflow([0]);
    markSubflowEndpAvailable(0);
  }

  /** mptcp_pm_nl_set_flags_all: backup → MP_PRIO on the first matching subflow; fullmesh → recreate. */
  function endpointChanged(ep: PmEndpoint, before: PmEndpoint): void {
    const backupChanged = hasFlag(ep, 'backup') !== hasFlag(before, 'backup');
    const fullmeshChanged = hasFlag(ep, 'fullmesh') !== hasFlag(before, 'fullmesh');
    const isSubflow = hasFlag(ep, 'subflow');
    if (!backupChanged && fullmeshChanged && !isSubflow) return;
    if (actions.view().subflows.length === 0) return;
    if (backupChanged) {
      // mptcp_pm_mp_prio_send_ack: the first subflow whose local address is the endpoint's
      const sf = liveSubflows().find((s) => addressesEqual({ addr: s.localAddr, port: s.localPort }, ep, ep.port !== null));
      if (sf) sendMpPrio(sf.id, hasFlag(ep, 'backup'));
    }
    if (isSubflow && fullmeshChanged) {
      // mptcp_pm_nl_fullmesh: close the subflows of that endpoint and recreate them in the new mode
      const lid = endpLocalId(ep);
      rmSubflow([lid]);
      markSubflowEndpAvailable(lid);
      createSubflowOrSignalAddr();
    }
  }

  /** mptcp_pm_flush_addrs_and_subflows: one REMOVE_ADDR for the announced ones, close the rest. */
  function flushed(eps: PmEndpoint[]): void {
    const slist: number[] = [];
    const alist: number[] = [];
    for (const ep of eps) {
      if (slist.length < MPTCP_PM_ADDR_MAX && hasSubflowFrom(ep)) slist.push(endpLocalId(ep));
      if (alist.length < MPTCP_PM_ADDR_MAX && removeAnnounced(ep)) alist.push(endpLocalId(ep));
    }
    if (alist.length > 0) {
      addAddrSignaled -= alist.length;
      removeAddr(alist);
    }
    if (slist.length > 0) rmSubflow(slist);
    avail.fill(1);
    localAddrUsed = 0;
  }

  /** mptcp_nl_add_subflow_or_signal_addr, for this connection (fully established ones only). */
  function endpointAdded(ep: PmEndpoint): void {
    if (!fullyEstablished) return;
    const v = actions.view();
    if (addressesEqual(ep, v.initialLocal, ep.port !== null)) mpcEndpointId = ep.id;
    createSubflowOrSignalAddr();
  }

  // ------------------------------------------------------------------ the PathManager

  const pm: KernelPathManager = {
    id: 'kernel',

    /** mptcp_pm_fully_established: served once. */
    fullyEstablished(): void {
      if (destroyed) return;
      fullyEstablished = true;
      if (workPending && !alreadyEstablished) scheduleWork(ST_ESTABLISHED);
      alreadyEstablished = true;
    },

    subflowEstablished(_sf: PmSubflowView): void {
      if (destroyed) return;
      pokeSubflowEstablished();
    },

    /** mptcp_pm_subflow_check_next: a join gone frees a slot; try the next endpoint. */
    subflowClosed(sf: PmSubflowView): void {
      if (destroyed || closedSeen.has(sf.id)) return;
      closedSeen.add(sf.id);
      const updateSubflows = sf.isJoin;
      if (!workPending && !updateSubflows) return;
      if (updateSubflows) closeSubflowAccounting();
      if (fullyEstablished && checkWorkPending()) scheduleWork(ST_SUBFLOW_ESTABLISHED);
    },

    /**
     * mptcp_pm_add_addr_received. An ADD_ADDR is echoed at once (and not used) when it is id 0 with
     * another address than the initial one, or when we accept no more addresses (outside the C-flag
     * case); otherwise the worker echoes it and connects to it.
     */
    addAddrReceived(a): void {
      if (destroyed) return;
      actions.mib('AddAddr');
      if (a.port) actions.mib('PortAdd');
      const v = actions.view();
      actions.event('ANNOUNCED', {
        remid: String(a.id),
        [addrFamily(a.addr) === 4 ? 'daddr4' : 'daddr6']: a.addr,
        dport: String(a.port ?? v.initialRemote.port),
      });
      const isInitRemote = addressesEqual(v.initialRemote, a, a.port !== null);
      if ((a.id === 0 && !isInitRemote) || (a.id > 0 && !acceptAddr && !cFlagCase())) {
        echo(a);
      } else if (scheduleWork(ST_ADD_ADDR_RECEIVED)) {
        pendingRemote = { id: a.id, addr: a.addr, port: a.port };
      } else {
        actions.mib('AddAddrDrop');
      }
    },

    /** mptcp_pm_add_addr_echoed + mptcp_pm_announced_del_timer(check_id). */
    addAddrEchoed(a): void {
      if (destroyed) return;
      actions.mib('EchoAdd');
      if (a.port) actions.mib('PortAdd');
      if (workPending && anno.some((e) => addressesEqual(e, a, true))) scheduleWork(ST_SUBFLOW_ESTABLISHED);
      stopAnnounceTimer(a);
    },

    /** mptcp_pm_rm_addr_received: REMOVED per id now, the closing in the worker. */
    rmAddrReceived(ids): void {
      if (destroyed) return;
      for (const id of ids) actions.event('REMOVED', { remid: String(id) });
      if (scheduleWork(ST_RM_ADDR_RECEIVED)) pendingRmList = ids.slice(0, MPTCP_PM_ADDR_MAX);
      else actions.mib('RmAddrDrop', ids.length);
    },

    /** mptcp_pm_allow_new_subflow (kernel PM): extra_subflows below the limit, else MPJoinRejected. */
    allowNewSubflow(): boolean {
      let ok = false;
      if (!destroyed && acceptSubflow) {
        ok = extraSubflows < limitSubflows();
        if (ok && ++extraSubflows === limitSubflows()) acceptSubflow = false;
      }
      if (!ok) actions.mib('MPJoinRejected');
      return ok;
    },

    namespaceChanged(change: NamespaceChange): void {
      if (destroyed) return;
      switch (change.kind) {
        case 'endpointAdded':
          endpointAdded(change.ep);
          break;
        case 'endpointDeleted':
          endpointDeleted(change.ep);
          break;
        case 'endpointChanged':
          endpointChanged(change.ep, change.before);
          break;
        case 'flushed':
          flushed(change.eps);
          break;
        case 'idZeroDeleted':
          idZeroDeleted(change.addr);
          break;
        case 'limits':
          // Linux only stores the new limits; connections read them at their next decision.
          break;
      }
    },

    info(): KernelPmInfo {
      return {
        subflows: extraSubflows,
        addAddrSignal: addAddrSignaled,
        addAddrAccepted,
        subflowsMax: limitSubflows(),
        addAddrSignalMax: ns.endpSignalMax,
        addAddrAcceptedMax: limitAccepted(),
        localAddrUsed,
        localAddrMax: ns.endpSubflowMax,
        endpLaminarMax: ns.endpLaminarMax,
        endpFullmeshMax: ns.endpFullmeshMax,
      };
    },

    state(): KernelPmState {
      const usedIds: number[] = [];
      for (let id = 1; id <= MPTCP_PM_MAX_ADDR_ID; id++) if (avail[id] === 0) usedIds.push(id);
      return {
        workPending,
        acceptAddr,
        acceptSubflow,
        addAddrSignaled,
        addAddrAccepted,
        localAddrUsed,
        extraSubflows,
        mpcEndpointId,
        usedIds,
        announced: anno.map((e) => ({ id: e.id, addr: e.addr, port: e.port, retransmissions: e.retrans })),
      };
    },

    localId(addr: string, port: number | null = null): number {
      if (actions.view().initialLocal.addr === addr) return 0;
      return ns.localIdFor(addr, port);
    },

    isBackup(addr: string, port: number | null = null): boolean {
      return ns.isBackup(addr, port);
    },

    destroy(): void {
      destroyed = true;
      for (const e of anno) e.cancel?.();
      anno.length = 0;
    },
  };
  return pm;
}
