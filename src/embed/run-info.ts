/**
 * The basics of a finished run that an embed reports to its page (`mptcp-run` event detail, the
 * iframe's `mptcp-playground:run` message): plain JSON, read from the kernel-ref summary the
 * defensive way (ui/summary-view.ts), nothing the page could not also see on screen.
 */
import { toSummaryView } from '../ui/summary-view';

export interface RunInfo {
  /** The scenario's name as shown. */
  scenario: string;
  seed: number;
  /** End of the run, simulated seconds. */
  endS: number;
  /** Whether the connection used MPTCP (an MP_CAPABLE subflow), null when the summary has none. */
  mptcp: boolean | null;
  subflows: number;
  /** Subflow kinds in order: MP_CAPABLE, MP_JOIN or TCP. */
  kinds: string[];
  goodputMbit: number | null;
  durationS: number | null;
}

export function runInfo(label: string, seed: number, endNs: number, summary: unknown): RunInfo {
  const v = toSummaryView(summary);
  const kinds = v.subflows.map((s) => s.kind ?? '?');
  return {
    scenario: label,
    seed,
    endS: endNs / 1e9,
    mptcp: v.subflows.length === 0 ? null : kinds.includes('MP_CAPABLE'),
    subflows: v.subflows.length,
    kinds,
    goodputMbit: v.goodputMbit,
    durationS: v.durationS,
  };
}
