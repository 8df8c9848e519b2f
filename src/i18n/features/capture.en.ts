/** English strings of opening a real capture (.pcap / .pcapng) in the views (zh twin in capture.zh.ts). */
export const captureEn = {
  /** Button that opens the file picker. */
  captureOpen: 'Open capture…',
  /** Accessible description of the button and the drop zone. */
  captureHint: 'Open a .pcap or .pcapng file (or drop it on the page) to see a real MPTCP capture in every view.',
  /** Shown over the page while a file is dragged over it. */
  captureDrop: 'Drop the capture to open it',
  /** Progress while reading; {name} file name. */
  captureReading: 'Reading {name}…',
  /** Accessible name of the progress bar. */
  captureProgress: 'Reading progress',
  /** Button that stops reading. */
  captureCancel: 'Cancel',
  /** After cancelling. */
  captureCancelled: 'Opening {name} was cancelled.',
  /** Success; {name} file, {frames} frames, {tcp} TCP packets, {subflows} subflows, {ms} milliseconds. */
  captureOpened: 'Opened {name}: {frames} frames, {tcp} TCP packets, {subflows} subflow(s), read in {ms} ms.',
  /** Times in the views: from the first packet. */
  captureTimeBase: 'Times are seconds since the first packet. Link settings, counters and socket samples are not in a capture and show as n/a.',
  /** Some frames could not be read; {count} problems. */
  capturePartial: '{count} problem(s) in the file; what could be read is shown:',
  /** Heading of the error box. */
  captureErrorHeading: 'The capture could not be opened',
  /** The file is too big; {name} file, {size} and {limit} in MB. */
  captureTooLarge: '{name} is {size} MB; the page opens captures of up to {limit} MB. Use npm run analyze for bigger files.',
  /** One located problem; {offset} byte offset, {block} block/record number, {message} English detail. */
  captureProblem: 'byte {offset}, block {block}: {message}',
  /** The reader failed unexpectedly; {message} detail. */
  captureCrash: 'The capture reader stopped unexpectedly: {message}',
  /** IPv6 note; {count} addresses. */
  captureIpv6: '{count} IPv6 address(es): the views show them as placeholders 240.0.0.x (the simulator is IPv4); the summary names them.',
  /** Label before the placeholder list. */
  captureIpv6Map: 'Placeholders',
} as const;
