/**
 * English strings of the chart frame (zoom, export) and the sequence views: the connection
 * time–sequence graph, the per-subflow time–sequence graph, the DSN ↔ SSN mapping view, and the
 * run export (merged into en.ts; zh twin in seqviews.zh.ts). Option names (DSS, DATA_ACK, MP_JOIN…)
 * stay as written.
 */
export const seqviewsEn = {
  /** Chart frame: help for keyboard and pointer use of a chart. */
  chartKeysHelp: 'Wheel or +/− to zoom, drag or ←/→ to pan, 0 to reset. Click to move the cursor there and select the nearest packet.',
  /** Accessible name of a chart's plot; {title} is the chart's heading. */
  chartPlotLabel: '{title}: plot',
  /** What the chart shows now; {from} and {to} are axis values with their unit. */
  chartWindow: 'Showing {from} to {to}',
  /** Buttons of a chart. */
  chartZoomIn: 'Zoom in',
  chartZoomOut: 'Zoom out',
  chartReset: 'Reset zoom',
  chartExport: 'Export',
  chartExportSvg: 'Download SVG',
  chartExportPng: 'Download PNG',
  /** Axis titles. */
  chartAxisTime: 'Time (s)',
  /** Unit suffix of seconds in the window line. */
  chartSeconds: '{v} s',

  /** Connection time–sequence graph. */
  seqHeading: 'Connection time–sequence graph',
  seqIntro:
    'Every data segment as a vertical bar from its first to its last data sequence number (DSN), coloured by the subflow that carried it; the staircase is the DATA_ACK the sender received. Dashed ticks mark MP_JOIN, ADD_ADDR, REMOVE_ADDR and MP_PRIO; diamonds mark reinjections (data sent again on another subflow). As mptcptrace / mptcpplot draw it.',
  seqAxisY: 'Data sequence number (relative)',
  seqCapture: 'Captured at the {side} (the data sender), so times are send times. DSNs are relative to the sender’s IDSN.',
  seqCaptureReceiver: 'Captured at the {side} (the receiver; the sender was not captured), so times are arrival times. DSNs are relative to the sender’s IDSN.',
  seqSideClient: 'client',
  seqSideServer: 'server',
  /** Data-attribute-free counter under the chart; {count} segments in the window. */
  seqCount: '{count} data segments in this window',
  seqLegendDataAck: 'DATA_ACK',
  seqLegendReinject: 'Reinjection',
  seqLegendSignal: 'Signal',
  seqNoData: 'No MPTCP data was sent in this run (plain TCP or fallback): there is no data sequence space to draw.',
  /** Subflow n in legends. */
  seqSubflow: 'Subflow {n} ({path})',

  /** Per-subflow time–sequence graph (Stevens / tcptrace). */
  sfHeading: 'Subflow time–sequence graph',
  sfIntro:
    'One subflow as tcptrace draws it: each segment as a bar over its subflow sequence numbers, retransmissions marked ×, the ACK line below and the receive window (ACK + advertised window) above.',
  sfAxisY: 'Subflow sequence number (relative)',
  sfPick: 'Subflow',
  sfLegendData: 'Data',
  sfLegendRetrans: 'Retransmission',
  sfLegendAck: 'ACK',
  sfLegendRwnd: 'Receive window',
  sfCount: '{count} segments ({retrans} retransmitted) in this window',
  sfNoData: 'No subflow carried data in this run.',

  /** DSN ↔ SSN mapping view. */
  mapHeading: 'DSN ↔ SSN mapping',
  mapIntro:
    'Each DSS data sequence mapping as a band from its range in the data sequence space (top) to its range in its subflow’s sequence space (its lane below). Bands that cross or fan out show how the scheduler spread the data stream over the subflows. Zoom along the data sequence axis; mappings sent after the cursor are faded.',
  mapAxisX: 'Data sequence number (relative)',
  mapLaneData: 'Data level (DSN)',
  mapLaneSubflow: 'Subflow {n} (SSN)',
  mapCount: '{count} mappings in this window',
  mapNoData: 'No DSS mapping in this run.',

  /** Run export. */
  exportHeading: 'Export this run',
  exportIntro: 'The capture as Wireshark reads it, the kernel-ref summary, and the scenario that reproduces the run (with its seed).',
  exportPcapng: 'capture.pcapng',
  exportSummary: 'summary.json',
  exportScenario: 'scenario.json',
  exportNoSummary: 'This run has no summary (it did not finish).',
} as const;
