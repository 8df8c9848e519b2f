/**
 * What the simulation worker does with a baseline request (worker-protocol.ts BaselineRequest):
 * the run's scenario as plain TCP on path 1, simulated with the same seed, reduced to its goodput
 * per bin the way the throughput chart counts it. Pure and never throws (every outcome is a reply).
 */
import { simulate } from '../core';
import { validateScenario } from '../core/scenario';
import { tcpBaselineScenario } from '../core/scenario/tcp-baseline';
import { throughputModel } from '../viz/expert/throughput';
import { errorMessage } from './run-request';
import type { BaselineReply, BaselineRequest } from './worker-protocol';

export function isBaselineRequest(msg: unknown): msg is BaselineRequest {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'baseline';
}

export function handleBaselineRequest(req: BaselineRequest): BaselineReply {
  try {
    const v = validateScenario(tcpBaselineScenario(req.scenario));
    if (!v.ok) return { type: 'baselineError', id: req.id, message: v.errors.map((e) => `${e.path}: ${e.message}`).join('\n') };
    const r = simulate(v.scenario, { seed: req.seed, summary: false, series: false, digests: false });
    const m = throughputModel(r.trace, v.scenario, req.binNs);
    return { type: 'baseline', id: req.id, binNs: req.binNs, bytes: m.aggregate, end: r.trace.end };
  } catch (e) {
    return { type: 'baselineError', id: req.id, message: errorMessage(e) };
  }
}
