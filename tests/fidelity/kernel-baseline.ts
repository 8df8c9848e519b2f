/**
 * The stored real-kernel baselines (tests/fidelity/kernel-ref/<name>/runs.json, see its README) and
 * the fidelity scenarios beside them (tests/fidelity/scenarios/<name>.json).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelRunMetrics } from './kernel-metrics';

export const FIDELITY_DIR = dirname(fileURLToPath(import.meta.url));

export interface KernelBaseline {
  scenario: string;
  kernel: string | null;
  representative: string;
  runs: KernelRunMetrics[];
}

export function loadKernelBaseline(name: string): KernelBaseline {
  return JSON.parse(readFileSync(join(FIDELITY_DIR, 'kernel-ref', name, 'runs.json'), 'utf8')) as KernelBaseline;
}

/** The representative run's trimmed summary.json. */
export function loadKernelSummary(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIDELITY_DIR, 'kernel-ref', name, 'summary.json'), 'utf8')) as Record<string, any>;
}

/** The scenario file as written (kernel-ref-scenario/1, defaults not filled in). */
export function loadScenarioFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIDELITY_DIR, 'scenarios', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export const FIDELITY_SCENARIOS = ['tcp_10m_20ms_1mb', 'tcp_10m_20ms_4mb', 'tcp_10m_20ms_1mb_loss1'] as const;
