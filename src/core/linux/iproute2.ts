/**
 * Which iproute2 the console imitates. Two releases matter here:
 * - `6.18`: the one that goes with Linux 6.18 (the reference kernel). Its `ip mptcp` knows the
 *   `laminar` and `implicit` flags, names the listener events, pads event names to 16 columns
 *   (`[%16s]`), and `ss` prints the MPTCP sequence numbers in decimal plus the newer
 *   MPTCP_INFO fields.
 * - `6.1`: the one on the kernel-ref machine (../shared/kernel-ref), whose raw output the
 *   summaries keep: no `laminar`/`implicit` keywords (an implicit endpoint shows as
 *   `rawflags 10`), events padded to 14 columns, listener events as `[UNKNOWN 15]`/`[UNKNOWN 16]`,
 *   sequence numbers in hex.
 * Sources: iproute2 ip/ipmptcp.c and misc/ss.c (mptcp_stats_print) across those releases, and the
 * ip-mptcp(8) page of each.
 */
import type { EndpointFlagName } from '../pm/types';

export type Iproute2Release = '6.18' | '6.1';

export const DEFAULT_IPROUTE2: Iproute2Release = '6.18';

export interface Iproute2Profile {
  release: Iproute2Release;
  /** `mptcp_addr_flag_names[]` in table order: what `add`/`change` accept and `show` prints, in that order. */
  flagNames: readonly (EndpointFlagName | 'nobackup' | 'nofullmesh')[];
  /** Width of the event name in `ip mptcp monitor` (`[%16s]` or `[%14s]`). */
  monitorWidth: number;
  /** Listener events have names (else `[UNKNOWN 15]`). */
  listenerEventNames: boolean;
  /** ss prints write_seq/snd_una/rcv_nxt in decimal (else hex) and the MPTCP_INFO fields of 6.5+. */
  ssDecimalSeq: boolean;
  /** ss prints endp_laminar_max (6.18). */
  ssLaminar: boolean;
}

export const IPROUTE2: Readonly<Record<Iproute2Release, Iproute2Profile>> = {
  '6.18': {
    release: '6.18',
    flagNames: ['signal', 'subflow', 'laminar', 'backup', 'fullmesh', 'implicit', 'nobackup', 'nofullmesh'],
    monitorWidth: 16,
    listenerEventNames: true,
    ssDecimalSeq: true,
    ssLaminar: true,
  },
  '6.1': {
    release: '6.1',
    flagNames: ['signal', 'subflow', 'backup', 'fullmesh', 'nobackup', 'nofullmesh'],
    monitorWidth: 14,
    listenerEventNames: false,
    ssDecimalSeq: false,
    ssLaminar: false,
  },
};

/** `usage()` of ip/ipmptcp.c, printed to stderr by `ip mptcp help` (exit status 255). */
export function ipMptcpUsage(p: Iproute2Profile): string {
  const flags = p.flagNames.filter((f) => f !== 'nobackup' && f !== 'nofullmesh' && f !== 'implicit');
  return (
    'Usage:\tip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]\n' +
    '\t\t\t\t      [ port NR ] [ FLAG-LIST ]\n' +
    '\tip mptcp endpoint delete id ID [ ADDRESS ]\n' +
    '\tip mptcp endpoint change [ id ID ] [ ADDRESS ] [ port NR ] CHANGE-OPT\n' +
    '\tip mptcp endpoint show [ id ID ]\n' +
    '\tip mptcp endpoint flush\n' +
    '\tip mptcp limits set [ subflows NR ] [ add_addr_accepted NR ]\n' +
    '\tip mptcp limits show\n' +
    '\tip mptcp monitor\n' +
    'FLAG-LIST := [ FLAG-LIST ] FLAG\n' +
    `FLAG  := [ ${flags.join(' | ')} ]\n` +
    'CHANGE-OPT := [ backup | nobackup | fullmesh | nofullmesh ]\n'
  );
}
