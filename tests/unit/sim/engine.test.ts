import { describe, expect, it } from 'vitest';
import { Engine, Timer } from '../../../src/core/sim/engine';
import { EventQueue } from '../../../src/core/sim/event-queue';
import { Rng } from '../../../src/core/sim/rng';

describe('EventQueue', () => {
  it('pops events by time, and in insertion order at equal times', () => {
    const q = new EventQueue();
    const h = { fire() {} };
    const order = [5, 1, 3, 1, 5, 0, 3];
    order.forEach((t, i) => q.push(t, h, i));
    const out: [number, unknown][] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push([e.t, e.a]);
    expect(out).toEqual([[0, 5], [1, 1], [1, 3], [3, 2], [3, 6], [5, 0], [5, 4]]);
  });
});

describe('Engine', () => {
  it('runUntil(t) runs events up to t inclusive and leaves now at t', () => {
    const e = new Engine();
    const seen: number[] = [];
    const h = { fire: (a: number) => seen.push(a) };
    e.at(10, h, 1);
    e.at(20, h, 2);
    e.at(30, h, 3);
    e.runUntil(20);
    expect(seen).toEqual([1, 2]);
    expect(e.now).toBe(20);
    expect(e.nextEventAt()).toBe(30);
  });

  it('events scheduled while running are run in the same call when due', () => {
    const e = new Engine();
    const seen: number[] = [];
    e.at(1, { fire: () => { seen.push(1); e.after(5, { fire: () => seen.push(2) }, null); } }, null);
    e.runUntil(100);
    expect(seen).toEqual([1, 2]);
  });

  it('step() runs exactly the next event and says when nothing is left', () => {
    const e = new Engine();
    const seen: number[] = [];
    const h = { fire: (a: number) => seen.push(a) };
    e.at(5, h, 1);
    e.at(9, h, 2);
    expect(e.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(e.now).toBe(5);
    expect(e.step()).toBe(true);
    expect(e.step()).toBe(false);
    expect(e.events).toBe(2);
  });

  it('stop() ends runUntil after the current event', () => {
    const e = new Engine();
    const seen: number[] = [];
    e.at(1, { fire: () => { seen.push(1); e.stop(); } }, null);
    e.at(2, { fire: () => seen.push(2) }, null);
    e.runUntil(100);
    expect(seen).toEqual([1]);
    expect(e.now).toBe(1);
  });
});

describe('Timer', () => {
  it('fires once at its deadline; moving it later defers, earlier advances, cancel stops it', () => {
    const e = new Engine();
    const fired: number[] = [];
    const t = new Timer(e, (now) => fired.push(now));
    t.arm(100);
    t.arm(300); // later: lazily re-queued
    e.runUntil(200);
    expect(fired).toEqual([]);
    t.arm(250); // earlier than 300
    e.runUntil(1000);
    expect(fired).toEqual([250]);
    t.arm(1100);
    t.cancel();
    e.runUntil(2000);
    expect(fired).toEqual([250]);
    expect(t.armed).toBe(false);
  });
});

describe('Rng (sfc32 seeded by splitmix32)', () => {
  it('is reproducible per seed and differs between seeds and labels', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(xs);
    expect(Rng.derive(1, 'link:1:c2s').u32()).not.toBe(Rng.derive(1, 'link:1:s2c').u32());
  });

  it('next() is uniform in [0, 1): mean and extremes over 100k draws', () => {
    const r = new Rng(9);
    let sum = 0, min = 1, max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r.next();
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('u64NonZero() gives 64-bit values', () => {
    const r = new Rng(1);
    const v = r.u64NonZero();
    expect(v).toBeGreaterThan(0n);
    expect(v < 1n << 64n).toBe(true);
  });
});
