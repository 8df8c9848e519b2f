/** English strings of the topology view (merged into en.ts; zh twin in topology.zh.ts). */
export const topologyEn = {
  /** Heading of the topology view (hosts, links, packets in flight). */
  topoHeading: 'Topology',
  /** Help under the heading. */
  topoHint: 'Packets move in simulated time. Click a link (or focus it and press Enter) to change it from the current moment on; click the client or the server to edit its endpoints and limits.',
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
  /** Accessible name of a host (a button that opens its endpoint and limits form); {host} Client or Server. */
  topoHostButton: '{host}: endpoints and limits, change them',
  /** Small text drawn in a host's box, saying it can be clicked (hidden on narrow screens). */
  topoHostEdit: 'endpoints ›',
  /** Heading of the host form; {host} Client or Server, {t} the time. */
  topoHostHeading: '{host}: endpoints and limits at {t} s',
  /** Host form note: what a change does. `ip mptcp` stays as written. */
  topoHostNote: 'Each change is an ip mptcp command run at {t} s: the run is recomputed from there, everything before stays the same.',
  /** Heading of the endpoint table (`ip mptcp endpoint show` is printed beside it). */
  topoHostEndpoints: 'Endpoints',
  /** The host has no endpoint. */
  topoHostNoEndpoints: 'No endpoint: this host announces no address, and opens subflows only to addresses the peer announces (within its limits).',
  /** Help above the endpoint table: the flag buttons. Flag names stay as written. */
  topoHostFlagsHelp: 'The backup and fullmesh buttons show whether the flag is on; pressing one turns it on or off (backup / nobackup, fullmesh / nofullmesh).',
  /** Said after a row's button by screen readers: which endpoint; {id} its id. */
  topoHostOfEndpoint: ' (endpoint id {id})',
  /** Button: delete an endpoint. */
  topoHostDelete: 'Delete',
  /** Heading of the add-endpoint part. */
  topoHostAddHeading: 'Add an endpoint',
  /** Label: the new endpoint's address. */
  topoHostAddr: 'Address',
  /** Address choice: a path's address on this host. */
  topoHostAddrPath: 'path {k} ({name}): {addr}, {dev}',
  /** Address choice: an extra address of a path. */
  topoHostAddrExtra: 'path {k} ({name}), extra: {addr}, {dev}',
  /** Address choice: type another address. */
  topoHostAddrOther: 'another address…',
  /** Label: the typed address. */
  topoHostAddrTyped: 'IPv4 address',
  /** Label: the endpoint id. */
  topoHostId: 'ID (optional)',
  /** Help under the id field. */
  topoHostIdHelp: '1 to 255; empty: the kernel picks a free one.',
  /** Label: the endpoint port. */
  topoHostPort: 'Port (optional)',
  /** Help under the port field. */
  topoHostPortHelp: 'Only for a signal endpoint without subflow.',
  /** Legend of the flag checkboxes. */
  topoHostFlags: 'Flags',
  /** What each flag does (after its name, which stays as written). */
  topoHostFlagSignal: 'announce the address to the peer (ADD_ADDR)',
  topoHostFlagSubflow: 'open an additional subflow from it',
  topoHostFlagBackup: 'its subflows are backup subflows',
  topoHostFlagFullmesh: 'a subflow to every address the peer announces',
  /** Button: add the endpoint. */
  topoHostAdd: 'Add from {t} s',
  /** Heading of the limits part. */
  topoHostLimits: 'Limits',
  /** Help under the `subflows` field. */
  topoHostSubflowsHelp: 'additional subflows per connection, 0 to {max}',
  /** Help under the `add_addr_accepted` field. */
  topoHostAddAddrHelp: 'ADD_ADDR accepted from the peer per connection, 0 to {max}',
  /** Button: set the limits. */
  topoHostSetLimits: 'Set the limits from {t} s',
  /** Errors, each naming its field first. */
  topoHostErrWhere: 'Address: choose an address.',
  topoHostErrAddrEmpty: 'IPv4 address: type an address, such as 10.0.3.1.',
  topoHostErrAddr: 'IPv4 address: “{addr}” is not an IPv4 address (four numbers from 0 to 255, such as 10.0.3.1).',
  topoHostErrId: 'ID: enter a whole number from {min} to {max}, or leave it empty.',
  topoHostErrPort: 'Port: enter a whole number from {min} to {max}, or leave it empty.',
  topoHostErrPortFlags: 'Port: only a signal endpoint without subflow can have a port (the kernel refuses the others).',
  topoHostErrSignalFullmesh: 'Flags: signal and fullmesh cannot go together (the kernel refuses it).',
  topoHostErrFull: 'Address: the table is full ({max} endpoints); delete one first.',
  topoHostErrIdUsed: 'ID: {id} is already used by {addr}.',
  topoHostErrAddrUsed: 'Address: {addr} already has an endpoint (id {id}).',
  topoHostErrImplicitId: 'ID: {addr} has an implicit endpoint (id {id}); leave the ID empty to replace it.',
  topoHostErrFullmesh: 'Endpoint id {id}: fullmesh cannot be set on a signal or implicit endpoint (the kernel refuses it).',
  topoHostErrLimit: '{field}: enter a whole number from 0 to {max} (the kernel’s maximum).',
  topoHostErrNothing: 'Nothing changed: these are the limits already.',
  /** Timeline: an ip mptcp command made in the host form; {host} Client or Server, {command} the command. */
  topoIvHost: '{host}: {command}',
} as const;
