/**
 * What `socket(AF_INET, SOCK_STREAM, proto)` gives an application at start, on a given kernel, and
 * how the ways of forcing MPTCP on an unmodified TCP application change it (kernel.md §10):
 *
 * - `socket(..., IPPROTO_MPTCP=262)`: EINVAL before 5.6 (the protocol number is unknown),
 *   EPROTONOSUPPORT when CONFIG_MPTCP is off, ENOPROTOOPT when `net.mptcp.enabled=0`. kernel-ref's
 *   app (`make_socket`) then records the errno as `socket_error` and opens a TCP socket instead.
 * - `mptcpize run APP` (mptcpd's libmptcpwrap, LD_PRELOAD): every socket(AF_INET[6], SOCK_STREAM,
 *   0 or IPPROTO_TCP) becomes IPPROTO_MPTCP, with no fallback: when the kernel refuses, the app's own
 *   socket() fails. kernel-ref's app then retries with TCP, which is rewritten again and fails again,
 *   so the app ends with `OSError`.
 * - `mptcpify` (a BPF `fmod_ret` program on `update_socket_protocol`, kernel 6.6 and later; the
 *   selftest progs/mptcpify.c): the same rewrite inside the kernel, so it needs no libc; on a kernel
 *   older than 6.6 the program cannot attach and the app keeps TCP.
 * - `GODEBUG=multipathtcp=1` (Go 1.21 and later): the Go dialer and listener ask for MPTCP and fall
 *   back to TCP on any error, silently; the errno is recorded here as `socket_error` so the summary
 *   says what happened.
 *
 * Not modelled: which Go release changed the listener default (kernel.md §12, not verified), systemd
 * `SocketProtocol=mptcp`, `ip mptcp`/`sysctl net.mptcp.*` failing on a host without MPTCP (the
 * console still answers them), and IPv6 (AF_INET6 behaves the same for socket()).
 */

export const IPPROTO_MPTCP = 262;

export type SocketErrno = 'EINVAL' | 'EPROTONOSUPPORT' | 'ENOPROTOOPT' | 'EOPNOTSUPP' | 'EBADF';

/** errno values and strerror() texts (glibc, x86-64 Linux). */
export const ERRNO: Record<SocketErrno, { num: number; text: string }> = {
  EBADF: { num: 9, text: 'Bad file descriptor' },
  EINVAL: { num: 22, text: 'Invalid argument' },
  ENOPROTOOPT: { num: 92, text: 'Protocol not available' },
  EPROTONOSUPPORT: { num: 93, text: 'Protocol not supported' },
  EOPNOTSUPP: { num: 95, text: 'Operation not supported' },
};

/** What the host runs: kernel version, CONFIG_MPTCP, net.mptcp.enabled. */
export interface MptcpHostKernel {
  version: readonly [number, number];
  /** CONFIG_MPTCP=y. */
  built: boolean;
  /** net.mptcp.enabled. */
  enabled: boolean;
}

/** `sim.kernel…mptcp`: MPTCP built in (6.18, the default), not built, or a kernel older than 5.6. */
export type KernelMptcp = 'built' | 'absent' | 'pre-5.6';
export const KERNEL_MPTCP_VALUES: readonly KernelMptcp[] = ['built', 'absent', 'pre-5.6'];

/** `sim.force_mptcp.<side>`: how a TCP application is made to use MPTCP. */
export type ForceMptcp = 'mptcpize' | 'mptcpify' | 'godebug';
export const FORCE_MPTCP_VALUES: readonly ForceMptcp[] = ['mptcpize', 'mptcpify', 'godebug'];

/** The kernel a `sim.kernel` value stands for (5.4 for "pre-5.6": the last LTS before 5.6). */
export function hostKernel(kind: KernelMptcp, enabled: boolean): MptcpHostKernel {
  if (kind === 'pre-5.6') return { version: [5, 4], built: false, enabled };
  return { version: [6, 18], built: kind === 'built', enabled };
}

/**
 * socket(AF_INET or AF_INET6, SOCK_STREAM, IPPROTO_MPTCP): EINVAL before 5.6 (the protocol number
 * is unknown), EPROTONOSUPPORT when MPTCP is not built in, ENOPROTOOPT when net.mptcp.enabled=0.
 */
export function mptcpSocket(k: MptcpHostKernel): { ok: true } | { ok: false; errno: SocketErrno } {
  const [major, minor] = k.version;
  if (major < 5 || (major === 5 && minor < 6)) return { ok: false, errno: 'EINVAL' };
  if (!k.built) return { ok: false, errno: 'EPROTONOSUPPORT' };
  if (!k.enabled) return { ok: false, errno: 'ENOPROTOOPT' };
  return { ok: true };
}

/** The application's socket after start, as kernel-ref's result fields say it. */
export interface AppSocketOutcome {
  /** The socket the app holds: null when socket() failed for good (the app then ends with `error`). */
  proto_socket: 'mptcp' | 'tcp' | null;
  /** errno name of the socket(IPPROTO_MPTCP) that failed, or null. */
  socket_error: SocketErrno | null;
  /** kernel-ref's `error` when the app could not open any socket. */
  error: string | null;
  /** The forcing mechanism that changed the protocol (null when none applied). */
  forced: ForceMptcp | null;
}

const osError = (e: SocketErrno): string => `OSError: [Errno ${ERRNO[e].num}] ${ERRNO[e].text}`;

/**
 * socket() at start for an app that asks for `requested`, with an optional forcing mechanism, on
 * kernel `k`: kernel-ref's make_socket() (try the protocol, on error record it and open TCP).
 */
export function openAppSocket(requested: 'mptcp' | 'tcp', force: ForceMptcp | null, k: MptcpHostKernel): AppSocketOutcome {
  const attempt = mptcpSocket(k);
  // mptcpize / mptcpify rewrite every TCP socket() to MPTCP, kernel-ref's retry with TCP included
  const rewritesTcp = force === 'mptcpize' || (force === 'mptcpify' && !olderThan(k, 6, 6));
  if (requested === 'mptcp' || rewritesTcp) {
    if (attempt.ok) return { proto_socket: 'mptcp', socket_error: null, error: null, forced: requested === 'tcp' ? force : null };
    if (rewritesTcp) return { proto_socket: null, socket_error: attempt.errno, error: osError(attempt.errno), forced: force };
    return { proto_socket: 'tcp', socket_error: attempt.errno, error: null, forced: null };
  }
  if (force === 'godebug') {
    // Go's dialMPTCP / listenMPTCP: MPTCP when socket(IPPROTO_MPTCP) works, otherwise TCP
    if (attempt.ok) return { proto_socket: 'mptcp', socket_error: null, error: null, forced: 'godebug' };
    return { proto_socket: 'tcp', socket_error: attempt.errno, error: null, forced: null };
  }
  return { proto_socket: 'tcp', socket_error: null, error: null, forced: null };
}

function olderThan(k: MptcpHostKernel, major: number, minor: number): boolean {
  return k.version[0] < major || (k.version[0] === major && k.version[1] < minor);
}
