import { describe, expect, it } from 'vitest';
import { PmNamespace } from '../../../src/core/pm/pm-namespace';
import type { NamespaceChange } from '../../../src/core/pm/types';

function okId(r: ReturnType<PmNamespace['add']>): number {
  if (!r.ok) throw new Error(`${r.errno}: ${r.message}`);
  return r.ep.id;
}

describe('PmNamespace defaults (pm_nl_init_net)', () => {
  it('starts with no endpoints, subflows limit 2 and add_addr_accepted 0', () => {
    const ns = new PmNamespace();
    expect(ns.endpoints).toHaveLength(0);
    expect(ns.limits).toEqual({ subflows: 2, addAddrAccepted: 0 });
    expect([ns.endpSignalMax, ns.endpSubflowMax, ns.endpFullmeshMax, ns.endpLaminarMax]).toEqual([0, 0, 0, 0]);
  });
});

describe('endpoint ids (mptcp_pm_nl_append_new_local_addr)', () => {
  it('hands out 1, 2, 3 in order', () => {
    const ns = new PmNamespace();
    expect(okId(ns.add({ addr: '10.0.1.1', flags: ['signal'] }))).toBe(1);
    expect(okId(ns.add({ addr: '10.0.2.1', flags: ['signal'] }))).toBe(2);
    expect(okId(ns.add({ addr: '10.0.3.1', flags: ['signal'] }))).toBe(3);
  });

  it('does not reuse a freed id at once: allocation continues from the highest id used', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', flags: ['subflow'] });
    ns.add({ addr: '10.0.2.1', flags: ['subflow'] });
    expect(ns.del(1).ok).toBe(true);
    expect(okId(ns.add({ addr: '10.0.3.1', flags: ['subflow'] }))).toBe(3);
  });

  it('continues after an explicit id (id 250 then 251, 252), as mptcp_join.sh "remove addresses" relies on', () => {
    const ns = new PmNamespace();
    expect(okId(ns.add({ addr: '10.0.2.1', id: 250, flags: ['signal', 'backup'] }))).toBe(250);
    expect(okId(ns.add({ addr: '10.0.3.1', flags: ['signal', 'backup'] }))).toBe(251);
    expect(okId(ns.add({ addr: '10.0.4.1', flags: ['signal', 'backup'] }))).toBe(252);
  });

  it('wraps to the lowest free id once ids reach 255', () => {
    const ns = new PmNamespace();
    expect(okId(ns.add({ addr: '10.0.1.1', id: 254, flags: ['subflow'] }))).toBe(254);
    expect(okId(ns.add({ addr: '10.0.2.1', flags: ['subflow'] }))).toBe(255);
    expect(okId(ns.add({ addr: '10.0.3.1', flags: ['subflow'] }))).toBe(1);
  });

  it('refuses an id already used with EBUSY', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', id: 7, flags: ['subflow'] });
    const r = ns.add({ addr: '10.0.2.1', id: 7, flags: ['subflow'] });
    expect(r).toMatchObject({ ok: false, errno: 'EBUSY', message: 'too many addresses or duplicate one: -16' });
  });

  it('refuses a ninth endpoint with ERANGE', () => {
    const ns = new PmNamespace();
    for (let i = 1; i <= 8; i++) expect(ns.add({ addr: `10.0.${i}.1`, flags: ['subflow'] }).ok).toBe(true);
    expect(ns.add({ addr: '10.0.9.1', flags: ['subflow'] })).toMatchObject({ ok: false, errno: 'ERANGE', message: 'too many addresses or duplicate one: -34' });
  });
});

describe('endpoint flag and address rules (mptcp_pm_nl_add_addr_doit)', () => {
  it('requires signal without subflow when a port is given', () => {
    const ns = new PmNamespace();
    expect(ns.add({ addr: '10.0.2.1', port: 10100, flags: ['subflow'] })).toMatchObject({ ok: false, errno: 'EINVAL', message: 'flags must have signal and not subflow when using port' });
    expect(ns.add({ addr: '10.0.2.1', port: 10100, flags: ['signal', 'subflow'] })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(ns.add({ addr: '10.0.2.1', port: 10100, flags: ['signal'] }).ok).toBe(true);
  });

  it('refuses signal together with fullmesh', () => {
    const ns = new PmNamespace();
    expect(ns.add({ addr: '10.0.2.1', flags: ['signal', 'fullmesh'] })).toMatchObject({ ok: false, errno: 'EINVAL', message: "flags mustn't have both signal and fullmesh" });
  });

  it('refuses user-created implicit endpoints', () => {
    const ns = new PmNamespace();
    expect(ns.add({ addr: '10.0.2.1', flags: ['implicit'] })).toMatchObject({ ok: false, errno: 'EINVAL', message: "can't create IMPLICIT endpoint" });
  });

  it('refuses a duplicate address with EEXIST', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.2.1', flags: ['subflow'] });
    expect(ns.add({ addr: '10.0.2.1', flags: ['signal'] })).toMatchObject({ ok: false, errno: 'EEXIST', message: 'too many addresses or duplicate one: -17' });
  });

  it('tells endpoints of one address apart by port when either has one', () => {
    const ns = new PmNamespace();
    expect(ns.add({ addr: '10.0.2.1', port: 10100, flags: ['signal'] }).ok).toBe(true);
    expect(ns.add({ addr: '10.0.2.1', port: 10200, flags: ['signal'] }).ok).toBe(true);
    expect(ns.add({ addr: '10.0.2.1', flags: ['signal'] }).ok).toBe(true);
    expect(ns.add({ addr: '10.0.2.1', flags: ['subflow'] })).toMatchObject({ ok: false, errno: 'EEXIST' });
    expect(ns.add({ addr: '10.0.2.1', port: 10100, flags: ['signal'] })).toMatchObject({ ok: false, errno: 'EEXIST' });
  });

  it('puts endpoints with a port at the head of the list', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', flags: ['signal'] });
    ns.add({ addr: '10.0.2.1', port: 10100, flags: ['signal'] });
    expect(ns.endpoints.map((e) => e.addr)).toEqual(['10.0.2.1', '10.0.1.1']);
  });

  it('counts the derived maxima per flag', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', flags: ['signal', 'subflow'] });
    ns.add({ addr: '10.0.2.1', flags: ['subflow', 'fullmesh'] });
    ns.add({ addr: '10.0.3.1', flags: ['laminar'] });
    expect([ns.endpSignalMax, ns.endpSubflowMax, ns.endpFullmeshMax, ns.endpLaminarMax]).toEqual([1, 2, 1, 1]);
    ns.del(2);
    expect([ns.endpSubflowMax, ns.endpFullmeshMax]).toEqual([1, 0]);
  });
});

describe('implicit endpoints (mptcp_pm_nl_get_local_id)', () => {
  it('creates an implicit endpoint for a subflow source address without endpoint', () => {
    const ns = new PmNamespace();
    expect(ns.localIdFor('10.0.2.2')).toBe(1);
    expect(ns.endpoints[0]).toMatchObject({ id: 1, addr: '10.0.2.2', flags: ['implicit'] });
    expect(ns.localIdFor('10.0.2.2')).toBe(1);
    expect(ns.endpoints).toHaveLength(1);
  });

  it('lets the user replace an implicit endpoint, keeping its id', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.2', flags: ['subflow'] });
    const implicitId = ns.localIdFor('10.0.2.2');
    const r = ns.add({ addr: '10.0.2.2', flags: ['signal'] });
    expect(r).toMatchObject({ ok: true, ep: { id: implicitId, flags: ['signal'] }, replaced: { id: implicitId, flags: ['implicit'] } });
    expect(ns.endpoints).toHaveLength(2);
  });

  it('refuses to change the id of an implicit endpoint (mptcp_join.sh "implicit EP")', () => {
    const ns = new PmNamespace();
    ns.localIdFor('10.0.2.2');
    expect(ns.add({ addr: '10.0.2.2', id: 33 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(ns.endpoints[0]).toMatchObject({ id: 1, flags: ['implicit'] });
  });

  it('reports -1 when the table is full', () => {
    const ns = new PmNamespace();
    for (let i = 1; i <= 8; i++) ns.add({ addr: `10.0.${i}.1`, flags: ['subflow'] });
    expect(ns.localIdFor('10.0.9.9')).toBe(-1);
  });
});

describe('endpoint delete, change, flush, limits', () => {
  it('refuses to delete an unknown id with EINVAL "address not found"', () => {
    const ns = new PmNamespace();
    expect(ns.del(5)).toMatchObject({ ok: false, errno: 'EINVAL', message: 'address not found' });
  });

  it('frees the id of a deleted endpoint', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', id: 9, flags: ['signal'] });
    ns.del(9);
    expect(ns.idInUse(9)).toBe(false);
    expect(okId(ns.add({ addr: '10.0.2.1', id: 9, flags: ['signal'] }))).toBe(9);
  });

  it('changes backup and fullmesh to the values the request carries (iproute2 sends only the named flags)', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.2.2', flags: ['subflow', 'fullmesh'] });
    const r = ns.change({ id: 1 }, ['backup']);
    expect(r).toMatchObject({ ok: true, ep: { flags: ['subflow', 'backup'] }, before: { flags: ['subflow', 'fullmesh'] } });
    expect(ns.endpFullmeshMax).toBe(0);
  });

  it('finds the endpoint to change by address', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.2.2', flags: ['subflow'] });
    expect(ns.change({ addr: '10.0.2.2' }, ['backup'])).toMatchObject({ ok: true, ep: { id: 1, flags: ['subflow', 'backup'] } });
  });

  it('refuses fullmesh on a signal endpoint, an unknown endpoint, and a change by id 0', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.2.1', flags: ['signal'] });
    expect(ns.change({ id: 1 }, ['fullmesh'])).toMatchObject({ ok: false, errno: 'EINVAL', message: 'invalid addr flags' });
    expect(ns.change({ id: 2 }, ['backup'])).toMatchObject({ ok: false, errno: 'EINVAL', message: 'address not found' });
    expect(ns.change({ id: 0 }, ['backup'])).toMatchObject({ ok: false, errno: 'EOPNOTSUPP', message: 'missing address ID' });
  });

  it('flush empties the table and restarts ids at 1', () => {
    const ns = new PmNamespace();
    ns.add({ addr: '10.0.1.1', id: 100, flags: ['signal'] });
    ns.add({ addr: '10.0.2.1', flags: ['subflow', 'fullmesh'] });
    const r = ns.flush();
    expect(r.ok && r.eps.map((e) => e.id)).toEqual([100, 101]);
    expect(ns.endpoints).toHaveLength(0);
    expect([ns.endpSignalMax, ns.endpSubflowMax, ns.endpFullmeshMax]).toEqual([0, 0, 0]);
    expect(okId(ns.add({ addr: '10.0.3.1', flags: ['signal'] }))).toBe(1);
  });

  it('accepts limits up to 8 and refuses 9 without changing anything', () => {
    const ns = new PmNamespace();
    expect(ns.setLimits({ subflows: 8, addAddrAccepted: 8 })).toMatchObject({ ok: true, limits: { subflows: 8, addAddrAccepted: 8 } });
    expect(ns.setLimits({ subflows: 1, addAddrAccepted: 9 })).toMatchObject({ ok: false, errno: 'EINVAL', message: 'limit greater than maximum (8)' });
    expect(ns.limits).toEqual({ subflows: 8, addAddrAccepted: 8 });
  });
});

describe('namespace listeners', () => {
  it('tell subscribers about every change, after the table is updated', () => {
    const ns = new PmNamespace();
    const seen: string[] = [];
    const unsubscribe = ns.subscribe((c: NamespaceChange) => seen.push(`${c.kind}:${ns.endpoints.length}`));
    ns.add({ addr: '10.0.1.1', flags: ['signal'] });
    ns.change({ id: 1 }, ['backup']);
    ns.del(0, '10.0.1.2');
    ns.del(1);
    ns.setLimits({ subflows: 3 });
    ns.add({ addr: '10.0.2.1', flags: ['signal'] });
    ns.flush();
    unsubscribe();
    ns.add({ addr: '10.0.3.1', flags: ['signal'] });
    expect(seen).toEqual(['endpointAdded:1', 'endpointChanged:1', 'idZeroDeleted:1', 'endpointDeleted:0', 'limits:0', 'endpointAdded:1', 'flushed:0']);
  });

  it('does not notify failed operations', () => {
    const ns = new PmNamespace();
    const seen: NamespaceChange[] = [];
    ns.subscribe((c) => seen.push(c));
    ns.add({ addr: '10.0.1.1', flags: ['signal', 'fullmesh'] });
    ns.del(3);
    ns.setLimits({ subflows: 12 });
    expect(seen).toHaveLength(0);
  });
});
