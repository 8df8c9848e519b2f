/** English strings of the timeline view (merged into en.ts; zh twin in timeline.zh.ts). */
export const timelineEn = {
  /** Heading of the timeline (the player of the run). */
  tlHeading: 'Timeline',
  /** Button: start playing the run. */
  tlPlay: 'Play',
  /** Button: pause the run. */
  tlPause: 'Pause',
  /** Button: move the cursor back to the previous packet or trace event. */
  tlStepBack: 'Previous packet or event',
  /** Button: move the cursor to the next packet or trace event. */
  tlStepForward: 'Next packet or event',
  /** Button: jump back to the previous mark on the scrubber (link down, subflow established…). */
  tlPrevMark: 'Previous marked event',
  /** Button: jump to the next mark on the scrubber. */
  tlNextMark: 'Next marked event',
  /** Label of the playback speed selector (simulated seconds per real second). */
  tlSpeed: 'Speed',
  /** One speed choice; {value} is the factor (0.01 … 100). */
  tlSpeedValue: '{value}×',
  /** Label of the current time readout. */
  tlTime: 'Simulated time',
  /** A time in seconds; {t} is the number. */
  tlSeconds: '{t} s',
  /** Current time out of the run's length. */
  tlTimeOf: '{t} s of {end} s',
  /** Accessible name of the scrubber (a slider over the whole run). */
  tlScrubber: 'Position in the run',
  /** Heading of the legend of the scrubber's marks. */
  tlMarksHeading: 'Marks on the timeline',
  /** Mark: a link (interface) went down. */
  tlMarkLinkDown: 'Link down',
  /** Mark: a link came back up. */
  tlMarkLinkUp: 'Link up',
  /** Mark: a link's bandwidth/delay/loss changed. */
  tlMarkShape: 'Link changed',
  /** Mark: a path-manager or sysctl change (`ip mptcp endpoint`, `limits`, `sysctl`). */
  tlMarkConfig: 'Configuration changed',
  /** Mark: a subflow reached ESTABLISHED. */
  tlMarkSubflowUp: 'Subflow established',
  /** Mark: a subflow closed. */
  tlMarkSubflowClosed: 'Subflow closed',
  /** Mark: the connection fell back to plain TCP. */
  tlMarkFallback: 'Fallback to TCP',
  /** Mark: an MPTCP signal option was sent (ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL…). */
  tlMarkSignal: 'MPTCP signal',
  /** Mark: a retransmission timeout fired. */
  tlMarkRto: 'Retransmission timeout (RTO)',
  /** Tooltip of one mark: {label} its kind, {t} seconds, {detail} a command, four-tuple or option name. */
  tlMarkTooltip: '{label} at {t} s: {detail}',
  /** Number of marks of one kind, in the legend. */
  tlMarkCount: '{label} ({count})',
  /** Heading of the list of interventions (changes made at a moment of the run). */
  tlInterventionsHeading: 'Interventions',
  /** Shown when the learner has not changed anything yet. */
  tlNoInterventions: 'None yet. Stop at a moment, then click a link in the topology to change it from that moment on.',
  /** Button: undo the last intervention (the run is recomputed without it). */
  tlUndo: 'Undo',
  /** Button: redo the intervention just undone. */
  tlRedo: 'Redo',
  /** One intervention in the list: {t} seconds, {what} what was done. */
  tlInterventionItem: '{t} s: {what}',
  /** Intervention: a link taken down; {name} the path's name, {side} which interface. */
  tlIvLinkDown: 'link {name} down ({side})',
  /** Intervention: a link brought back up. */
  tlIvLinkUp: 'link {name} up ({side})',
  /** Intervention: a link's shape changed; {dir} the direction, {changes} the new values. */
  tlIvShape: 'link {name}, {dir}: {changes}',
  /** Which interface: the client's. */
  tlSideClient: 'client interface',
  /** Which interface: the server's. */
  tlSideServer: 'server interface',
  /** Which interface: both ends. */
  tlSideBoth: 'both interfaces',
  /** Direction choice: both directions of a link. */
  tlDirBoth: 'both directions',
  /** A delay in milliseconds. */
  tlUnitMs: '{value} ms',
  /** A loss rate in percent. */
  tlUnitLoss: '{value} % loss',
  /** A link without a rate limit. */
  tlUnlimited: 'unlimited',
  /** Shown while the changed scenario is being recomputed. */
  tlRecomputing: 'Recomputing the run…',
  /** Summary of the keyboard shortcuts disclosure. */
  tlShortcuts: 'Keyboard shortcuts',
  /** Shortcut: Space. */
  tlShortcutSpace: 'play or pause',
  /** Shortcut: left/right arrow. */
  tlShortcutArrows: 'previous or next packet or event',
  /** Shortcut: shift + left/right arrow. */
  tlShortcutShiftArrows: '100 ms back or forward',
  /** Shortcut: Home/End. */
  tlShortcutHomeEnd: 'start or end of the run',
  /** Shortcut: Ctrl+Z / Ctrl+Shift+Z. */
  tlShortcutUndo: 'undo or redo an intervention',
  /** Note under the shortcuts. */
  tlShortcutsNote: 'They work whenever the focus is not in a text field.',
  /** Shown when the system asks for reduced motion. */
  tlReducedMotion: 'Reduced motion is on: while playing, the picture changes twice a second instead of moving smoothly.',
} as const;
