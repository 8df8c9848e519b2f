/**
 * Typed results for the wire layer. Parsers in `wire/` never throw on any input: a malformed
 * byte string comes back as a `WireError` that names what is wrong (`code`), where (`offset`, an
 * index into the byte array the caller passed in) and why, in words a packet inspector can show.
 *
 * Error codes used by this module (others, e.g. from the MPTCP option parsers, may add theirs):
 * - link: `link-unsupported`, `link-truncated`, `link-not-ipv4`
 * - IPv4: `ipv4-truncated`, `ipv4-bad-version`, `ipv4-bad-ihl`, `ipv4-bad-total-length`,
 *   `ipv4-fragment`, `ipv4-not-tcp`
 * - TCP: `tcp-truncated`, `tcp-bad-data-offset`
 * - TCP options: `tcp-option-truncated`, `tcp-option-length-too-short`, `tcp-option-overflow`,
 *   `tcp-option-bad-length`
 */

export interface WireError {
  /** Stable machine-readable code, kebab-case (see the list above). */
  code: string;
  /** Byte offset into the caller's array where the problem was found. */
  offset: number;
  /** Human-readable explanation. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** A successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed result. */
export function fail(code: string, offset: number, message: string): { ok: false; error: WireError } {
  return { ok: false, error: { code, offset, message } };
}

/** The one shared success value of `Result<void>` (no allocation per call). */
export const OK_VOID: { ok: true; value: undefined } = Object.freeze({ ok: true, value: undefined }) as {
  ok: true;
  value: undefined;
};
