// `sysctl` over net.mptcp.*: procps-ng's output and messages, the kernel's bounds (Linux 6.18
// net/mptcp/ctrl.c, reference/kernel.md §9), and the values kernel-ref read on the reference machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MPTCP_SYSCTL_DEFAULTS } from '../../../src/core/scenario/mptcp-sysctls';
import { runSysctl, sysctlEntries, sysctlEventValue, type SysctlValues } from '../../../src/core/linux/sysctl';
import { KERNEL_REF } from '../../helpers/paths';

const DEFAULTS: SysctlValues = { mptcp: { ...MPTCP_SYSCTL_DEFAULTS }, other: {} };
const sysctl = (line: string, v: SysctlValues = DEFAULTS): ReturnType<typeof runSysctl> => runSysctl(line.split(' '), v);

describe('reading', () => {
  it('one key, -n, -N, and the slash spelling', () => {
    expect(sysctl('sysctl net.mptcp.enabled').out).toEqual({ stdout: 'net.mptcp.enabled = 1\n', stderr: '', status: 0 });
    expect(sysctl('sysctl -n net.mptcp.scheduler').out.stdout).toBe('default\n');
    expect(sysctl('sysctl -N net.mptcp.pm_type').out.stdout).toBe('net.mptcp.pm_type\n');
    expect(sysctl('sysctl net/mptcp/stale_loss_cnt').out.stdout).toBe('net.mptcp.stale_loss_cnt = 4\n');
  });

  it('a directory lists its keys in name order; -a lists them all; -r filters', () => {
    const dir = sysctl('sysctl net.mptcp').out.stdout.trimEnd().split('\n');
    expect(dir).toHaveLength(13);
    expect(dir[0]).toBe('net.mptcp.add_addr_timeout = 120');
    expect(dir[3]).toBe('net.mptcp.available_schedulers = default');
    expect(sysctl('sysctl -a').out.stdout).toBe(sysctl('sysctl net.mptcp').out.stdout);
    expect(sysctl('sysctl -a -r timeout$').out.stdout).toBe('net.mptcp.add_addr_timeout = 120\nnet.mptcp.blackhole_timeout = 3600\nnet.mptcp.close_timeout = 60\n');
  });

  it('the defaults are the values kernel-ref read on Linux 6.18', () => {
    const s = JSON.parse(readFileSync(join(KERNEL_REF, 'results', 'a_aggregation', 'summary.json'), 'utf8')) as {
      config: { at_start: { client: { sysctl: Record<string, string> } } };
    };
    const real = Object.entries(s.config.at_start.client.sysctl).filter(([k]) => k.startsWith('net.mptcp.'));
    expect(sysctlEntries(DEFAULTS)).toEqual(real.sort());
  });

  it('an unknown key under net.mptcp: procps cannot stat the file', () => {
    expect(sysctl('sysctl net.mptcp.nope').out).toEqual({ stdout: '', stderr: 'sysctl: cannot stat /proc/sys/net/mptcp/nope: No such file or directory\n', status: 1 });
    expect(sysctl('sysctl -e net.mptcp.nope').out.stderr).toBe('');
  });

  it('keys outside net.mptcp that the scenario never set are reported as not emulated, not as missing', () => {
    const r = sysctl('sysctl net.ipv4.tcp_sack');
    expect(r.out.stderr).toBe('');
    expect(r.notEmulated).toEqual(['net.ipv4.tcp_sack']);
    expect(sysctl('sysctl net.ipv4.tcp_sack', { ...DEFAULTS, other: { 'net.ipv4.tcp_sack': 1 } }).out.stdout).toBe('net.ipv4.tcp_sack = 1\n');
  });

  it('reads options as getopt_long does: bundled, with values, long names', () => {
    expect(sysctl('sysctl -anr close').out.stdout).toBe('60\n');
    expect(sysctl('sysctl --values net.mptcp.enabled').out.stdout).toBe('1\n');
    expect(sysctl('sysctl -a --pattern=^net.mptcp.pm').out.stdout).toBe('net.mptcp.pm_type = 0\n');
    expect(sysctl('sysctl --bogus').out.stderr.split('\n')[0]).toBe("sysctl: unrecognized option '--bogus'");
    expect(sysctl('sysctl -r').out.stderr.split('\n')[0]).toBe("sysctl: option requires an argument -- 'r'");
  });

  it('no variables, a bad option', () => {
    expect(sysctl('sysctl').out.stderr).toBe("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    const bad = sysctl('sysctl -k net.mptcp.enabled').out;
    expect(bad.status).toBe(1);
    expect(bad.stderr.startsWith("sysctl: invalid option -- 'k'\n\nUsage:\n sysctl [options] [variable[=value] ...]\n")).toBe(true);
  });
});

describe('writing: the kernel accepts what ctrl.c accepts and refuses the rest', () => {
  it('accepts in range, echoes "key = value" (not with -q), and reports the write', () => {
    const r = sysctl('sysctl -w net.mptcp.checksum_enabled=1');
    expect(r.out).toEqual({ stdout: 'net.mptcp.checksum_enabled = 1\n', stderr: '', status: 0 });
    expect(r.writes).toEqual([{ key: 'net.mptcp.checksum_enabled', value: '1' }]);
    expect(sysctl('sysctl -q -w net.mptcp.enabled=0').out.stdout).toBe('');
    expect(sysctl('sysctl net.mptcp.path_manager=userspace').writes).toEqual([{ key: 'net.mptcp.path_manager', value: 'userspace' }]);
  });

  const EINVAL = (key: string): string => `sysctl: setting key "net.mptcp.${key}": Invalid argument\n`;
  const bounds: [string, string, string][] = [
    ['enabled', '1', '2'],
    ['allow_join_initial_addr_port', '0', '2'],
    ['checksum_enabled', '1', '-1'],
    ['pm_type', '1', '2'],
    ['syn_retrans_before_tcp_fallback', '255', '256'],
    ['add_addr_timeout', '2147483', '2147484'],
    ['close_timeout', '0', 'x'],
    ['stale_loss_cnt', '4294967295', '4294967296'],
    ['blackhole_timeout', '2147483647', '2147483648'],
  ];
  for (const [name, good, bad] of bounds) {
    it(`net.mptcp.${name}: ${good} is accepted, ${bad} is refused with EINVAL`, () => {
      expect(sysctl(`sysctl -w net.mptcp.${name}=${good}`).out.status).toBe(0);
      const r = sysctl(`sysctl -w net.mptcp.${name}=${bad}`);
      expect(r.out).toEqual({ stdout: '', stderr: EINVAL(name), status: 1 });
      expect(r.writes).toEqual([]);
    });
  }

  it('an unknown scheduler or path manager: the lookup fails with ENOENT', () => {
    expect(sysctl('sysctl -w net.mptcp.scheduler=blest').out.stderr).toBe('sysctl: setting key "net.mptcp.scheduler": No such file or directory\n');
    expect(sysctl('sysctl -w net.mptcp.path_manager=fancy').out.stderr).toBe('sysctl: setting key "net.mptcp.path_manager": No such file or directory\n');
  });

  it('read-only entries, directories, unknown keys and a missing "=" are refused as procps refuses them', () => {
    expect(sysctl('sysctl -w net.mptcp.available_schedulers=x').out.stderr).toBe('sysctl: setting key "net.mptcp.available_schedulers": Operation not permitted\n');
    expect(sysctl('sysctl -w net.mptcp=1').out.stderr).toBe('sysctl: setting key "net.mptcp": Is a directory\n');
    expect(sysctl('sysctl -w net.mptcp.nope=1').out.stderr).toBe('sysctl: cannot stat /proc/sys/net/mptcp/nope: No such file or directory\n');
    expect(sysctl('sysctl -w net.mptcp.enabled').out.stderr).toBe('sysctl: "net.mptcp.enabled" must be of the form name=value\n');
  });

  it('event values are integers when the text is one', () => {
    expect(sysctlEventValue('120')).toBe(120);
    expect(sysctlEventValue('kernel')).toBe('kernel');
  });
});
