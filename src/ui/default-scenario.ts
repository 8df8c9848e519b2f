/**
 * The scenario the playground opens with: MPTCP bandwidth aggregation, as kernel-ref's
 * a_aggregation (../shared/kernel-ref/scenarios) but a 1 MB upload: two 10 Mbit/s paths (20 ms and
 * 40 ms one-way), the client's `subflow` endpoint on path 2, so the in-kernel path manager opens a
 * second subflow once the connection is fully established.
 */
export const DEFAULT_SCENARIO = {
  name: 'aggregation-1mb',
  paths: [
    { name: 'fast', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
    { name: 'slow', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
  ],
  client: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
  server: { limits: { subflows: 2, add_addr_accepted: 0 } },
  app: { bytes: 1000000, congestion_control: 'cubic' },
};

/** The default scenario as the editor shows it. */
export const DEFAULT_SCENARIO_TEXT = `${JSON.stringify(DEFAULT_SCENARIO, null, 2)}\n`;
