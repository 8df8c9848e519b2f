/** A small simulated run to drive the console with (kernel-ref's a_aggregation, shortened). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../../src/core';
import { validateScenario, type Scenario } from '../../../src/core/scenario/index';
import type { Trace } from '../../../src/core/sim/trace';
import { KERNEL_REF } from '../../helpers/paths';

export function krefScenario(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export function validated(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

const cache = new Map<string, { scenario: Scenario; trace: Trace }>();

/** Run a kernel-ref example with `bytes` (default 400 kB) so the tests stay quick. */
export function krefRun(name: string, bytes = 400_000, edit?: (raw: Record<string, unknown>) => void): { scenario: Scenario; trace: Trace } {
  const key = `${name}:${bytes}:${edit ? edit.toString() : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const raw = krefScenario(name);
  const app = raw.app as Record<string, unknown>;
  if ('bytes' in app) app.bytes = bytes;
  edit?.(raw);
  const scenario = validated(raw);
  const r = simulate(scenario, { captures: false, summary: false, digests: false });
  const out = { scenario, trace: r.trace };
  cache.set(key, out);
  return out;
}
