/** English strings of the expert charts II: throughput, windows, reorder/HoL, scheduler inspector, PM timeline (zh twin in charts.zh.ts). */
export const chartsEn = {
  /** Throughput chart: heading. */
  chartsThroughputTitle: 'Throughput per subflow',
  /** Throughput chart: what it shows. */
  chartsThroughputIntro:
    'Goodput at the receiver: each subflow’s new data-level bytes per bin, stacked, so the top edge is the connection’s goodput (black line). Bytes a reinjection or retransmission delivers again count for nobody. The dashed line is the same scenario run as plain TCP on path 1 alone.',
  /** Throughput chart: y axis. */
  chartsThroughputY: 'Goodput (Mbit/s)',
  /** Legend: the connection's aggregate goodput. */
  chartsAggregate: 'Connection (all subflows)',
  /** Legend: the single-path TCP baseline. */
  chartsBaseline: 'Single-path TCP on path 1',
  /** Button that runs the single-path TCP baseline. */
  chartsBaselineShow: 'Compare with single-path TCP',
  /** While the baseline runs. */
  chartsBaselineRunning: 'Running the TCP baseline…',
  /** The baseline failed; {message} is the reason. */
  chartsBaselineError: 'The TCP baseline could not run: {message}',
  /** Note under the throughput chart; {ms} is the bin width in ms. */
  chartsBinNote: 'Bins of {ms} ms, counted where the receiver captures the data.',

  /** Windows chart: heading. */
  chartsWindowsTitle: 'Windows and timing',
  /** Windows chart: what it shows. */
  chartsWindowsIntro:
    'The data sender’s subflows: congestion window and slow-start threshold, smoothed RTT and retransmission timeout, bytes in flight per subflow against the connection’s total and the peer’s receive window, and the coupled congestion control’s α (LIA, OLIA, BALIA).',
  /** Label of the metric picker. */
  chartsWindowsMetric: 'Show',
  chartsMetricCwnd: 'cwnd and ssthresh',
  chartsMetricRtt: 'srtt and RTO',
  chartsMetricFlight: 'Flight size and receive window',
  chartsMetricAlpha: 'Coupled CC α',
  /** y axis of cwnd/ssthresh. */
  chartsWindowsYSegments: 'Segments',
  /** y axis of srtt/RTO. */
  chartsWindowsYTime: 'Time',
  /** y axis of flight size. */
  chartsWindowsYBytes: 'Bytes',
  /** y axis of α. */
  chartsWindowsYAlpha: 'α (increase factor)',
  /** Legend entries; {sf} is a subflow's 4-tuple. */
  chartsLegendCwnd: 'cwnd {sf}',
  chartsLegendSsthresh: 'ssthresh (dashed)',
  chartsLegendSrtt: 'srtt {sf}',
  chartsLegendRto: 'RTO (dashed)',
  chartsLegendFlight: 'in flight {sf}',
  chartsLegendFlightTotal: 'Connection in flight',
  chartsLegendRwnd: 'Peer’s receive window',
  chartsLegendAlpha: 'α {sf}',
  /** Shown for α when no coupled congestion control ran. */
  chartsNoAlpha: 'No coupled congestion control in this run: set sim.congestion_control to lia, olia or balia.',

  /** Reorder chart: heading. */
  chartsReorderTitle: 'Reorder queue and head-of-line stalls',
  /** Reorder chart: what it shows. */
  chartsReorderIntro:
    'Bytes the receiver holds out of order (above a hole in the data sequence) as segments arrive, and the stalls (shaded): intervals where the in-order data did not advance, so the application got nothing — head-of-line blocking.',
  /** Reorder chart: y axis. */
  chartsReorderY: 'Out-of-order bytes',
  chartsLegendOfo: 'Out-of-order queue',
  chartsLegendStall: 'Stall (application got nothing)',
  /** Summary; {count} stalls of at least {ms} ms, {total} seconds in all. */
  chartsStallSummary: '{count} stall(s) of at least {ms} ms, {total} s in all.',
  /** Caption of the stall table. */
  chartsStallCaption: 'Longest stalls',
  chartsColFrom: 'From (s)',
  chartsColTo: 'To (s)',
  chartsColLength: 'Length (s)',
  chartsColHeld: 'Held out of order',

  /** Scheduler inspector: heading. */
  chartsSchedTitle: 'Scheduler inspector',
  /** Scheduler inspector: what it shows. */
  chartsSchedIntro:
    'Every decision of the packet scheduler: a dot on the subflow it chose (◆ reinjections). The decision at the cursor is listed with what the scheduler saw of each subflow and why it picked the one it did.',
  /** y axis: subflows. */
  chartsSchedY: 'Chosen subflow',
  /** No decision in the trace. */
  chartsSchedEmpty: 'No scheduler decisions in this run (plain TCP, fallback, or nothing was sent).',
  /** No decision at or before the cursor. */
  chartsSchedNone: 'No decision before the cursor yet.',
  /** Heading of the decision at the cursor; {t} seconds, {side} host, {scheduler} name. */
  chartsSchedAt: 'Decision at {t} s on the {side}, scheduler {scheduler}',
  chartsSchedSend: 'new data',
  chartsSchedRetrans: 'reinjection',
  /** {kind} is new data / reinjection, {sf} the chosen subflow, {bytes} the burst. */
  chartsSchedChosen: 'Chose {sf} for {kind}, up to {bytes} bytes.',
  chartsSchedNothing: 'Chose no subflow.',
  /** Before the reason text. */
  chartsSchedWhy: 'Why:',
  /** The segment that carried the decision's first byte; {id} packet number. */
  chartsSchedSegment: 'Select packet #{id}',
  chartsSchedPrev: 'Previous decision',
  chartsSchedNext: 'Next decision',
  chartsColSubflow: 'Subflow',
  chartsColSrtt: 'srtt (ms)',
  chartsColCwnd: 'cwnd',
  chartsColRoom: 'cwnd room (bytes)',
  chartsColBackup: 'Backup',
  chartsColStale: 'Stale',
  chartsColVerdict: 'Verdict',
  chartsVerdictChosen: 'chosen',
  chartsVerdictOther: 'not needed',

  /** PM timeline: heading. */
  chartsPmTitle: 'Path-manager events',
  /** PM timeline: what it shows. */
  chartsPmIntro:
    'The events `ip mptcp monitor` prints on each host, on the same time axis as the other charts: connections created and closed, subflows established and closed, addresses announced and removed.',
  chartsPmEmpty: 'No path-manager events in this run.',
  chartsPmHost: 'Host',
  chartsPmClient: 'client',
  chartsPmServer: 'server',
  chartsPmGroupConnection: 'Connection',
  chartsPmGroupSubflow: 'Subflow',
  chartsPmGroupAddress: 'Address',
  chartsPmGroupListener: 'Listener',
  /** Caption of the event list. */
  chartsPmCaption: 'Events (the one at the cursor is highlighted)',
  chartsColTime: 'Time (s)',
  chartsColEvent: 'Event',
  chartsColAttrs: 'Attributes',
} as const;
