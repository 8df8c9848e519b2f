// The net.mptcp table of Linux 6.18 and the effective values of a namespace.
import { describe, expect, it } from 'vitest';
import { effectiveMptcpSysctls, MPTCP_SYSCTL_DEFAULTS, MPTCP_SYSCTL_NAMES } from '../../../src/core/scenario/index';

describe('net.mptcp sysctls', () => {
  it('lists the 13 entries of /proc/sys/net/mptcp on 6.18, sorted', () => {
    expect(MPTCP_SYSCTL_NAMES).toEqual([
      'add_addr_timeout', 'allow_join_initial_addr_port', 'available_path_managers', 'available_schedulers',
      'blackhole_timeout', 'checksum_enabled', 'close_timeout', 'enabled', 'path_manager', 'pm_type',
      'scheduler', 'stale_loss_cnt', 'syn_retrans_before_tcp_fallback',
    ]);
  });

  it('defaults to the 6.18 values (kernel.md §9)', () => {
    expect(effectiveMptcpSysctls({ mptcp_sysctl: {}, sysctl: {} })).toEqual(MPTCP_SYSCTL_DEFAULTS);
    expect(MPTCP_SYSCTL_DEFAULTS).toMatchObject({ enabled: 1, add_addr_timeout: 120, stale_loss_cnt: 4, scheduler: 'default', path_manager: 'kernel' });
  });

  it('applies mptcp_sysctl, then net.mptcp.* sysctl keys, parsing numeric strings', () => {
    const v = effectiveMptcpSysctls({
      mptcp_sysctl: { checksum_enabled: '1', stale_loss_cnt: 6 },
      sysctl: { 'net.mptcp.stale_loss_cnt': 9, 'net.core.x': 1 },
    });
    expect(v.checksum_enabled).toBe(1);
    expect(v.stale_loss_cnt).toBe(9);
  });

  it('keeps pm_type and path_manager in step, the later write winning', () => {
    expect(effectiveMptcpSysctls({ mptcp_sysctl: { pm_type: 1 }, sysctl: {} })).toMatchObject({ pm_type: 1, path_manager: 'userspace' });
    expect(
      effectiveMptcpSysctls({ mptcp_sysctl: { pm_type: 1 }, sysctl: { 'net.mptcp.path_manager': 'kernel' } }),
    ).toMatchObject({ pm_type: 0, path_manager: 'kernel' });
  });
});
