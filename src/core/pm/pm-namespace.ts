/**
 * The per-network-namespace state of the in-kernel path manager: what `ip mptcp endpoint` and
 * `ip mptcp limits` edit. After Linux 6.18 net/mptcp/pm_kernel.c (`struct pm_nl_pernet`,
 * `mptcp_pm_nl_append_new_local_addr`, `mptcp_pm_nl_add_addr_doit`, `mptcp_pm_nl_del_addr_doit`,
 * `mptcp_pm_nl_set_flags`, `mptcp_pm_nl_flush_addrs_doit`, `mptcp_pm_nl_set_limits_doit`,
 * `mptcp_pm_nl_get_local_id`); reference/kernel.md §4.
 *
 * Every operation returns the kernel's errno and its extack message, so the `ip mptcp` console
 * can print what iproute2 prints. Checks that only iproute2 makes (e.g. "ID cannot be 0" on add)
 * are left to the console, except where noted.
 *
 * Live connections hear about changes through `subscribe()`; the mechanism forwards each change
 * to every kernel-PM connection of the namespace (`PathManager.namespaceChanged`), as Linux walks
 * its token table after updating the table.
 */
import { addressesEqual, cloneEndpoint, hasFlag } from './pm-addr';
import type { EndpointFlagName, NamespaceChange, PmEndpoint } from './types';

/** MPTCP_PM_ADDR_MAX: endpoints per namespace, and the largest value of each limit. */
export const MPTCP_PM_ADDR_MAX = 8;
/** MPTCP_PM_MAX_ADDR_ID: ids are 1..255 (id 0 is the initial subflow's address). */
export const MPTCP_PM_MAX_ADDR_ID = 255;

/** Linux errno numbers, for messages that print them (`too many addresses or duplicate one: -34`). */
export const ERRNO: Readonly<Record<PmErrno, number>> = {
  ENOENT: 2,
  EBUSY: 16,
  EEXIST: 17,
  EINVAL: 22,
  ERANGE: 34,
  EOPNOTSUPP: 95,
};

export type PmErrno = 'EINVAL' | 'EEXIST' | 'ERANGE' | 'EBUSY' | 'EOPNOTSUPP' | 'ENOENT';
export interface PmError {
  ok: false;
  errno: PmErrno;
  message: string;
}
export type PmResult<T extends object = object> = ({ ok: true } & T) | PmError;

/** `ip mptcp endpoint add ADDR [port P] [dev IF] [id ID] [FLAGS]`; `id` absent = allocate one. */
export interface EndpointRequest {
  addr: string;
  id?: number;
  port?: number | null;
  dev?: string | null;
  flags?: readonly EndpointFlagName[];
}

/** `ip mptcp endpoint change` target: by id (no address), or by address (and port). */
export interface EndpointTarget {
  id?: number;
  addr?: string;
  port?: number | null;
}

export interface PmLimits {
  /** Extra subflows (`subflows`, netlink MPTCP_PM_ATTR_SUBFLOWS), default 2. */
  subflows: number;
  /** ADD_ADDRs accepted (`add_addr_accepted`, MPTCP_PM_ATTR_RCV_ADD_ADDRS), default 0. */
  addAddrAccepted: number;
}

const fail = (errno: PmErrno, message: string): PmError => ({ ok: false, errno, message });
/** GENL_SET_ERR_MSG_FMT(info, "too many addresses or duplicate one: %d", ret) */
const appendFail = (errno: PmErrno): PmError => fail(errno, `too many addresses or duplicate one: -${ERRNO[errno]}`);

/** Only an endpoint that is `signal` without `subflow` is told apart by its port (address_use_port). */
function addressUsePort(flags: readonly EndpointFlagName[]): boolean {
  return flags.includes('signal') && !flags.includes('subflow');
}

export class PmNamespace {
  private list: PmEndpoint[] = [];
  /** pernet->id_bitmap: 1 = the id belongs to an endpoint. */
  private readonly idUsed = new Uint8Array(MPTCP_PM_MAX_ADDR_ID + 1);
  /** pernet->next_id: the highest id handed out (allocation searches from here). */
  private nextId = 1;
  private readonly lim: PmLimits = { subflows: 2, addAddrAccepted: 0 };
  private signalMax = 0;
  private subflowMax = 0;
  private fullmeshMax = 0;
  private laminarMax = 0;
  private readonly listeners: ((change: NamespaceChange) => void)[] = [];

  /** The endpoint table in Linux list order (entries with a port first). Treat as read-only. */
  get endpoints(): readonly PmEndpoint[] {
    return this.list;
  }
  get limits(): Readonly<PmLimits> {
    return this.lim;
  }
  /** Endpoints with the `signal` flag (mptcpi_add_addr_signal_max). */
  get endpSignalMax(): number {
    return this.signalMax;
  }
  /** Endpoints with the `subflow` flag (mptcpi_local_addr_max). */
  get endpSubflowMax(): number {
    return this.subflowMax;
  }
  /** Endpoints with the `fullmesh` flag (mptcpi_endp_fullmesh_max). */
  get endpFullmeshMax(): number {
    return this.fullmeshMax;
  }
  /** Endpoints with the `laminar` flag (mptcpi_endp_laminar_max, Linux 6.18). */
  get endpLaminarMax(): number {
    return this.laminarMax;
  }

  /** Is `id` the id of an endpoint of this namespace (pernet->id_bitmap)? */
  idInUse(id: number): boolean {
    return id > 0 && id <= MPTCP_PM_MAX_ADDR_ID && this.idUsed[id] === 1;
  }

  getById(id: number): PmEndpoint | null {
    for (const ep of this.list) if (ep.id === id) return ep;
    return null;
  }

  /** Linux `__lookup_addr`: the port is compared only when the entry has one. */
  lookup(addr: string, port: number | null = null): PmEndpoint | null {
    for (const ep of this.list) if (addressesEqual(ep, { addr, port }, ep.port !== null)) return ep;
    return null;
  }

  /** Listen to table and limit changes; returns the unsubscribe function. */
  subscribe(fn: (change: NamespaceChange) => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private notify(change: NamespaceChange): void {
    for (const fn of this.listeners.slice()) fn(change);
  }

  // ------------------------------------------------------------------ endpoint add

  /**
   * `ip mptcp endpoint add` (mptcp_pm_nl_add_addr_doit). Errors, in the kernel's order:
   * a port without `signal`-only flags, `signal`+`fullmesh`, `implicit` → EINVAL; a full table → ERANGE;
   * an id already used → EBUSY; an existing address → EEXIST, except an implicit entry, which is
   * replaced (keeping its id) when no id was given and refused with EINVAL when one was.
   */
  add(req: EndpointRequest): PmResult<{ ep: PmEndpoint; replaced: PmEndpoint | null }> {
    const flags = req.flags ? dedupe(req.flags) : [];
    const port = req.port ? req.port : null;
    if (req.id !== undefined && (!Number.isInteger(req.id) || req.id < 1 || req.id > MPTCP_PM_MAX_ADDR_ID)) {
      // iproute2 refuses id 0 ("cannot be 0") and ids that do not fit a u8
      return fail('EINVAL', req.id === 0 ? 'ID cannot be 0' : `invalid ID ${req.id}`);
    }
    if (port !== null && !addressUsePort(flags)) return fail('EINVAL', 'flags must have signal and not subflow when using port');
    if (flags.includes('signal') && flags.includes('fullmesh')) return fail('EINVAL', "flags mustn't have both signal and fullmesh");
    if (flags.includes('implicit')) return fail('EINVAL', "can't create IMPLICIT endpoint");
    const entry: PmEndpoint = { id: req.id ?? 0, addr: req.addr, port, dev: req.dev ?? null, flags };
    const r = this.append(entry, req.id === undefined, true);
    if (!r.ok) return r;
    this.notify({ kind: 'endpointAdded', ep: cloneEndpoint(r.ep) });
    return { ok: true, ep: cloneEndpoint(r.ep), replaced: r.replaced ? cloneEndpoint(r.replaced) : null };
  }

  /** mptcp_pm_nl_append_new_local_addr. With `replace` false, an implicit match is only looked up. */
  private append(entry: PmEndpoint, needsId: boolean, replace: boolean): PmResult<{ ep: PmEndpoint; replaced: PmEndpoint | null }> {
    if (this.nextId === MPTCP_PM_MAX_ADDR_ID) this.nextId = 1;
    if (this.list.length >= MPTCP_PM_ADDR_MAX) return appendFail('ERANGE');
    if (entry.id !== 0 && this.idUsed[entry.id] === 1) return appendFail('EBUSY');
    if (!addressUsePort(entry.flags)) entry.port = null;
    let replaced: PmEndpoint | null = null;
    for (let i = 0; i < this.list.length; i++) {
      const cur = this.list[i];
      if (!addressesEqual(cur, entry, cur.port !== null || entry.port !== null)) continue;
      if (!hasFlag(cur, 'implicit')) return appendFail('EEXIST');
      if (entry.id !== 0) return appendFail('EINVAL');
      if (!replace) return { ok: true, ep: cur, replaced: null };
      entry.id = cur.id;
      this.list.splice(i, 1);
      replaced = cur;
      break;
    }
    if (entry.id === 0 && needsId) {
      entry.id = this.firstFreeId(this.nextId);
      if (entry.id === 0 && this.nextId !== 1) {
        this.nextId = 1;
        entry.id = this.firstFreeId(1);
      }
    }
    if (entry.id === 0 && needsId) return appendFail('EINVAL');
    this.idUsed[entry.id] = 1;
    if (entry.id > this.nextId) this.nextId = entry.id;
    if (hasFlag(entry, 'signal')) this.signalMax++;
    if (hasFlag(entry, 'subflow')) this.subflowMax++;
    if (hasFlag(entry, 'laminar')) this.laminarMax++;
    if (hasFlag(entry, 'fullmesh')) this.fullmeshMax++;
    // entries with a port go to the head of the list, the others to the tail
    if (entry.port !== null) this.list.unshift(entry);
    else this.list.push(entry);
    return { ok: true, ep: entry, replaced };
  }

  /** find_next_zero_bit from `from`; 0 when none is free (the kernel's u8 truncation of 256). */
  private firstFreeId(from: number): number {
    for (let id = Math.max(from, 1); id <= MPTCP_PM_MAX_ADDR_ID; id++) if (this.idUsed[id] === 0) return id;
    return 0;
  }

  // ------------------------------------------------------------------ endpoint delete

  /**
   * `ip mptcp endpoint delete id ID [ADDR]` (mptcp_pm_nl_del_addr_doit). Id 0 names no table entry:
   * it tells every connection whose initial source address is `addr` to remove it (REMOVE_ADDR id 0
   * and close the initial subflow), and leaves the table alone. An unknown id → EINVAL.
   */
  del(id: number, addr?: string): PmResult<{ ep: PmEndpoint | null }> {
    if (id === 0) {
      if (addr !== undefined) this.notify({ kind: 'idZeroDeleted', addr });
      return { ok: true, ep: null };
    }
    const i = this.list.findIndex((e) => e.id === id);
    if (i < 0) return fail('EINVAL', 'address not found');
    const ep = this.list[i];
    if (hasFlag(ep, 'signal')) this.signalMax--;
    if (hasFlag(ep, 'subflow')) this.subflowMax--;
    if (hasFlag(ep, 'laminar')) this.laminarMax--;
    if (hasFlag(ep, 'fullmesh')) this.fullmeshMax--;
    this.list.splice(i, 1);
    this.idUsed[ep.id] = 0;
    this.notify({ kind: 'endpointDeleted', ep: cloneEndpoint(ep) });
    return { ok: true, ep: cloneEndpoint(ep) };
  }

  // ------------------------------------------------------------------ endpoint change

  /**
   * `ip mptcp endpoint change` (mptcp_pm_nl_set_flags). Only `backup` and `fullmesh` change, and
   * both take the value the request carries: iproute2 sends only the flags named on the command
   * line, so `change id 1 backup` also clears `fullmesh`. Lookup by id needs a non-zero id
   * (EOPNOTSUPP); an unknown endpoint → EINVAL; `fullmesh` on a `signal` or `implicit` endpoint →
   * EINVAL.
   */
  change(target: EndpointTarget, flags: readonly EndpointFlagName[]): PmResult<{ ep: PmEndpoint; before: PmEndpoint }> {
    let i: number;
    if (target.addr === undefined) {
      if (!target.id) return fail('EOPNOTSUPP', 'missing address ID');
      i = this.list.findIndex((e) => e.id === target.id);
    } else {
      const want = { addr: target.addr, port: target.port ?? null };
      i = this.list.findIndex((e) => addressesEqual(e, want, e.port !== null));
    }
    if (i < 0) return fail('EINVAL', 'address not found');
    const before = this.list[i];
    const wantFullmesh = flags.includes('fullmesh');
    if (wantFullmesh && (hasFlag(before, 'signal') || hasFlag(before, 'implicit'))) return fail('EINVAL', 'invalid addr flags');
    const wantBackup = flags.includes('backup');
    const next: EndpointFlagName[] = before.flags.filter((f) => f !== 'backup' && f !== 'fullmesh');
    if (wantBackup) next.push('backup');
    if (wantFullmesh) next.push('fullmesh');
    const ep: PmEndpoint = { ...before, flags: dedupe(next) };
    if (hasFlag(before, 'fullmesh') !== wantFullmesh) this.fullmeshMax += wantFullmesh ? 1 : -1;
    this.list[i] = ep;
    this.notify({ kind: 'endpointChanged', ep: cloneEndpoint(ep), before: cloneEndpoint(before) });
    return { ok: true, ep: cloneEndpoint(ep), before: cloneEndpoint(before) };
  }

  // ------------------------------------------------------------------ flush

  /**
   * `ip mptcp endpoint flush` (mptcp_pm_nl_flush_addrs_doit): empties the table, resets the
   * maxima, the id bitmap and next_id. (Linux 6.18.0 forgot endp_fullmesh_max here; the stable fix
   * resets it too, as we do.)
   */
  flush(): PmResult<{ eps: PmEndpoint[] }> {
    const eps = this.list;
    this.list = [];
    this.signalMax = 0;
    this.subflowMax = 0;
    this.laminarMax = 0;
    this.fullmeshMax = 0;
    this.nextId = 1;
    this.idUsed.fill(0);
    const out = eps.map(cloneEndpoint);
    if (eps.length > 0) this.notify({ kind: 'flushed', eps: eps.map(cloneEndpoint) });
    return { ok: true, eps: out };
  }

  // ------------------------------------------------------------------ limits

  /**
   * `ip mptcp limits set [subflows N] [add_addr_accepted N]` (mptcp_pm_nl_set_limits_doit): each
   * value at most 8 (EINVAL); nothing is written unless both are valid. Live connections read the
   * limits at their next decision; nothing happens at once (Linux only stores them).
   */
  setLimits(l: Partial<PmLimits>): PmResult<{ limits: PmLimits }> {
    const rcv = l.addAddrAccepted ?? this.lim.addAddrAccepted;
    const sub = l.subflows ?? this.lim.subflows;
    for (const v of [rcv, sub]) {
      if (!Number.isInteger(v) || v < 0) return fail('EINVAL', `invalid limit ${v}`);
      if (v > MPTCP_PM_ADDR_MAX) return fail('EINVAL', `limit greater than maximum (${MPTCP_PM_ADDR_MAX})`);
    }
    this.lim.addAddrAccepted = rcv;
    this.lim.subflows = sub;
    this.notify({ kind: 'limits' });
    return { ok: true, limits: { ...this.lim } };
  }

  // ------------------------------------------------------------------ used by the mechanism

  /**
   * mptcp_pm_nl_get_local_id: the id of the endpoint for a subflow's local address (and port, for
   * endpoints that have one). An address without endpoint gets an `implicit` one, allocated like any
   * other (it takes a table slot and an id, and is not announced to live connections). Returns -1 when
   * the table is full. The caller gives id 0 to the connection's initial source address itself
   * (mptcp_pm_get_local_id).
   */
  localIdFor(addr: string, port: number | null = null): number {
    const found = this.lookup(addr, port);
    if (found) return found.id;
    const r = this.append({ id: 0, addr, port: null, dev: null, flags: ['implicit'] }, true, false);
    return r.ok ? r.ep.id : -1;
  }

  /** mptcp_pm_nl_is_backup: does the endpoint of this local address have `backup`? */
  isBackup(addr: string, port: number | null = null): boolean {
    const ep = this.lookup(addr, port);
    return ep !== null && hasFlag(ep, 'backup');
  }
}

function dedupe(flags: readonly EndpointFlagName[]): EndpointFlagName[] {
  const out: EndpointFlagName[] = [];
  for (const f of flags) if (!out.includes(f)) out.push(f);
  return out;
}
