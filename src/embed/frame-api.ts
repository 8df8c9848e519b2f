/**
 * The iframe route's message API (embed.html), pure so it is unit-tested. Commands in:
 * `{type: 'mptcp-playground:load', scenario}`, `…:play`, `…:pause`, `…:seek` with `t` (seconds);
 * events out: `…:ready`, `…:run` (RunInfo), `…:time` ({t}), `…:error` ({problems}), `…:height`.
 *
 * Origin policy: commands are taken only from the origins listed in `parent-origin`, and events
 * (except the height) are posted only to them. With no `parent-origin` the frame takes no commands
 * and sends no events, rather than trusting `document.referrer` (it can be missing or stripped, and
 * anyone may frame the page). The height carries nothing private, so it goes to any parent ('*'),
 * which lets a page size the frame without configuration.
 */
export const MESSAGE_PREFIX = 'mptcp-playground:';

export type FrameCommand =
  | { kind: 'load'; scenario: unknown }
  | { kind: 'play' }
  | { kind: 'pause' }
  | { kind: 'seek'; t: number };

export type Verdict = { ok: true; command: FrameCommand } | { ok: false; reason: 'origin' | 'source' | 'shape' };

/**
 * Decide on one message event: from the parent window, from an allowed origin, and a well-formed
 * command. Anything else is ignored (the caller counts the refusals).
 */
export function readCommand(data: unknown, origin: string, fromParent: boolean, allowed: readonly string[]): Verdict {
  if (!fromParent) return { ok: false, reason: 'source' };
  if (!allowed.includes(origin)) return { ok: false, reason: 'origin' };
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'shape' };
  const m = data as Record<string, unknown>;
  if (typeof m.type !== 'string' || !m.type.startsWith(MESSAGE_PREFIX)) return { ok: false, reason: 'shape' };
  switch (m.type.slice(MESSAGE_PREFIX.length)) {
    case 'load':
      return 'scenario' in m ? { ok: true, command: { kind: 'load', scenario: m.scenario } } : { ok: false, reason: 'shape' };
    case 'play':
      return { ok: true, command: { kind: 'play' } };
    case 'pause':
      return { ok: true, command: { kind: 'pause' } };
    case 'seek':
      return typeof m.t === 'number' && Number.isFinite(m.t) ? { ok: true, command: { kind: 'seek', t: m.t } } : { ok: false, reason: 'shape' };
    default:
      return { ok: false, reason: 'shape' };
  }
}

/** An event message as posted to the parent. */
export function eventMessage(name: 'ready' | 'run' | 'time' | 'error' | 'height', detail: Record<string, unknown>): Record<string, unknown> {
  return { type: `${MESSAGE_PREFIX}${name}`, ...detail };
}
