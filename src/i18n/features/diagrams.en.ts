/** English strings of the diagrams view (merged into en.ts; zh twin in diagrams.zh.ts). */
export const diagramsEn = {
  /** Heading of the state diagrams view. */
  diagramsHeading: 'State diagrams',
  /** One sentence under the heading: where the pictures come from and what the highlights mean. */
  diagramsIntro:
    'Drawn from the simulator’s own state machines. The filled state is the one at the cursor; the numbered edges are the last transitions, 1 the latest.',
  /** Label of the client/server choice. */
  diagramsSideLabel: 'Host',
  /** The client host. */
  diagramsClient: 'Client',
  /** The server host. */
  diagramsServer: 'Server',
  /** Heading of the connection diagram. */
  diagramsConnection: 'MPTCP connection',
  /** Heading of the connection diagram with the connection's local token (hex). */
  diagramsConnectionToken: 'MPTCP connection (token {token})',
  /** Label of the subflow selector. */
  diagramsSubflowLabel: 'Subflow',
  /** One subflow in the selector: {n} its number on this host, {path} the path, {local} and {remote} address:port. */
  diagramsSubflowOption: 'Subflow {n} · path {path} · {local} → {remote}',
  /** A subflow whose addresses are unknown; {sock} is the simulator's socket number. */
  diagramsSubflowOptionNoAddr: 'Subflow {n} (socket {sock})',
  /** Heading of the subflow diagram. */
  diagramsSubflowHeading: 'Subflow {n}: TCP states',
  /** Shown instead of the connection's live state when the host has no MPTCP connection. */
  diagramsNoConnection: 'No MPTCP connection on this host: its socket is plain TCP.',
  /** Shown when the host has no TCP socket. */
  diagramsNoSubflow: 'No TCP socket on this host.',
  /** The state at the cursor. */
  diagramsCurrent: 'Current state: {state}',
  /** When the current state was entered; {t} in seconds. */
  diagramsSince: 'since {t} s',
  /** The current state is the one the run started in. */
  diagramsAtStart: 'since the start',
  /** Heading of the list of the last transitions. */
  diagramsRecent: 'Last transitions',
  /** Shown when there was no transition before the cursor. */
  diagramsNoRecent: 'No transition yet.',
  /** One transition: {t} seconds, {from} and {to} state names. */
  diagramsChange: '{t} s: {from} → {to}',
  /** The connection fell back to plain TCP at {t} seconds, for {reason} (the simulator's words). */
  diagramsFallback: 'Fell back to TCP at {t} s: {reason}',
  /** Legend of the bus of back edges: {state} its target, {events} the events written on it. */
  diagramsBusNote: 'Unlabelled edges on the bus into {state} are taken on {events}; an edge labelled “+ X” on these and X.',
  /** Accessible name of a diagram; {name} is connection or subflow heading. */
  diagramsFigure: 'State diagram: {name}',
  /** The part in brackets of the state name ESTABLISHED (pre-established). */
  diagramsPhrasePreEstablished: 'pre-established',
  /** The part in brackets of ESTABLISHED (fully established). */
  diagramsPhraseFullyEstablished: 'fully established',
  /** The part in brackets of FALLBACK (plain TCP). */
  diagramsPhrasePlainTcp: 'plain TCP',
  /** Summary of the collapsible text version of a diagram. */
  diagramsAllTransitions: 'Every transition, as text',
  /** Column: state the transition leaves. */
  diagramsColFrom: 'From',
  /** Column: events that take the transition. */
  diagramsColEvents: 'Events',
  /** Column: state the transition enters. */
  diagramsColTo: 'To',
} as const;
