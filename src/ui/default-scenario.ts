/**
 * The scenario the playground opens with: plain TCP, one 10 Mbit/s path with 20 ms one-way delay,
 * a 1 MB upload — the same as tests/fidelity/scenarios/tcp_10m_20ms_1mb.json, so its numbers can be
 * compared with the real-kernel run in tests/fidelity/kernel-ref/.
 */
export const DEFAULT_SCENARIO = {
  name: 'tcp-1mb',
  paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 100 }],
  app: { bytes: 1000000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' },
} as const;

/** The default scenario as the editor shows it. */
export const DEFAULT_SCENARIO_TEXT = `${JSON.stringify(DEFAULT_SCENARIO, null, 2)}\n`;
