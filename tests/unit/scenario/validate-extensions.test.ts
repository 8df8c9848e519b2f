// Where the simulator's validator deliberately differs from kernel-ref's: net.mptcp values checked
// like the 6.18 kernel would, the `sim` section checked, harness-only keys reported as ignored.
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario/index';
import { baseScenario, e, errorsOf, validOf } from './helpers';

describe('net.mptcp sysctl values (Linux 6.18 ctrl.c)', () => {
  it('accepts valid values as given', () => {
    const sc = validOf((s) => {
      s.client.mptcp_sysctl = { enabled: 1, checksum_enabled: '1', scheduler: 'default', path_manager: 'userspace', stale_loss_cnt: 8 };
    }).scenario;
    expect(sc.client.mptcp_sysctl).toEqual({ enabled: 1, checksum_enabled: '1', scheduler: 'default', path_manager: 'userspace', stale_loss_cnt: 8 });
  });

  it('rejects out-of-range integers and unknown choices', () => {
    expect(errorsOf((s) => (s.client.mptcp_sysctl = { enabled: 2 }))).toEqual([
      e('scenario.client.mptcp_sysctl.enabled', 'must be an integer in 0..1, got 2'),
    ]);
    expect(errorsOf((s) => (s.client.mptcp_sysctl = { pm_type: 2, syn_retrans_before_tcp_fallback: 256 }))).toEqual([
      e('scenario.client.mptcp_sysctl.pm_type', 'must be an integer in 0..1, got 2'),
      e('scenario.client.mptcp_sysctl.syn_retrans_before_tcp_fallback', 'must be an integer in 0..255, got 256'),
    ]);
    expect(errorsOf((s) => (s.server.mptcp_sysctl = { add_addr_timeout: 'soon' }))).toEqual([
      e('scenario.server.mptcp_sysctl.add_addr_timeout', 'must be an integer in 0..2147483, got "soon"'),
    ]);
    expect(errorsOf((s) => (s.server.mptcp_sysctl = { scheduler: 'blest', path_manager: 1 }))).toEqual([
      e('scenario.server.mptcp_sysctl.scheduler', `must be one of 'default', got "blest"`),
      e('scenario.server.mptcp_sysctl.path_manager', "must be one of 'kernel', 'userspace', got 1"),
    ]);
  });

  it('refuses writes to the read-only available_* entries', () => {
    expect(errorsOf((s) => (s.client.mptcp_sysctl = { available_schedulers: 'default' }))).toEqual([
      e('scenario.client.mptcp_sysctl.available_schedulers', 'is read-only (it lists what the kernel offers)'),
    ]);
  });

  it('checks net.mptcp.* keys under sysctl and in sysctl events the same way', () => {
    expect(errorsOf((s) => (s.client.sysctl = { 'net.mptcp.enabled': 5, 'net.mptcp.nope': 1 }))).toEqual([
      e('scenario.client.sysctl.net.mptcp.enabled', 'must be an integer in 0..1, got 5'),
      expect.objectContaining({ path: 'scenario.client.sysctl.net.mptcp.nope', message: expect.stringMatching(/^no such sysctl under net\.mptcp/) }),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'sysctl', ns: 'client', key: 'net.mptcp.scheduler', value: 'rr' }]))).toEqual([
      e('scenario.events[0].value', `must be one of 'default', got "rr"`),
    ]);
    expect(errorsOf((s) => (s.events = [{ at: 1, action: 'sysctl', ns: 'client', key: 'net.mptcp.bogus', value: 1 }]))).toEqual([
      expect.objectContaining({ path: 'scenario.events[0].key', message: expect.stringMatching(/^no such sysctl under net\.mptcp/) }),
    ]);
  });
});

describe('sim section', () => {
  it('carries a valid sim object along unchanged', () => {
    const sim = { notes: { en: 'hi' }, congestion_control_default: 'reno', trace: { packets: false } };
    expect(validOf((s) => (s.sim = sim)).scenario.sim).toEqual(sim);
  });

  it('locates unknown keys and bad values inside sim', () => {
    expect(errorsOf((s) => (s.sim = { foo: 1 }))).toEqual([
      e('scenario.sim.foo', 'unknown key (allowed: notes, congestion_control_default, congestion_control, trace, tcp_flows, middleboxes, scheduler, userspace_pm, pm_script, scheduler_script, force_mptcp, kernel)'),
    ]);
    expect(errorsOf((s) => (s.sim = { tcp_flows: 'many' }))).toEqual([
      e('scenario.sim.tcp_flows', `must be one of ['single', 'per_path'], got "many"`),
    ]);
    expect(errorsOf((s) => (s.sim = { congestion_control_default: 'bbr', trace: { packets: 1, all: true } }))).toEqual([
      e('scenario.sim.congestion_control_default', `must be one of ['cubic', 'reno'], got "bbr"`),
      e('scenario.sim.trace.all', 'unknown key (allowed: packets)'),
      e('scenario.sim.trace.packets', 'expected true/false, got 1'),
    ]);
    expect(errorsOf((s) => (s.sim = []))).toEqual([e('scenario.sim', 'expected an object, got list')]);
  });
});

describe('ignored harness-only keys', () => {
  it('lists nothing for a scenario without them', () => {
    expect(validOf().ignored).toEqual([]);
  });

  it('lists static_arp, ss_interval_s, capture.snaplen, cmd events and unmodelled sysctls with reasons', () => {
    const r = validOf((s) => {
      s.static_arp = false;
      s.ss_interval_s = 0;
      s.capture = { side: 'both', snaplen: 256 };
      s.client.sysctl = { 'net.core.rmem_max': 1000000, 'net.ipv4.tcp_sack': 0, 'net.ipv4.tcp_rmem': '4096 131072 6291456' };
      s.server.sysctl = { 'net.mptcp.checksum_enabled': 1 };
      s.events = [
        { at: 2, action: 'cmd', ns: 'wire', argv: ['tc', 'qdisc', 'show'] },
        { at: 1, action: 'sysctl', ns: 'server', key: 'net.ipv4.tcp_timestamps', value: 0 },
        { at: 1, action: 'sysctl', ns: 'server', key: 'net.core.somaxconn', value: 10 },
      ];
    });
    expect(r.ignored.map((x) => x.split(': ')[0])).toEqual([
      'scenario.static_arp',
      'scenario.ss_interval_s',
      'scenario.client.sysctl.net.core.rmem_max',
      'scenario.events[0]',
      'scenario.events[2]',
      'scenario.capture.snaplen',
    ]);
    for (const line of r.ignored) expect(line).toMatch(/^scenario\S*: \S.{5,}/);
    // The values are still validated and kept, as kernel-ref keeps them.
    expect(r.scenario.static_arp).toBe(false);
    expect(r.scenario.capture.snaplen).toBe(256);
    expect(r.scenario.client.sysctl).toEqual({
      'net.core.rmem_max': 1000000,
      'net.ipv4.tcp_sack': 0,
      'net.ipv4.tcp_rmem': '4096 131072 6291456',
    });
  });
});

describe('JavaScript callers', () => {
  it('treats undefined properties as absent, as JSON would', () => {
    const s = baseScenario();
    s.description = undefined;
    s.app.duration_s = undefined;
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.description).toBe('');
  });

  it('does not look up keys on the prototype chain', () => {
    const s = baseScenario();
    s.app = { bytes: 1, toString: 'x' };
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((x) => x.path)).toEqual(['scenario.app.toString']);
    expect(validateScenario({ ...baseScenario(), events: [{ at: 1, action: 'constructor' }] }).ok).toBe(false);
  });
});
