/**
 * Middleboxes on a path: boxes between the hosts that rewrite segments in flight, the way firewalls,
 * NATs and application-level gateways break MPTCP in the wild (RFC 8684 §3.7 and Appendix: "Use of
 * TCP Options"; Honda et al., "Is it still possible to extend TCP?", IMC 2011).
 *
 * Declared under the scenario's simulator-only key (the kernel harness ignores it):
 *
 *   "sim": { "middleboxes": [
 *     { "path": 1, "dir": "c2s", "action": "strip_options", "options": ["MP_CAPABLE"], "on": "syn" },
 *     { "path": 2, "action": "strip_options", "options": ["MP_JOIN"] },
 *     { "path": 1, "dir": "c2s", "action": "rewrite_payload", "from_s": 0.5, "until_s": 0.6 }
 *   ] }
 *
 * - `path` (1-based, required); `dir` "c2s" | "s2c" | "both" (default "both");
 * - `action` "strip_options": remove the MPTCP options named in `options` (option kinds such as
 *   "MP_CAPABLE", "MP_JOIN", "DSS", "ADD_ADDR"…, or "ALL", the default) from segments of kind `on`:
 *   "syn" (SYN without ACK), "synack", "ack" (no SYN, no payload), "data" (payload), "any" (default);
 * - `action` "rewrite_payload": change payload bytes of data segments (an ALG rewriting content, the
 *   TCP checksum fixed up), so only MPTCP's DSS checksum can notice;
 * - `from_s` / `until_s`: active from (default 0) until (default: for ever) simulated seconds;
 * - `count`: act on at most this many segments (default: no limit), e.g. rewrite exactly one.
 *
 * A box never modifies the packet the sender holds (the sender's capture shows what was sent): it
 * forwards a modified copy with the same id.
 */
import type { Nanos } from '../sim/time';
import { ACK, SYN, mptcpOptions, type Packet } from './packet';

export type MiddleboxSegmentKind = 'syn' | 'synack' | 'ack' | 'data' | 'any';

export interface MiddleboxConfig {
  path: number;
  dir: 'c2s' | 's2c' | 'both';
  action: 'strip_options' | 'rewrite_payload';
  /** MPTCP option kinds to strip, or ['ALL']. */
  options: string[];
  on: MiddleboxSegmentKind;
  from_s: number;
  until_s: number | null;
  /** At most this many segments are changed (null: no limit). */
  count: number | null;
}

/** A box on one link direction, with how many segments it has changed so far. */
export interface PlacedMiddlebox {
  index: number;
  box: MiddleboxConfig;
  hits: number;
}

export const MIDDLEBOX_ACTIONS = ['strip_options', 'rewrite_payload'] as const;
export const MIDDLEBOX_SEGMENT_KINDS: readonly MiddleboxSegmentKind[] = ['syn', 'synack', 'ack', 'data', 'any'];
export const MIDDLEBOX_OPTION_NAMES = ['ALL', 'MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'] as const;

/** The XOR a rewriting box applies to the first payload byte (an ALG changing content in place). */
export const REWRITE_XOR = 0x20;

/** What a box did to one segment, for the trace. */
export interface MiddleboxAction {
  box: number;
  pktId: number;
  action: 'strip_options' | 'rewrite_payload';
  /** Option kinds removed (strip_options). */
  removed: string[];
}

function segmentKind(p: Packet): Exclude<MiddleboxSegmentKind, 'any'> {
  if (p.flags & SYN) return p.flags & ACK ? 'synack' : 'syn';
  return p.payloadLen > 0 ? 'data' : 'ack';
}

function active(box: MiddleboxConfig, now: Nanos): boolean {
  const t = now / 1e9;
  return t >= box.from_s && (box.until_s === null || t < box.until_s);
}

/**
 * Pass `p` through the boxes (in declaration order). Returns the packet to forward: `p` itself when
 * no box touched it, else a modified copy; `report` hears what each box did.
 */
export function applyMiddleboxes(boxes: readonly PlacedMiddlebox[], p: Packet, now: Nanos, report: (a: MiddleboxAction) => void): Packet {
  let out = p;
  for (const placed of boxes) {
    const { index, box } = placed;
    if (!active(box, now) || (box.count !== null && placed.hits >= box.count)) continue;
    if (box.action === 'rewrite_payload') {
      if (out.payloadLen === 0) continue;
      if (out === p) out = { ...p };
      out.mangled ^= REWRITE_XOR;
      placed.hits++;
      report({ box: index, pktId: p.id, action: 'rewrite_payload', removed: [] });
      continue;
    }
    if (box.on !== 'any' && segmentKind(out) !== box.on) continue;
    const opts = mptcpOptions(out);
    if (opts === null) continue;
    const all = box.options.includes('ALL');
    const kept = opts.filter((o) => !(all || box.options.includes(String(o.kind))));
    if (kept.length === opts.length) continue;
    const removed = opts.filter((o) => !kept.includes(o)).map((o) => String(o.kind));
    if (out === p) out = { ...p };
    out.mptcp = kept.length > 0 ? kept : null;
    placed.hits++;
    report({ box: index, pktId: p.id, action: 'strip_options', removed });
  }
  return out;
}
