// Normalisation: defaults, aliases, derived fields and event order exactly as kernel-ref's
// validate_scenario() fills them in.
import { describe, expect, it } from 'vitest';
import { validOf } from './helpers';

describe('defaults', () => {
  it('fills every top-level and app default', () => {
    const sc = validOf((s) => {
      delete s.schema;
      delete s.name;
    }).scenario;
    expect(sc).toMatchObject({
      schema: 'kernel-ref-scenario/1',
      name: 'unnamed',
      description: '',
      timeout_s: 30,
      seed: 1,
      ss_interval_s: 1,
      static_arp: true,
      events: [],
      capture: { side: 'server', snaplen: 128 },
      analysis: { bin_s: 0.1 },
      expect: {},
    });
    expect(sc.app).toEqual({
      direction: 'upload',
      bytes: 1000000,
      duration_s: null,
      client_proto: 'mptcp',
      server_proto: 'mptcp',
      port: 5201,
      server_addr: '10.0.1.2',
      chunk_bytes: 65536,
      sample_interval_s: 0.1,
      sndbuf: null,
      rcvbuf: null,
      linger_s: 0.5,
      congestion_control: null,
    });
    expect(sc).not.toHaveProperty('notes');
    expect(sc).not.toHaveProperty('sim');
  });

  it('gives a namespace without settings null limits and empty tables', () => {
    const sc = validOf((s) => delete s.server).scenario;
    expect(sc.server).toEqual({ limits: null, endpoints: [], mptcp_sysctl: {}, sysctl: {} });
  });

  it('applies path-level shape keys to both directions, with per-direction overrides', () => {
    const sc = validOf((s) => {
      s.paths[0] = { delay_ms: 10, loss_pct: 1, c2s: { loss_pct: 5 }, s2c: { rate_mbit: null } };
    }).scenario;
    expect(sc.paths[0].c2s).toEqual({ delay_ms: 10, jitter_ms: 0, loss_pct: 5, rate_mbit: null, queue_pkts: 1000, allow_reorder: false });
    expect(sc.paths[0].s2c).toEqual({ delay_ms: 10, jitter_ms: 0, loss_pct: 1, rate_mbit: null, queue_pkts: 1000, allow_reorder: false });
    expect(sc.paths[0]).toMatchObject({ name: 'path1', mtu: null, tbf: null, client_extra_addrs: [], server_extra_addrs: [] });
  });

  it('fills tbf defaults', () => {
    const sc = validOf((s) => (s.paths[1].tbf = { rate_mbit: 5 })).scenario;
    expect(sc.paths[1].tbf).toEqual({ rate_mbit: 5, burst_bytes: 15140, latency_ms: 50 });
  });
});

describe('aliases', () => {
  it("takes limits 'subflow' as 'subflows'", () => {
    const sc = validOf((s) => (s.client.limits = { subflow: 3 })).scenario;
    expect(sc.client.limits).toEqual({ subflows: 3, add_addr_accepted: null });
  });

  it("prefers 'subflows' when both spellings are given", () => {
    const sc = validOf((s) => (s.client.limits = { subflows: 1, subflow: 4 })).scenario;
    expect(sc.client.limits).toEqual({ subflows: 1, add_addr_accepted: null });
  });

  it("turns a 'netem' event into 'shape' with its settings under set", () => {
    const sc = validOf((s) => (s.events = [{ at: 2, action: 'netem', path: 1, loss_pct: 100, note: 'blackhole' }])).scenario;
    expect(sc.events).toEqual([{ at: 2, action: 'shape', note: 'blackhole', path: 1, dir: 'both', set: { loss_pct: 100 } }]);
  });
});

describe('endpoints', () => {
  it('derives address and device from the path, and numbers ids from 1 skipping used ones', () => {
    const sc = validOf((s) => {
      s.client.endpoints = [{ path: 1 }, { path: 2, id: 1, flags: ['subflow', 'backup'] }, { path: 2, port: 5000 }];
    }).scenario;
    expect(sc.client.endpoints).toEqual([
      { id: 2, addr: '10.0.1.1', dev: 'cli-p1', path: 1, flags: [], port: null },
      { id: 1, addr: '10.0.2.1', dev: 'cli-p2', path: 2, flags: ['subflow', 'backup'], port: null },
      { id: 3, addr: '10.0.2.1', dev: 'cli-p2', path: 2, flags: [], port: 5000 },
    ]);
  });

  it('finds the path of an explicit address, including an extra address', () => {
    const sc = validOf((s) => {
      s.paths[1].server_extra_addrs = ['10.0.2.9'];
      s.server.endpoints = [{ addr: '10.0.2.9', flags: ['signal'] }, { addr: '192.168.1.1', dev: 'eth9' }];
      s.app.server_addr = '10.0.2.9';
    }).scenario;
    expect(sc.server.endpoints).toEqual([
      { id: 1, addr: '10.0.2.9', dev: 'srv-p2', path: 2, flags: ['signal'], port: null },
      { id: 2, addr: '192.168.1.1', dev: 'eth9', path: null, flags: [], port: null },
    ]);
    expect(sc.paths[1].server_extra_addrs).toEqual(['10.0.2.9']);
    expect(sc.app.server_addr).toBe('10.0.2.9');
  });

  it('keeps an endpoint_add event endpoint without assigning an id', () => {
    const sc = validOf((s) => (s.events = [{ at: 1, action: 'endpoint_add', ns: 'server', path: 2, flags: ['signal'] }])).scenario;
    expect(sc.events[0]).toEqual({
      at: 1,
      action: 'endpoint_add',
      ns: 'server',
      endpoint: { id: null, addr: '10.0.2.2', dev: 'srv-p2', path: 2, flags: ['signal'], port: null },
    });
  });
});

describe('events', () => {
  it('sorts events by time, keeping the file order of equal times', () => {
    const sc = validOf((s) => {
      s.events = [
        { at: 3, action: 'ss', note: 'c' },
        { at: 1, action: 'ss', note: 'a1' },
        { at: 2, action: 'link_down', path: 1 },
        { at: 1, action: 'ss', note: 'a2' },
        { at: 0, action: 'endpoint_flush', ns: 'client' },
      ];
    }).scenario;
    expect(sc.events.map((x) => [x.at, x.action, x.note ?? null])).toEqual([
      [0, 'endpoint_flush', null],
      [1, 'ss', 'a1'],
      [1, 'ss', 'a2'],
      [2, 'link_down', null],
      [3, 'ss', 'c'],
    ]);
  });

  it('fills event defaults (side client, dir both) and the endpoint_del/change lookups', () => {
    const sc = validOf((s) => {
      s.events = [
        { at: 1, action: 'link_down', path: 2 },
        { at: 1, action: 'shape_reset', path: 1 },
        { at: 1, action: 'endpoint_change', ns: 'client', addr: '10.0.2.1', flags: ['backup'] },
        { at: 1, action: 'endpoint_del', ns: 'client', id: 1 },
        { at: 1, action: 'limits', ns: 'server', subflows: 4 },
      ];
    }).scenario;
    expect(sc.events).toEqual([
      { at: 1, action: 'link_down', path: 2, side: 'client' },
      { at: 1, action: 'shape_reset', path: 1, dir: 'both' },
      { at: 1, action: 'endpoint_change', ns: 'client', id: null, addr: '10.0.2.1', path: null, flags: ['backup'] },
      { at: 1, action: 'endpoint_del', ns: 'client', id: 1, addr: null, path: null },
      { at: 1, action: 'limits', ns: 'server', subflows: 4, add_addr_accepted: null },
    ]);
  });
});
