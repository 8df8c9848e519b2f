/**
 * The console's `getsockopt` command: what a small C program calling getsockopt() on the host's
 * application socket at the cursor time would print (socket-api.ts answers the call).
 *
 *   getsockopt SOL_TCP TCP_IS_MPTCP              → 1
 *   getsockopt SOL_MPTCP MPTCP_INFO              → optlen = 96, then `field = value` lines
 *   getsockopt SOL_MPTCP MPTCP_TCPINFO --size-user 232
 *   getsockopt SOL_MPTCP MPTCP_FULL_INFO --hex   → the bytes, as `xxd` shows them
 *
 * Options set what the program puts in optlen and in the header before the call (so the kernel's
 * EINVAL checks can be tried): --optlen, --size-subflow-data, --num-subflows, --size-kernel,
 * --size-user (MPTCP_TCPINFO / MPTCP_SUBFLOW_ADDRS), --size-tcpinfo, --size-sfinfo, --size-arrays
 * (MPTCP_FULL_INFO). A failing call prints `getsockopt: <strerror> (<ERRNO>)` and exits 1; a
 * usage error exits 2.
 */
import type { Scenario } from '../scenario/types';
import type { Nanos } from '../sim/time';
import type { Side, Trace } from '../sim/trace';
import { getopt } from './getopt';
import {
  ERRNO, getsockopt, MPTCP_FULL_INFO, MPTCP_INFO, MPTCP_SUBFLOW_ADDRS, MPTCP_TCPINFO, SOL_MPTCP, SOL_TCP, TCP_IS_MPTCP,
  type GetsockoptInput, type GetsockoptResult, type StructOut,
} from './socket-api';
import { fail, ok, type ToolOutput } from './tool-output';

export const LEVEL_NAMES: Record<string, number> = { SOL_TCP, IPPROTO_TCP: SOL_TCP, SOL_MPTCP };
export const OPT_NAMES: Record<string, { level: number; name: number }> = {
  TCP_IS_MPTCP: { level: SOL_TCP, name: TCP_IS_MPTCP },
  MPTCP_INFO: { level: SOL_MPTCP, name: MPTCP_INFO },
  MPTCP_TCPINFO: { level: SOL_MPTCP, name: MPTCP_TCPINFO },
  MPTCP_SUBFLOW_ADDRS: { level: SOL_MPTCP, name: MPTCP_SUBFLOW_ADDRS },
  MPTCP_FULL_INFO: { level: SOL_MPTCP, name: MPTCP_FULL_INFO },
};

const USAGE =
  'Usage: getsockopt LEVEL OPTNAME [--optlen N] [--hex]\n' +
  '       LEVEL := SOL_TCP | SOL_MPTCP\n' +
  '       OPTNAME := TCP_IS_MPTCP | MPTCP_INFO | MPTCP_TCPINFO | MPTCP_SUBFLOW_ADDRS | MPTCP_FULL_INFO\n' +
  '       MPTCP_TCPINFO, MPTCP_SUBFLOW_ADDRS: [--size-subflow-data N] [--num-subflows N] [--size-kernel N] [--size-user N]\n' +
  '       MPTCP_FULL_INFO: [--size-tcpinfo N] [--size-sfinfo N] [--size-arrays N]\n';

const LONG: Record<string, string> = {
  '--hex': 'x', '--optlen': 'o', '--size-subflow-data': 'd', '--num-subflows': 'n', '--size-kernel': 'k', '--size-user': 'u',
  '--size-tcpinfo': 't', '--size-sfinfo': 's', '--size-arrays': 'a', '--help': 'h',
};

export interface GetsockoptCmdResult {
  out: ToolOutput;
  /** Index in argv of the word refused (usage errors), or null. */
  arg: number | null;
  /** The call's result when it was made (for the console's notes). */
  result: GetsockoptResult | null;
}

/** A word that names a level or option, by name or number. */
function lookup<T>(table: Record<string, T>, word: string, num: (n: number) => T | undefined): T | undefined {
  if (word in table) return table[word];
  return /^\d+$/.test(word) ? num(Number(word)) : undefined;
}

/** `xxd`-style lines: offset, 16 bytes in pairs, the printable characters. */
export function hexdump(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let o = 0; o < bytes.length; o += 16) {
    const row = bytes.slice(o, o + 16);
    let hex = '';
    for (let i = 0; i < 16; i++) {
      hex += i < row.length ? row[i].toString(16).padStart(2, '0') : '  ';
      if (i % 2 === 1) hex += ' ';
    }
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${o.toString(16).padStart(8, '0')}: ${hex} ${ascii}`);
  }
  return lines;
}

const HEX_FIELDS = /(?:^|\.)(mptcpi_flags|mptcpi_token)$/;

/** `name = value` lines of the fields the copy holds (a truncated copy stops where its bytes end). */
function fieldLines(s: StructOut, prefix = ''): string[] {
  const out: string[] = [];
  for (const f of s.layout.fields) {
    if (f.offset + f.size > s.bytes.length) continue;
    if (f.name === 'reserved' || f.name.endsWith('.reserved')) continue;
    const v = s.values[f.name] ?? 0;
    const text = HEX_FIELDS.test(f.name) ? `0x${v.toString(16)}` : f.name.endsWith('sin_addr') ? ipv4(Number(v)) : String(v);
    out.push(`${prefix}${f.name} = ${text}`);
  }
  return out;
}

const ipv4 = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

function render(r: Extract<GetsockoptResult, { ok: true }>, hex: boolean, fullInfo: boolean): string {
  if (r.int !== undefined) return hex ? `${hexdump(r.bytes).join('\n')}\n` : `${r.int}\n`;
  const lines = [`optlen = ${r.optlen}`];
  if (hex) {
    lines.push(...hexdump(r.bytes));
    if (fullInfo) {
      (r.elements ?? []).forEach((e, i) => lines.push(`subflow_info[${i}]:`, ...hexdump(e.bytes)));
      (r.tcpInfo ?? []).forEach((e, i) => lines.push(`tcp_info[${i}]:`, ...hexdump(e.bytes)));
    }
    return `${lines.join('\n')}\n`;
  }
  if (r.head) lines.push(...fieldLines(r.head));
  const arrayName = fullInfo ? 'subflow_info' : r.head?.layout.name === 'mptcp_subflow_data' ? 'data' : '';
  (r.elements ?? []).forEach((e, i) => lines.push(...fieldLines(e, `${arrayName}[${i}].`)));
  (r.tcpInfo ?? []).forEach((e, i) => lines.push(...fieldLines(e, `tcp_info[${i}].`)));
  return `${lines.join('\n')}\n`;
}

/** Run `getsockopt ARGS…` (argv[0] is `getsockopt`) on `side`'s application socket at t. */
export function runGetsockopt(argv: readonly string[], trace: Trace, scenario: Scenario, side: Side, t: Nanos): GetsockoptCmdResult {
  const g = getopt(argv, { withValue: 'odnkutsa', long: LONG });
  if (!g.ok) return { out: fail(`getsockopt: ${g.message}\n${USAGE}`, 2), arg: null, result: null };
  let hex = false;
  const input: GetsockoptInput = {};
  const keys: Record<string, keyof GetsockoptInput> = {
    o: 'optlen', d: 'size_subflow_data', n: 'num_subflows', k: 'size_kernel', u: 'size_user', t: 'size_tcpinfo_user', s: 'size_sfinfo_user', a: 'size_arrays_user',
  };
  for (const { c, value } of g.opts) {
    if (c === 'h') return { out: ok(USAGE), arg: null, result: null };
    if (c === 'x') {
      hex = true;
      continue;
    }
    const key = keys[c];
    // optlen is an int (it may be negative); the header fields are u32
    const valid = value !== null && (c === 'o' ? /^-?\d+$/ : /^\d+$/).test(value) && Number(value) <= 0xffffffff;
    if (key === undefined || !valid) {
      const i = argv.findIndex((a) => a === value);
      return { out: fail(`getsockopt: invalid value "${value ?? ''}" for ${Object.keys(LONG).find((k) => LONG[k] === c) ?? c}\n`, 2), arg: i > 0 ? i : null, result: null };
    }
    (input as Record<string, number>)[key] = Number(value);
  }
  const [levelWord, nameWord, ...extra] = g.operands;
  const at = (w: string | undefined): number | null => {
    const i = w === undefined ? -1 : argv.indexOf(w);
    return i > 0 ? i : null;
  };
  if (levelWord === undefined || nameWord === undefined) return { out: fail(`getsockopt: LEVEL and OPTNAME are required\n${USAGE}`, 2), arg: null, result: null };
  const level = lookup(LEVEL_NAMES, levelWord, (n) => ([SOL_TCP, SOL_MPTCP].includes(n) ? n : undefined));
  if (level === undefined) return { out: fail(`getsockopt: unknown level "${levelWord}" (SOL_TCP or SOL_MPTCP)\n`, 2), arg: at(levelWord), result: null };
  const opt = lookup(OPT_NAMES, nameWord, (n) => Object.values(OPT_NAMES).find((o) => o.level === level && o.name === n));
  if (opt === undefined || opt.level !== level) {
    return { out: fail(`getsockopt: unknown option "${nameWord}" at level ${levelWord}\n`, 2), arg: at(nameWord), result: null };
  }
  if (extra.length > 0) return { out: fail(`getsockopt: unexpected argument "${extra[0]}"\n${USAGE}`, 2), arg: at(extra[0]), result: null };
  const r = getsockopt(trace, scenario, side, t, opt.level, opt.name, input);
  if (!r.ok) return { out: fail(`getsockopt: ${ERRNO[r.errno].text} (${r.errno})\n`, 1), arg: null, result: r };
  return { out: ok(render(r, hex, opt.name === MPTCP_FULL_INFO && opt.level === SOL_MPTCP)), arg: null, result: r };
}
