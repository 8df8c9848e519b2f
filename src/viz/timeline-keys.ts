/**
 * The timeline's keys, as data: which key does what to the cursor. The page-wide shortcuts and the
 * scrubber (an ARIA slider, which also takes the arrows up/down and PageUp/PageDown) share them.
 * Pure; the playback carries the command out.
 */

export type TimeCommand =
  | { kind: 'toggle' }
  /** To the previous (−1) or next (1) packet or event. */
  | { kind: 'step'; dir: 1 | -1 }
  /** By `ns` (negative: back). */
  | { kind: 'jump'; ns: number }
  | { kind: 'start' }
  | { kind: 'end' };

/** Shift+arrow moves by 100 ms. */
export const SHIFT_JUMP_NS = 100e6;

/**
 * The command for a key, or null. `slider`: the key went to the scrubber (no Space there: it is
 * not a play button; PageUp/PageDown move a tenth of the run of `endNs`).
 */
export function timeKeyCommand(key: string, shift: boolean, slider: boolean, endNs: number): TimeCommand | null {
  const back = key === 'ArrowLeft' || (slider && key === 'ArrowDown');
  const fwd = key === 'ArrowRight' || (slider && key === 'ArrowUp');
  if (back || fwd) {
    const dir = fwd ? 1 : -1;
    return shift ? { kind: 'jump', ns: dir * SHIFT_JUMP_NS } : { kind: 'step', dir };
  }
  if (key === 'Home') return { kind: 'start' };
  if (key === 'End') return { kind: 'end' };
  if (slider && (key === 'PageUp' || key === 'PageDown')) return { kind: 'jump', ns: (key === 'PageUp' ? 1 : -1) * (endNs / 10) };
  if (!slider && key === ' ') return { kind: 'toggle' };
  return null;
}
