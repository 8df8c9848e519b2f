/** English strings of the topology view (merged into en.ts; zh twin in topology.zh.ts). */
export const topologyEn = {
  /** Heading of the topology view (hosts, links, packets in flight). */
  topoHeading: 'Topology',
  /** Help under the heading. */
  topoHint: 'Packets move in simulated time. Click a link (or focus it and press Enter) to change it from the current moment on.',
  /** The client host. */
  topoClient: 'Client',
  /** The server host. */
  topoServer: 'Server',
  /** A path's header: {name} from the scenario, {k} its number. */
  topoPathName: '{name} (path {k})',
  /** Link state: working. */
  topoLinkUp: 'up',
  /** Link state: an interface is down; {where} which one. */
  topoLinkDown: 'down: {where}',
  /** Link state on a narrow screen: down (the struck-out interfaces show which). */
  topoLinkDownShort: 'down',
  /** A link's shape in one direction: {rate}, {delay}, {loss} already formatted. */
  topoLaneShape: '{rate} · {delay} · {loss}',
  /** A loss rate on a narrow screen (just the percentage). */
  topoLossShort: '{value} %',
  /** Queue fill of a lane: {n} frames of at most {max}. */
  topoQueue: 'queue {n}/{max}',
  /** Packets dropped on a lane so far. */
  topoDrops: 'dropped {n}',
  /** Accessible description of one lane. */
  topoLaneLabel: '{dir}: {shape}; queue {n} of {max} frames; {inflight} packets on the wire; {drops} dropped so far',
  /** Accessible name of a link (a button that opens the change form). */
  topoLinkButton: 'Link {name} (path {k}), {state}: change it',
  /** Accessible name of the drawing. */
  topoFigure: 'Client and server joined by {n} path(s), with the packets on each link',
  /** Visible status line under the drawing (a text alternative of the animation). */
  topoStatus: 'At {t} s: {n} packets on the links, {drops} dropped so far',
  /** Legend heading: subflows. */
  topoLegendSubflows: 'Subflows',
  /** One subflow in the legend; {n} its number, {shape} its mark's shape. */
  topoSubflowLabel: 'Subflow {n} ({shape})',
  /** Shown in the legend before any packet. */
  topoNoPackets: 'No packet yet at this moment.',
  /** Mark shapes, for the text alternative. */
  topoShapeCircle: 'circle',
  topoShapeSquare: 'square',
  topoShapeTriangle: 'triangle',
  topoShapeDiamond: 'diamond',
  topoShapeStar: 'star',
  topoShapeWye: 'Y',
  topoShapeCross: 'cross',
  /** Legend heading: drops. */
  topoLegendDrops: 'Drops (✕)',
  /** Drop reason: random loss on the link (drawn at the link entrance). */
  topoDropLoss: 'random loss, at the link entrance',
  /** Drop reason: the queue was full (tail drop), drawn at the queue. */
  topoDropQueue: 'queue full (tail drop), at the queue',
  /** Drop reason: the receiving interface is down, drawn at the far end. */
  topoDropDown: 'interface down, at the far end',
  /** Heading of the change form; {name} the link, {t} the time. */
  topoFormHeading: 'Change link {name} from {t} s',
  /** Label: which direction to change. */
  topoFormDir: 'Direction',
  /** Label: bandwidth in Mbit/s. */
  topoFormRate: 'Bandwidth (Mbit/s)',
  /** Help under the bandwidth field. */
  topoFormRateHelp: 'Empty means unlimited.',
  /** Label: one-way delay in ms. */
  topoFormDelay: 'Delay (ms)',
  /** Label: loss rate in percent. */
  topoFormLoss: 'Loss (%)',
  /** Button: apply the new values. */
  topoFormApply: 'Apply from {t} s',
  /** Label: which interface to take down or up. */
  topoFormSide: 'Interface',
  /** Button: take the link down. */
  topoFormDown: 'Take the link down',
  /** Button: bring the link back up. */
  topoFormUp: 'Bring the link up',
  /** Button: close the form. */
  topoFormClose: 'Close',
  /** Form note: what applying does. */
  topoFormNote: 'The run is recomputed with this change at {t} s: everything before stays the same.',
  /** Form error: nothing was changed. */
  topoFormNothing: 'Nothing changed: edit a value first.',
  /** Form error: a value out of range; {field} the field's label. */
  topoFormRange: '{field}: enter a number from {min} to {max}.',
  /** Form error: the changed scenario was refused; {reason} the validator's message. */
  topoFormRejected: 'The change was refused: {reason}',
} as const;
