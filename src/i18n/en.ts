/**
 * English UI strings: the source of truth for every key. `zh.ts` must have exactly these keys
 * (a type error otherwise) and the same `{placeholders}` (tests/unit/i18n/parity.test.ts).
 *
 * Translators: `{name}` is replaced at run time and must stay as written. Terms follow
 * ../../shared/reference/glossary.md; Linux names (sysctls, option names such as MP_CAPABLE,
 * `kernel-ref-scenario/1`) stay untranslated.
 */
import { timelineEn } from './features/timeline.en';
import { topologyEn } from './features/topology.en';
import { ladderEn } from './features/ladder.en';
import { inspectorEn } from './features/inspector.en';
import { diagramsEn } from './features/diagrams.en';
import { consoleEn } from './features/console.en';
import { galleryEn } from './features/gallery.en';
import { scriptEn } from './features/script.en';
import { shareEn } from './features/share.en';
import { labEn } from './features/lab.en';
import { chartsEn } from './features/charts.en';
import { schedEn } from './features/sched.en';
import { lessonsEn } from './features/lessons.en';
import { expertEn } from './features/expert.en';
import { exercisesEn } from './features/exercises.en';
import { seqviewsEn } from './features/seqviews.en';
import { captureEn } from './features/capture.en';
import { abEn } from './features/ab.en';
import { embedEn } from './features/embed.en';

export const en = {
  /** Product name in the header and the page title. */
  appName: 'MPTCP Playground',
  /** One-line description under the product name. */
  appTagline: 'Multipath TCP, simulated in your browser',
  /** Link for keyboard users that jumps over the header to the main content. */
  skipToContent: 'Skip to content',
  /** Accessible name of the group of language buttons. */
  languageLabel: 'Language',
  /** Accessible name of the theme selector. */
  themeLabel: 'Theme',
  /** Theme option: follow the operating system's light/dark setting. */
  themeSystem: 'System',
  /** Theme option: always light. */
  themeLight: 'Light',
  /** Theme option: always dark. */
  themeDark: 'Dark',

  /** Heading of the scenario section. */
  scenarioHeading: 'Scenario',
  /** Label of the scenario text area. */
  scenarioEditorLabel: 'Scenario (kernel-ref-scenario/1 JSON)',
  /** Help text under the scenario text area. */
  scenarioHelp:
    'Edit the JSON, then run it. The same file runs on the real Linux kernel with kernel-ref. Unknown keys are errors.',
  /** Button that puts the default scenario back into the editor. */
  resetScenario: 'Reset to default',
  /** Label of the seed input (the random seed of the simulation). */
  seedLabel: 'Seed',
  /** Help text for the seed input. */
  seedHelp: 'Empty: the scenario’s own seed. The same seed gives the same run.',
  /** The button that starts the simulation. */
  run: 'Run',

  /** Status line before the first run. */
  statusIdle: 'Ready.',
  /** Status line while the simulation runs. */
  statusRunning: 'Running…',
  /** Status line after a successful run; {ms} is the wall-clock time in milliseconds. */
  statusComputing: 'Computed to {s} s; computing the rest…',
  runPartial: 'Computed up to {s} s of the run; computing the rest… The summary follows when the run is complete.',
  statusDone: 'Done in {ms} ms.',
  /** Status line when the scenario was rejected; {count} is the number of problems. */
  statusInvalid: 'Not run: the scenario has {count} problem(s).',
  /** Status line when the simulator failed unexpectedly. */
  statusCrash: 'The simulator stopped with an internal error.',

  /** Heading of the list of scenario problems. */
  errorsHeading: 'Problems in the scenario',
  /** Short label before the JSON path of a problem, for screen readers. */
  errorPath: 'JSON path',
  /** Heading shown when the simulator crashed. */
  crashHeading: 'Internal error',
  /** Text under the crash heading, before the raw message. */
  crashHelp: 'This is a bug in the simulator, not in your scenario. The message was:',

  /** Heading of the results section. */
  summaryHeading: 'Summary',
  /** Shown in the results section before any run. */
  summaryEmpty: 'Run the scenario to see its results here.',
  /** Shown when the run finished but produced no summary. */
  summaryUnavailable: 'The run finished, but the simulator has no summary for it yet.',
  /** Application-level throughput: received bytes over the data-transfer time. */
  goodput: 'Goodput',
  /** A rate in megabits per second; {value} is the number. */
  unitMbit: '{value} Mbit/s',
  /** A duration in seconds; {value} is the number. */
  unitSeconds: '{value} s',
  /** A byte count; {value} is the number. */
  unitBytes: '{value} B',
  /** Time from the client's connect() until the client is done. */
  duration: 'Duration',
  /** Time that connect() took (the TCP/MPTCP handshake). */
  handshake: 'Handshake time',
  /** Application bytes the sender wrote. */
  bytesSent: 'Bytes sent',
  /** Application bytes the receiver read. */
  bytesReceived: 'Bytes received',
  /** Whether the received byte stream equals the sent one. */
  streamIntact: 'Stream intact',
  /** The longest time between two payload packets in the data direction (a stall in delivery). */
  longestGap: 'Longest pause in the data',
  /** When that pause was; {from} and {to} are times in seconds, as in the subflow table. */
  longestGapWhen: 'from {from} s to {to} s',
  /** Yes (for a true value). */
  yes: 'yes',
  /** No (for a false value). */
  no: 'no',
  /** Shown where a value is unknown. */
  notAvailable: 'n/a',
  /** Simulation statistics; {packets}, {events} are counts, {endS} is the simulated end time in seconds. */
  runStats: '{packets} packets · {events} engine events · {endS} s simulated',

  /** Heading of the per-subflow table. */
  subflowsHeading: 'Subflows',
  /** Caption of the subflow table; {dir} is the data direction (dirC2s or dirS2c). */
  subflowsCaption: 'Payload in the data direction ({dir}). Times are seconds since connect().',
  /** Data direction from client to server. */
  dirC2s: 'client → server',
  /** Data direction from server to client. */
  dirS2c: 'server → client',
  /** Column: client address:port → server address:port. */
  colFourTuple: 'Four-tuple',
  /** Column: how the subflow was opened (MP_CAPABLE, MP_JOIN or TCP). */
  colKind: 'Kind',
  /** Column: payload bytes carried. */
  colPayload: 'Payload bytes',
  /** Column: payload bytes sent again. */
  colRetrans: 'Retransmitted bytes',
  /** Column: time of the first payload byte. */
  colFirstPayload: 'First payload (s)',
  /** Column: time of the last payload byte. */
  colLastPayload: 'Last payload (s)',
  /** Shown instead of the table when there is no subflow. */
  noSubflows: 'No subflow carried data.',

  /** Heading of the list of `expect` checks of the scenario. */
  checksHeading: 'Checks',
  /** A check that passed. */
  checkPass: 'pass',
  /** A check that failed. */
  checkFail: 'fail',

  /** Footer text. */
  footer: 'Deterministic simulation: everything runs in this page, offline.',

  // one file per view (src/i18n/features/*.en.ts)
  ...timelineEn,
  ...topologyEn,
  ...ladderEn,
  ...inspectorEn,
  ...diagramsEn,
  ...consoleEn,
  ...galleryEn,
  ...scriptEn,
  ...shareEn,
  ...labEn,
  ...chartsEn,
  ...schedEn,
  ...lessonsEn,
  ...expertEn,
  ...exercisesEn,
  ...seqviewsEn,
  ...captureEn,
  ...abEn,
  ...embedEn,
} as const;

/** A UI string key. */
export type MessageKey = keyof typeof en;
