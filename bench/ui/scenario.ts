/**
 * The scenario `npm run bench:ui` plays in the page (issue 5, Acceptance "Speed"): four paths, the
 * client's `subflow` endpoints on paths 2–4 and limits of 4 subflows on both hosts, so the in-kernel
 * path manager opens four subflows; an upload for `durationS` seconds of simulated time.
 */
export interface UiBenchScenarioOptions {
  /** Rate of every path, Mbit/s. */
  rateMbit: number;
  /** Seconds the client sends for (the run ends a little later: drain and close). */
  durationS: number;
}

export const DEFAULT_UI_BENCH: UiBenchScenarioOptions = { rateMbit: 10, durationS: 30 };

export function fourSubflowScenario(o: UiBenchScenarioOptions = DEFAULT_UI_BENCH): Record<string, unknown> {
  return {
    name: `bench-ui-4sf-${o.rateMbit}mbit-${o.durationS}s`,
    seed: 1,
    paths: [1, 2, 3, 4].map((i) => ({ name: `p${i}`, delay_ms: 10 * i, rate_mbit: o.rateMbit, queue_pkts: 100 })),
    client: {
      limits: { subflows: 4, add_addr_accepted: 0 },
      endpoints: [2, 3, 4].map((path, i) => ({ path, flags: ['subflow'], id: i + 1 })),
    },
    server: { limits: { subflows: 4, add_addr_accepted: 0 } },
    app: { direction: 'upload', duration_s: o.durationS, congestion_control: 'cubic' },
  };
}
