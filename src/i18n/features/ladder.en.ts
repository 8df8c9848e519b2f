/**
 * English strings of the ladder diagram (merged into en.ts; zh twin in ladder.zh.ts).
 *
 * Row labels are protocol notation (Wireshark's Info column: `[SYN, ACK] Seq=0 Ack=1 …`,
 * `MP_CAPABLE`, `DSS`, `DATA_ACK`) and are the same in every language.
 */
export const ladderEn = {
  /** Heading of the ladder diagram view. */
  ladderHeading: 'Ladder diagram',
  /** One-line explanation under the heading. */
  ladderIntro:
    'Every captured packet as an arrow between client and server, one lane per subflow, with its TCP flags and decoded MPTCP options. Select a packet to inspect it; the cursor follows the timeline.',
  /** Accessible name of the filter choice. */
  ladderFilterLabel: 'Show',
  /** Filter: every packet. */
  ladderFilterAll: 'All packets',
  /** Filter: SYNs and packets with MP_CAPABLE or MP_JOIN. */
  ladderFilterHandshakes: 'Handshakes',
  /** Filter: address and priority signals, closes and resets. */
  ladderFilterSignals: 'Signals',
  /** What each filter keeps. */
  ladderFilterHint:
    'Handshakes: SYN, MP_CAPABLE, MP_JOIN. Signals: ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST, DATA_FIN, FIN, RST.',
  /** How many packets the filter shows; {shown} and {total} are counts. */
  ladderCount: '{shown} of {total} packets',
  /** The playback cursor time; {t} seconds. */
  ladderCursor: 'Cursor at {t} s',
  /** Where the capture was taken; {where} is one of ladderAtServer/ladderAtClient/ladderAtBoth. */
  ladderCaptureNote: 'Captured at {where}. Seq, Ack, DSN and DATA_ACK are relative to their initial values.',
  ladderAtServer: 'the server',
  ladderAtClient: 'the client',
  ladderAtBoth: 'the client and the server (arrow at the send time; the transit time is shown)',
  /** Accessible name of the packet list. */
  ladderListLabel: 'Packets in time order',
  /** Column headings. */
  ladderColTime: 'Time (s)',
  ladderColLanes: 'Client ⇄ server, per subflow',
  ladderColPacket: 'Flags and options',
  /** Short name of subflow {n} (lane heading). */
  ladderSubflowShort: 'S{n}',
  /** Legend entry of a subflow, after its ladderSubflowShort chip; {client}/{server} address:port, {path} path name, {kind} MP_CAPABLE/MP_JOIN/TCP. */
  ladderSubflowLegend: '{client} ⇄ {server} · path {path} · {kind}',
  /** Legend: kind of a subflow whose SYN was not captured. */
  ladderKindUnknown: 'opened before the capture',
  /** Lane line labels (above the lanes). */
  ladderClientShort: 'client',
  ladderServerShort: 'server',
  /** Screen-reader text after a row's time; {n} subflow number, {dir} dirC2s/dirS2c. */
  ladderRowWhere: ' s, subflow {n}, {dir}:',
  /** Transit time of a packet captured on both sides; {ms} milliseconds. */
  ladderTransit: '+{ms} ms',
  /** Shown when the filter keeps nothing. */
  ladderEmptyFilter: 'No packet matches this filter.',
  /** Shown when the run captured nothing. */
  ladderNoCapture: 'This run captured no packets.',
  /** Keyboard help under the list. */
  ladderKeysHelp: 'In the list: ↑ ↓ previous or next packet, Page Up / Page Down a screen, Home / End the first or last. Selecting moves the timeline cursor.',
} as const;
