/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator,
 * public domain, from PractRand), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. 32-bit state words, period ≥ 2^32, passes PractRand to 2^42+ bytes; fast in JS because
 * everything stays in int32 arithmetic.
 *
 * Every random decision of the simulator (link loss and jitter, keys, nonces, initial sequence
 * numbers) draws from an Rng derived from the scenario seed with `derive(label)`, so adding a
 * consumer never shifts another consumer's stream. Same seed, same run.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A new independent generator for one consumer, e.g. `rng.derive('link:1:c2s')`. */
  static derive(seed: number, label: string): Rng {
    // FNV-1a over the label, mixed with the seed.
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < label.length; i++) {
      h ^= label.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return new Rng(h >>> 0);
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A non-zero 64-bit value as a bigint (MPTCP keys, RFC 8684 §3.1). */
  u64NonZero(): bigint {
    for (;;) {
      const v = (BigInt(this.u32()) << 32n) | BigInt(this.u32());
      if (v !== 0n) return v;
    }
  }
}
