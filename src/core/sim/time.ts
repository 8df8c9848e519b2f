/**
 * Simulated time. The core never reads a clock: every function that needs "now" takes it as an
 * argument or reads `engine.now`. Time is an integer number of nanoseconds held in a JS number
 * (exact up to 2^53 ns ≈ 104 days).
 */
export type Nanos = number;

export const NS = 1;
export const US = 1_000;
export const MS = 1_000_000;
export const SEC = 1_000_000_000;

/** Seconds (float) → integer nanoseconds. */
export const fromSeconds = (s: number): Nanos => Math.round(s * SEC);
/** Milliseconds (float) → integer nanoseconds. */
export const fromMillis = (ms: number): Nanos => Math.round(ms * MS);
/** Integer nanoseconds → seconds (float). */
export const toSeconds = (t: Nanos): number => t / SEC;
