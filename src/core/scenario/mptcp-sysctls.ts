/**
 * The `net.mptcp.*` sysctls of Linux 6.18 (net/mptcp/ctrl.c, Documentation/networking/mptcp-sysctl.rst;
 * ../shared/reference/kernel.md §9): names, defaults and the values the kernel accepts on write.
 *
 * kernel-ref checks scenario keys against /proc/sys/net/mptcp of the machine; the simulator checks
 * them against this table instead, and also checks each value the way the kernel's proc handler
 * would (a write the kernel refuses is a scenario error here).
 */

export interface MptcpSysctls {
  enabled: number;
  add_addr_timeout: number;
  allow_join_initial_addr_port: number;
  checksum_enabled: number;
  stale_loss_cnt: number;
  pm_type: number;
  path_manager: 'kernel' | 'userspace';
  scheduler: string;
  close_timeout: number;
  blackhole_timeout: number;
  syn_retrans_before_tcp_fallback: number;
}

/** Defaults of a fresh network namespace (mptcp_pernet_set_defaults; kernel.md §9). */
export const MPTCP_SYSCTL_DEFAULTS: Readonly<MptcpSysctls> = Object.freeze({
  enabled: 1,
  add_addr_timeout: 120,
  allow_join_initial_addr_port: 1,
  checksum_enabled: 0,
  stale_loss_cnt: 4,
  pm_type: 0,
  path_manager: 'kernel',
  scheduler: 'default',
  close_timeout: 60,
  blackhole_timeout: 3600,
  syn_retrans_before_tcp_fallback: 2,
});

/** What `available_path_managers` / `available_schedulers` read on 6.18 (kernel.md §9). */
export const AVAILABLE_PATH_MANAGERS = ['kernel', 'userspace'] as const;
export const AVAILABLE_SCHEDULERS = ['default'] as const;

type Spec =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'readonly' };

// proc_dointvec_jiffies stores seconds * HZ in an int: at HZ=1000 the largest accepted value is
// INT_MAX / 1000. Negative values make no sense for a timeout and are refused here.
const JIFFIES_SECONDS_MAX = Math.floor(2147483647 / 1000);

/** Every entry of /proc/sys/net/mptcp on 6.18, with the values a write may carry. */
const SPECS: Record<string, Spec> = {
  enabled: { kind: 'int', min: 0, max: 1 }, // proc_dou8vec_minmax, 0..1
  add_addr_timeout: { kind: 'int', min: 0, max: JIFFIES_SECONDS_MAX }, // proc_dointvec_jiffies
  allow_join_initial_addr_port: { kind: 'int', min: 0, max: 1 }, // proc_dou8vec_minmax, 0..1
  checksum_enabled: { kind: 'int', min: 0, max: 1 }, // proc_dou8vec_minmax, 0..1
  stale_loss_cnt: { kind: 'int', min: 0, max: 4294967295 }, // proc_douintvec_minmax, unbounded u32
  pm_type: { kind: 'int', min: 0, max: 1 }, // 0 kernel, 1 userspace (__MPTCP_PM_TYPE_MAX)
  path_manager: { kind: 'choice', choices: AVAILABLE_PATH_MANAGERS },
  scheduler: { kind: 'choice', choices: AVAILABLE_SCHEDULERS }, // mptcp_sched_find() or -ENOENT
  close_timeout: { kind: 'int', min: 0, max: JIFFIES_SECONDS_MAX }, // proc_dointvec_jiffies
  blackhole_timeout: { kind: 'int', min: 0, max: 2147483647 }, // proc_dointvec_minmax, extra1 0
  syn_retrans_before_tcp_fallback: { kind: 'int', min: 0, max: 255 }, // proc_dou8vec_minmax, u8
  available_path_managers: { kind: 'readonly' }, // mode 0444
  available_schedulers: { kind: 'readonly' }, // mode 0444
};

/** Sorted names, as `ls /proc/sys/net/mptcp` prints them on 6.18. */
export const MPTCP_SYSCTL_NAMES: readonly string[] = Object.keys(SPECS).sort();

export function isMptcpSysctlName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SPECS, name);
}

/** A decimal integer given as a number or as text (`sysctl -w k=v` writes text either way). */
function asInteger(v: number | string): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const t = v.trim();
  return /^-?[0-9]+$/.test(t) ? Number(t) : null;
}

/**
 * Why the kernel would refuse writing `value` to net.mptcp.`name`, or null if it accepts it.
 * `name` must be a known sysctl; `value` is already an integer or a string.
 */
export function mptcpSysctlValueProblem(name: string, value: number | string): string | null {
  const spec = SPECS[name];
  if (spec.kind === 'readonly') return 'is read-only (it lists what the kernel offers)';
  if (spec.kind === 'choice') {
    if (typeof value === 'string' && spec.choices.includes(value)) return null;
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return `must be one of ${spec.choices.map((c) => `'${c}'`).join(', ')}, got ${shown}`;
  }
  const n = asInteger(value);
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (n === null || n < spec.min || n > spec.max) return `must be an integer in ${spec.min}..${spec.max}, got ${shown}`;
  return null;
}

/**
 * The effective net.mptcp values of one namespace: the defaults, then `mptcp_sysctl` in order, then
 * `sysctl` keys `net.mptcp.*` in order (kernel-ref writes them in that order). Since 6.15 `pm_type`
 * and `path_manager` are two views of one setting: writing either updates the other.
 */
export function effectiveMptcpSysctls(ns: {
  mptcp_sysctl: Record<string, number | string>;
  sysctl: Record<string, number | string>;
}): MptcpSysctls {
  const out: MptcpSysctls = { ...MPTCP_SYSCTL_DEFAULTS };
  const apply = (name: string, value: number | string): void => {
    if (!isMptcpSysctlName(name) || mptcpSysctlValueProblem(name, value) !== null) return;
    const spec = SPECS[name];
    if (spec.kind === 'choice') {
      const s = String(value);
      if (name === 'path_manager') {
        out.path_manager = s as MptcpSysctls['path_manager'];
        out.pm_type = s === 'userspace' ? 1 : 0;
      } else out.scheduler = s;
      return;
    }
    const n = asInteger(value) as number;
    (out as unknown as Record<string, number>)[name] = n;
    if (name === 'pm_type') out.path_manager = n === 1 ? 'userspace' : 'kernel';
  };
  for (const [k, v] of Object.entries(ns.mptcp_sysctl)) apply(k, v);
  for (const [k, v] of Object.entries(ns.sysctl)) if (k.startsWith('net.mptcp.')) apply(k.slice(10), v);
  return out;
}
