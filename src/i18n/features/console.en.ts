/** English strings of the console view (merged into en.ts; zh twin in console.zh.ts). */
export const consoleEn = {
  /** Heading of the console (an emulated Linux shell on the simulated hosts). */
  conHeading: 'Console',
  /** One-line explanation under the heading. */
  conIntro:
    'Type the commands you would type on a real Linux machine: ip mptcp, sysctl net.mptcp.*, ss -M, nstat. Reading commands answer at the timeline’s cursor; a change is applied at that instant and the run is recomputed from there.',
  /** Legend of the choice of host the commands run on. */
  conHostLegend: 'Host',
  /** The client host (kernel-ref's client namespace). */
  conHostClient: 'client',
  /** The server host. */
  conHostServer: 'server',
  /** Label of the command input; {host} is the host, {t} the simulated time in seconds. */
  conInputLabel: 'Command on the {host} at t = {t} s',
  /** Button that runs the typed command (Enter does the same). */
  conRun: 'Run',
  /** Button that empties the console. */
  conClear: 'Clear',
  /** Button that stops a running `ip mptcp monitor` (Ctrl+C does the same). */
  conStop: 'Stop monitor',
  /** Accessible name of the console's output. */
  conOutputLabel: 'Console output',
  /** Keyboard help under the input. */
  conKeys: 'Tab completes (Shift+Tab leaves the field), ↑/↓ recall earlier commands, Ctrl+C stops ip mptcp monitor, Ctrl+L clears.',
  /** Heading of the list of Tab completions. */
  conCompletions: 'Possible words',
  /** Screen-reader text before the word a tool refused; the word follows. */
  conRefusedWord: 'refused word:',
  /** Shown after a command that ended with a non-zero exit status; {status} is the number. */
  conExitStatus: 'exit status {status}',
  /** Shown while the forked run is recomputed. */
  conRecomputing: 'Recomputing the run from t = {t} s…',
  /** First line before any command: a suggestion. */
  conWelcome: 'Try: ip mptcp endpoint show — or type help.',

  /** Note: the output of `help`. */
  conNote_help:
    'Commands: ip mptcp endpoint add|delete|change|show|flush, ip mptcp limits set|show, ip mptcp monitor, ip -n client|server …, ip netns exec client|server …, sysctl [-w] net.mptcp.…, nstat [-az] [PATTERN], ss -M / -t [-i], getsockopt SOL_MPTCP MPTCP_INFO|MPTCP_TCPINFO|MPTCP_SUBFLOW_ADDRS|MPTCP_FULL_INFO / SOL_TCP TCP_IS_MPTCP [--hex], and the filters | grep, | head, | wc -l. Plus history and clear.',
  /** Note: a change was accepted and the run forked; {t} time in s, {action} the kernel-ref event, {host} the host. */
  conNote_forked: 'Applied at t = {t} s as the scenario event “{action}” on the {host}; the run is recomputed from there.',
  /** Note: the kernel accepted the change but the scenario format cannot record it; {what} says what. */
  conNote_notExpressible: 'The kernel would accept this, but a kernel-ref-scenario/1 event cannot express it ({what}), so the run is not changed.',
  /** Note: an `ip` object other than mptcp; {object} is its name. */
  conNote_otherIpObject: 'ip {object} exists on Linux, but this console only emulates ip mptcp.',
  /** Note: a sysctl key outside net.mptcp that the scenario does not set; {key} is the key. */
  conNote_sysctlNotEmulated: '{key}: only net.mptcp.* and the keys the scenario sets are emulated here.',
  /** Note: nstat shows end-of-run counters; {end} is the end time in s. */
  conNote_countersAtEnd: 'These are the counters as of t = {end} s, the last snapshot before the cursor (one every analysis bin).',
  /** Note: what ip mptcp monitor shows here; {t} is the cursor time. */
  conNote_monitorHistory: 'Events up to t = {t} s (a real monitor prints only new ones). It keeps printing while the timeline plays; Ctrl+C stops it.',
  /** Note: an ss FILTER expression was ignored; {filter} is the expression. */
  conNote_filterIgnored: 'The filter “{filter}” is not evaluated here: every socket is listed.',
  /** Note: getsockopt found no socket (EBADF); {host} the host, {t} the time in s. */
  conNote_sockoptNoSocket: 'The {host}’s application holds no connected socket at t = {t} s: the server’s exists once accept() returns, and both close theirs when the transfer ends (or socket() failed).',
  /** Note: which application sample the getsockopt values come from; {t} in s. */
  conNote_sockoptSample: 'Counters and tcp_info from the application’s sample at t = {t} s (kernel-ref samples every sample_interval_s).',
  /** Note: getsockopt before the application's first sample. */
  conNote_sockoptNoSample: 'Before the application’s first sample: the counters read 0.',
  /** Note: fields the trace does not hold at that time; {fields} is the list. */
  conNote_sockoptUntraced: 'Not traced at this time, shown as 0: {fields}.',

  /** Heading of the counters panel beside the console. */
  cntHeading: 'MPTCP_INFO and counters',
  /** Caption of the MPTCP_INFO table; {host} the host, {t} the time. */
  cntInfoCaption: 'getsockopt(MPTCP_INFO) on the {host}’s socket at t = {t} s',
  /** Note under MPTCP_INFO: which sample the counters come from; {t} in s. */
  cntSampleAt: 'Byte and subflow counters from the application’s sample at t = {t} s (one every 100 ms, as kernel-ref samples).',
  /** When the host has no MPTCP socket at that time. */
  cntNoSocket: 'No MPTCP socket on the {host} at this time.',
  /** Column: field name. */
  cntField: 'Field',
  /** Column: value. */
  cntValue: 'Value',
  /** Column: counter name. */
  cntCounter: 'Counter',
  /** Caption of the MPTcpExt table; {host} the host. */
  cntMibCaption: 'MPTcpExt counters of the {host} that moved',
  /** Note under the MPTcpExt table when they are end-of-run values; {end} in s. */
  cntMibAtEnd: 'Values at the end of the run (t = {end} s).',
  /** When no MPTcpExt counter moved. */
  cntMibNone: 'No MPTcpExt counter moved.',
} as const;
