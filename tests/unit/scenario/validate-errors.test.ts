// Bad scenarios give kernel-ref's exact error paths and messages (../shared/kernel-ref/run,
// validate_scenario()). Each expected message is written out from the Python source.
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario/index';
import { baseScenario, e, errorsOf, errorsOfText } from './helpers';

const TOP_ALLOWED =
  'schema, name, description, notes, timeout_s, seed, paths, client, server, app, events, capture, analysis, ss_interval_s, expect, static_arp, sim';
const PATH_ALLOWED =
  'delay_ms, jitter_ms, loss_pct, rate_mbit, queue_pkts, allow_reorder, c2s, s2c, mtu, server_extra_addrs, client_extra_addrs, tbf, name';
const ACTIONS =
  "['addr_add', 'addr_del', 'cmd', 'endpoint_add', 'endpoint_change', 'endpoint_del', 'endpoint_flush', 'limits', 'link_down', 'link_up', 'shape', 'shape_reset', 'ss', 'sysctl']";

describe('top level', () => {
  it('rejects a document that is not an object, naming its Python type', () => {
    expect(validateScenario([])).toEqual({ ok: false, errors: [e('scenario', 'expected an object, got list')] });
    expect(validateScenario('x')).toEqual({ ok: false, errors: [e('scenario', 'expected an object, got str')] });
    expect(validateScenario(null)).toEqual({ ok: false, errors: [e('scenario', 'expected an object, got NoneType')] });
    expect(errorsOfText('1.0')).toEqual([e('scenario', 'expected an object, got float')]);
  });

  it('rejects unknown top-level keys, listing the allowed ones', () => {
    expect(errorsOf((s) => (s.bogus = 1))).toEqual([e('scenario.bogus', `unknown key (allowed: ${TOP_ALLOWED})`)]);
  });

  it('rejects another schema with Python repr of the value', () => {
    expect(errorsOf((s) => (s.schema = 'kernel-ref-scenario/2'))).toEqual([
      e('scenario.schema', "expected 'kernel-ref-scenario/1', got 'kernel-ref-scenario/2'"),
    ]);
    expect(errorsOf((s) => (s.schema = { v: [1, null, true] }))).toEqual([
      e('scenario.schema', "expected 'kernel-ref-scenario/1', got {'v': [1, None, True]}"),
    ]);
  });

  it('checks types and ranges of name, timeout_s, seed, ss_interval_s, static_arp', () => {
    expect(errorsOf((s) => (s.name = 5))).toEqual([e('scenario.name', 'expected a string, got 5')]);
    expect(errorsOf((s) => (s.timeout_s = 0))).toEqual([e('scenario.timeout_s', 'must be >= 1, got 0')]);
    expect(errorsOf((s) => (s.timeout_s = 600.5))).toEqual([e('scenario.timeout_s', 'must be <= 600, got 600.5')]);
    expect(errorsOf((s) => (s.timeout_s = '30'))).toEqual([e('scenario.timeout_s', 'expected a number, got "30"')]);
    expect(errorsOf((s) => (s.seed = 1.5))).toEqual([e('scenario.seed', 'expected an integer, got 1.5')]);
    expect(errorsOf((s) => (s.seed = true))).toEqual([e('scenario.seed', 'expected an integer, got true')]);
    expect(errorsOf((s) => (s.ss_interval_s = 61))).toEqual([e('scenario.ss_interval_s', 'must be <= 60, got 61')]);
    expect(errorsOf((s) => (s.static_arp = 'yes'))).toEqual([e('scenario.static_arp', 'expected true/false, got "yes"')]);
  });

  it('tells 1.0 from 1 in JSON text, as Python does', () => {
    const text = JSON.stringify(baseScenario()).replace('"queue_pkts":100', '"queue_pkts":100.0');
    expect(errorsOfText(text)).toEqual([e('scenario.paths[0].queue_pkts', 'expected an integer, got 100.0')]);
    const seed = JSON.stringify({ ...baseScenario(), seed: 0 }).replace('"seed":0', '"seed":1e16');
    expect(errorsOfText(seed)).toEqual([e('scenario.seed', 'expected an integer, got 1e+16')]);
  });
});

describe('paths', () => {
  it('requires 1..8 paths', () => {
    const msg = e('scenario.paths', 'must be a list of 1..8 path objects');
    expect(errorsOf((s) => delete s.paths)).toContainEqual(msg);
    expect(errorsOf((s) => (s.paths = []))).toContainEqual(msg);
    expect(errorsOf((s) => (s.paths = {}))).toContainEqual(msg);
    expect(errorsOf((s) => (s.paths = Array.from({ length: 9 }, () => ({}))))).toContainEqual(msg);
  });

  it('accepts 8 paths, with addresses 10.0.K.1/.2', () => {
    const s = baseScenario();
    s.paths = Array.from({ length: 8 }, () => ({}));
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.paths[7]).toMatchObject({ id: 8, name: 'path8', client_addr: '10.0.8.1', server_addr: '10.0.8.2' });
  });

  it('locates shape errors per direction: scenario.paths[0].c2s.loss_pct', () => {
    expect(errorsOf((s) => (s.paths[0].c2s = { loss_pct: 101 }))).toEqual([
      e('scenario.paths[0].c2s.loss_pct', 'must be <= 100, got 101'),
    ]);
    expect(errorsOf((s) => (s.paths[1].s2c = { delay_ms: -1, jitter_ms: 'x' }))).toEqual([
      e('scenario.paths[1].s2c.delay_ms', 'must be >= 0, got -1'),
      e('scenario.paths[1].s2c.jitter_ms', 'expected a number, got "x"'),
    ]);
    expect(errorsOf((s) => (s.paths[0].c2s = { foo: 1 }))).toEqual([
      e('scenario.paths[0].c2s.foo', 'unknown key (allowed: delay_ms, jitter_ms, loss_pct, rate_mbit, queue_pkts, allow_reorder)'),
    ]);
    expect(errorsOf((s) => (s.paths[0].c2s = null))).toEqual([e('scenario.paths[0].c2s', 'expected an object, got NoneType')]);
  });

  it('checks path-level shape keys, name, mtu and unknown keys', () => {
    expect(errorsOf((s) => (s.paths[0].queue_pkts = 0))).toEqual([e('scenario.paths[0].queue_pkts', 'must be >= 1, got 0')]);
    expect(errorsOf((s) => (s.paths[0].rate_mbit = 'fast'))).toEqual([
      e('scenario.paths[0].rate_mbit', 'expected a number, got "fast"'),
    ]);
    expect(errorsOf((s) => (s.paths[0].allow_reorder = 1))).toEqual([
      e('scenario.paths[0].allow_reorder', 'expected true/false, got 1'),
    ]);
    expect(errorsOf((s) => (s.paths[0].mtu = 100))).toEqual([e('scenario.paths[0].mtu', 'must be >= 576, got 100')]);
    expect(errorsOf((s) => (s.paths[0].name = ['x']))).toEqual([e('scenario.paths[0].name', 'expected a string, got ["x"]')]);
    expect(errorsOf((s) => (s.paths[1].foo = 1))).toEqual([e('scenario.paths[1].foo', `unknown key (allowed: ${PATH_ALLOWED})`)]);
    expect(errorsOf((s) => (s.paths[1] = 'fast'))).toEqual([e('scenario.paths[1]', 'expected an object, got str')]);
  });

  it('checks tbf', () => {
    expect(errorsOf((s) => (s.paths[0].tbf = {}))).toEqual([e('scenario.paths[0].tbf.rate_mbit', 'is required')]);
    expect(errorsOf((s) => (s.paths[0].tbf = { rate_mbit: 5, burst_bytes: 1000, x: 1 }))).toEqual([
      e('scenario.paths[0].tbf.x', 'unknown key (allowed: rate_mbit, burst_bytes, latency_ms)'),
      e('scenario.paths[0].tbf.burst_bytes', 'must be >= 1600, got 1000'),
    ]);
  });

  it('checks extra addresses: IPv4 syntax, inside the subnet, not .0/.1/.2/.255, not used twice', () => {
    expect(errorsOf((s) => (s.paths[0].server_extra_addrs = ['10.0.2.9']))).toEqual([
      e('scenario.paths[0].server_extra_addrs', '10.0.2.9 must be inside 10.0.1.0/24 and not .0/.1/.2/.255'),
    ]);
    expect(errorsOf((s) => (s.paths[0].client_extra_addrs = ['10.0.1.2', '10.0.1.255']))).toEqual([
      e('scenario.paths[0].client_extra_addrs', '10.0.1.2 must be inside 10.0.1.0/24 and not .0/.1/.2/.255'),
      e('scenario.paths[0].client_extra_addrs', '10.0.1.255 must be inside 10.0.1.0/24 and not .0/.1/.2/.255'),
    ]);
    expect(errorsOf((s) => (s.paths[0].server_extra_addrs = ['10.0.1.300', '10.0.1.05', 'x', null]))).toEqual([
      e('scenario.paths[0].server_extra_addrs', "not an IPv4 address: '10.0.1.300'"),
      e('scenario.paths[0].server_extra_addrs', "not an IPv4 address: '10.0.1.05'"),
      e('scenario.paths[0].server_extra_addrs', "not an IPv4 address: 'x'"),
      e('scenario.paths[0].server_extra_addrs', 'not an IPv4 address: None'),
    ]);
    expect(
      errorsOf((s) => {
        s.paths[0].client_extra_addrs = ['10.0.1.7'];
        s.paths[0].server_extra_addrs = ['10.0.1.7'];
      }),
    ).toEqual([e('scenario.paths[0].server_extra_addrs', 'address 10.0.1.7 used twice')]);
    expect(errorsOf((s) => (s.paths[0].server_extra_addrs = '10.0.1.7'))).toEqual([
      e('scenario.paths[0].server_extra_addrs', 'must be a list of IPv4 addresses'),
    ]);
  });
});

describe('client / server', () => {
  it('rejects unknown keys in the namespace and its limits', () => {
    expect(errorsOf((s) => (s.client.foo = 1))).toEqual([
      e('scenario.client.foo', 'unknown key (allowed: limits, endpoints, mptcp_sysctl, sysctl)'),
    ]);
    expect(errorsOf((s) => (s.server.limits = { subflows: 9, x: 0 }))).toEqual([
      e('scenario.server.limits.x', 'unknown key (allowed: subflows, subflow, add_addr_accepted)'),
      e('scenario.server.limits.subflows', 'must be <= 8, got 9'),
    ]);
    expect(errorsOf((s) => (s.server = []))).toEqual([e('scenario.server', 'expected an object, got list')]);
  });

  it('checks the alias limits.subflow at its own path', () => {
    expect(errorsOf((s) => (s.client.limits = { subflow: -1 }))).toEqual([
      e('scenario.client.limits.subflow', 'must be >= 0, got -1'),
    ]);
  });

  it('checks endpoints', () => {
    expect(errorsOf((s) => (s.client.endpoints = [{ flags: ['subflow'] }]))).toEqual([
      e('scenario.client.endpoints[0]', "needs 'path' or 'addr'"),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = [{ path: 3 }]))).toEqual([
      e('scenario.client.endpoints[0].path', 'must be <= 2, got 3'),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = [{ addr: '10.0.2.256' }]))).toEqual([
      e('scenario.client.endpoints[0].addr', "not an IPv4 address: '10.0.2.256'"),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = [{ path: 2, flags: ['bogus'] }]))).toEqual([
      e('scenario.client.endpoints[0].flags', `must be a list drawn from ['signal', 'subflow', 'backup', 'fullmesh'], got ["bogus"]`),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = [{ path: 2, id: 0, port: 70000 }]))).toEqual([
      e('scenario.client.endpoints[0].id', 'must be >= 1, got 0'),
      e('scenario.client.endpoints[0].port', 'must be <= 65535, got 70000'),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = [{ path: 2, zz: 1 }]))).toEqual([
      e('scenario.client.endpoints[0].zz', 'unknown key (allowed: path, addr, dev, id, flags, port)'),
    ]);
    expect(errorsOf((s) => (s.client.endpoints = { path: 2 }))).toEqual([e('scenario.client.endpoints', 'must be a list')]);
  });

  it('rejects duplicate endpoint ids at the second one', () => {
    expect(
      errorsOf((s) => (s.server.endpoints = [{ path: 1, id: 3 }, { path: 2, id: 3 }])),
    ).toEqual([e('scenario.server.endpoints[1].id', 'duplicate id 3')]);
  });

  it('checks mptcp_sysctl names against Linux 6.18 and sysctl keys against net.*', () => {
    expect(errorsOf((s) => (s.client.mptcp_sysctl = { bogus: 1 }))).toEqual([
      e(
        'scenario.client.mptcp_sysctl.bogus',
        'no such sysctl under net.mptcp (known: add_addr_timeout, allow_join_initial_addr_port, available_path_managers, available_schedulers, blackhole_timeout, checksum_enabled, close_timeout, enabled, path_manager, pm_type, scheduler, stale_loss_cnt, syn_retrans_before_tcp_fallback)',
      ),
    ]);
    expect(errorsOf((s) => (s.client.mptcp_sysctl = { enabled: true }))).toEqual([
      e('scenario.client.mptcp_sysctl.enabled', 'value must be an integer or a string'),
    ]);
    expect(errorsOf((s) => (s.client.mptcp_sysctl = 'x'))).toEqual([e('scenario.client.mptcp_sysctl', 'must be an object')]);
    expect(errorsOf((s) => (s.server.sysctl = { 'kernel.x': 1 }))).toEqual([
      e('scenario.server.sysctl.kernel.x', 'only keys under net.* are allowed'),
    ]);
    expect(errorsOf((s) => (s.server.sysctl = { 'net.core.x': 1.5 }))).toEqual([
      e('scenario.server.sysctl.net.core.x', 'value must be an integer or a string'),
    ]);
  });
});

describe('app', () => {
  it('needs exactly one of bytes or duration_s', () => {
    const msg = e('scenario.app', "give exactly one of 'bytes' or 'duration_s'");
    expect(errorsOf((s) => (s.app = {}))).toEqual([msg]);
    expect(errorsOf((s) => (s.app = { bytes: 10, duration_s: 1 }))).toEqual([msg]);
    expect(errorsOf((s) => delete s.app)).toEqual([msg]);
    expect(errorsOf((s) => (s.app = { bytes: null }))).toEqual([e('scenario.app.bytes', 'expected an integer, got null'), msg]);
  });

  it('checks choices, ranges, the server address and the congestion control name', () => {
    expect(errorsOf((s) => (s.app.direction = 'up'))).toEqual([
      e('scenario.app.direction', `must be one of ['upload', 'download'], got "up"`),
    ]);
    expect(errorsOf((s) => (s.app.bytes = 2 ** 34 + 1))).toEqual([e('scenario.app.bytes', 'must be <= 17179869184, got 17179869185')]);
    expect(errorsOf((s) => (s.app.server_addr = '10.0.2.1'))).toEqual([
      e('scenario.app.server_addr', '10.0.2.1 is not a server address of any path'),
    ]);
    expect(errorsOf((s) => (s.app.congestion_control = 'BBR'))).toEqual([
      e('scenario.app.congestion_control', "must be a congestion control name such as 'cubic', 'reno' or 'bbr'"),
    ]);
    expect(errorsOf((s) => (s.app.sndbuf = 10))).toEqual([e('scenario.app.sndbuf', 'must be >= 1024, got 10')]);
    expect(errorsOf((s) => (s.app.zz = 1))).toEqual([
      e(
        'scenario.app.zz',
        'unknown key (allowed: direction, bytes, duration_s, client_proto, server_proto, port, server_addr, chunk_bytes, sample_interval_s, sndbuf, rcvbuf, linger_s, congestion_control)',
      ),
    ]);
  });
});

describe('events', () => {
  it('requires a list of objects with a known action', () => {
    expect(errorsOf((s) => (s.events = {}))).toEqual([e('scenario.events', 'must be a list')]);
    expect(errorsOf((s) => (s.events = [5]))).toEqual([e('scenario.events[0]', 'expected an object')]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'explode' }]))).toEqual([
      e('scenario.events[0].action', `must be one of ${ACTIONS} (or 'netem' as alias of 'shape'), got "explode"`),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1 }]))).toEqual([
      e('scenario.events[0].action', `must be one of ${ACTIONS} (or 'netem' as alias of 'shape'), got null`),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: ['ss'] }]))).toEqual([
      e('scenario.events[0].action', `must be one of ${ACTIONS} (or 'netem' as alias of 'shape'), got ["ss"]`),
    ]);
  });

  it('requires at (0..600) and rejects keys the action does not take', () => {
    expect(errorsOf((s) => (s.events = [{ action: 'ss' }]))).toEqual([e('scenario.events[0].at', 'is required')]);
    expect(errorsOf((s) => (s.events = [{ at: 601, action: 'ss', path: 1 }]))).toEqual([
      e('scenario.events[0].path', 'unknown key (allowed: at, action, note)'),
      e('scenario.events[0].at', 'must be <= 600, got 601'),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'limits', ns: 'client', subflow: 2 }]))).toEqual([
      e('scenario.events[0].subflow', 'unknown key (allowed: at, action, note, ns, subflows, add_addr_accepted)'),
    ]);
  });

  it('checks link events: path required and within the paths, side a choice', () => {
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'link_down' }]))).toEqual([e('scenario.events[0].path', 'is required')]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'link_up', path: 3, side: 'left' }]))).toEqual([
      e('scenario.events[0].path', 'must be <= 2, got 3'),
      e('scenario.events[0].side', `must be one of ['client', 'server', 'both'], got "left"`),
    ]);
  });

  it('needs at least one setting in a shape (or netem) event, and checks them', () => {
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'netem', path: 1 }]))).toEqual([
      e('scenario.events[0]', "'shape' needs at least one of ['delay_ms', 'jitter_ms', 'loss_pct', 'rate_mbit', 'queue_pkts', 'allow_reorder']"),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'shape', path: 1, loss_pct: 200, dir: 'up' }]))).toEqual([
      e('scenario.events[0].dir', `must be one of ['c2s', 's2c', 'both'], got "up"`),
      e('scenario.events[0].loss_pct', 'must be <= 100, got 200'),
    ]);
  });

  it('checks endpoint events', () => {
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_change', ns: 'client', id: 1 }]))).toEqual([
      e('scenario.events[0].flags', "must be a non-empty list drawn from ['backup', 'nobackup', 'fullmesh', 'nofullmesh']"),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_change', ns: 'client', id: 1, flags: ['signal'] }]))).toEqual([
      e('scenario.events[0].flags', "must be a non-empty list drawn from ['backup', 'nobackup', 'fullmesh', 'nofullmesh']"),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_del', ns: 'client' }]))).toEqual([
      e('scenario.events[0]', "needs 'id', 'addr' or 'path' to find the endpoint"),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_add', path: 2 }]))).toEqual([e('scenario.events[0].ns', 'is required')]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_add', ns: 'server' }]))).toEqual([
      e('scenario.events[0]', "needs 'path' or 'addr'"),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'endpoint_flush', ns: 'wire' }]))).toEqual([
      e('scenario.events[0].ns', `must be one of ['client', 'server'], got "wire"`),
    ]);
  });

  it('checks sysctl, addr and cmd events', () => {
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'sysctl', ns: 'client', key: 'kernel.x', value: true }]))).toEqual([
      e('scenario.events[0].key', 'only keys under net.* are allowed'),
      e('scenario.events[0].value', 'must be an integer or a string'),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'addr_add', ns: 'client', path: 1, addr: '10.0.2.9' }]))).toEqual([
      e('scenario.events[0].addr', 'must be inside 10.0.1.0/24'),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'addr_del', ns: 'client', path: 1 }]))).toEqual([
      e('scenario.events[0].addr', 'is required'),
      e('scenario.events[0].addr', 'not an IPv4 address: None'),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'cmd', ns: 'wire', argv: [] }]))).toEqual([
      e('scenario.events[0].argv', 'must be a non-empty list of strings'),
    ]);
  });
});

describe('capture, analysis, expect', () => {
  it('checks each section', () => {
    expect(errorsOf((s) => (s.capture = { side: 'wire' }))).toEqual([
      e('scenario.capture.side', `must be one of ['server', 'client', 'both'], got "wire"`),
    ]);
    expect(errorsOf((s) => (s.capture = { snaplen: 10 }))).toEqual([e('scenario.capture.snaplen', 'must be >= 96, got 10')]);
    expect(errorsOf((s) => (s.analysis = { bin_s: 0 }))).toEqual([e('scenario.analysis.bin_s', 'must be >= 0.01, got 0')]);
    expect(errorsOf((s) => (s.expect = { min_subflows: -1, mptcp: 'yes', zz: 1 }))).toEqual([
      e(
        'scenario.expect.zz',
        'unknown key (allowed: stream_intact, mptcp, min_subflows, max_subflows, min_subflows_with_payload, max_duration_s, min_add_addr, min_mp_prio)',
      ),
      e('scenario.expect.mptcp', 'expected true/false, got "yes"'),
      e('scenario.expect.min_subflows', 'must be >= 0, got -1'),
    ]);
  });
});

describe('collecting errors', () => {
  it('reports every error, in document order, not only the first', () => {
    const errs = errorsOf((s) => {
      s.name = 1;
      s.paths[0].c2s = { loss_pct: 101 };
      s.client.endpoints = [{}];
      s.app.port = 0;
      s.events = [{ at: -1, action: 'ss' }];
    });
    expect(errs).toEqual([
      e('scenario.name', 'expected a string, got 1'),
      e('scenario.paths[0].c2s.loss_pct', 'must be <= 100, got 101'),
      e('scenario.client.endpoints[0]', "needs 'path' or 'addr'"),
      e('scenario.app.port', 'must be >= 1, got 0'),
      e('scenario.events[0].at', 'must be >= 0, got -1'),
    ]);
  });

  it('keeps checking the rest when the paths list is missing (kernel-ref stops there)', () => {
    const errs = errorsOf((s) => {
      delete s.paths;
      s.app.direction = 'sideways';
      s.client.endpoints = [{ path: 5 }];
      s.events = [{ at: 1, action: 'link_down', path: 0 }];
    });
    expect(errs).toEqual([
      e('scenario.paths', 'must be a list of 1..8 path objects'),
      e('scenario.app.direction', `must be one of ['upload', 'download'], got "sideways"`),
      e('scenario.events[0].path', 'must be >= 1, got 0'),
    ]);
  });
});
