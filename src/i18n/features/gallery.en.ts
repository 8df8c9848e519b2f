/** English strings of the gallery view (merged into en.ts; zh twin in gallery.zh.ts). */
export const galleryEn = {
  /** Button that opens the gallery of ready scenarios. */
  galleryOpen: 'Scenario gallery…',
  /** Heading of the gallery dialog. */
  galleryHeading: 'Scenario gallery',
  /** One sentence under the heading. */
  galleryIntro: 'Ready scenarios. Choosing one puts its file into the editor and runs it; every file also runs on the real Linux kernel with kernel-ref.',
  /** Button on each gallery card. */
  galleryLoad: 'Load and run',
  /** Button that closes the gallery dialog. */
  galleryClose: 'Close',
  /** Title of the seamless-handover scenario (a use case of the kernel documentation). */
  galleryHandoverTitle: 'Seamless handover',
  /** One paragraph explaining the handover scenario. */
  galleryHandoverText:
    'A phone uploads over Wi-Fi and LTE at the same time, one subflow on each path. Half a second in, the Wi-Fi interface goes down. The MPTCP connection does not break: the LTE subflow carries on, and the data that was in flight on Wi-Fi is sent again on LTE (reinjection) once the Wi-Fi subflow stops answering. The application never notices the move.',
  /** Title of the backup-path scenario. */
  galleryBackupTitle: 'Best network selection with a backup path',
  /** One paragraph explaining the backup scenario. */
  galleryBackupText:
    'The client opens its LTE subflow with the backup flag, so the MP_JOIN carries B=1 and the packet scheduler sends everything over Wi-Fi, the best network, while LTE stays idle and costs nothing. At 0.5 s Wi-Fi turns into a blackhole: the link stays up but every packet is lost. Once the Wi-Fi subflow times out, the scheduler moves the data to the backup subflow.',
  /** Title of the bandwidth-aggregation scenario. */
  galleryAggregationTitle: 'Bandwidth aggregation',
  /** One paragraph explaining the aggregation scenario. */
  galleryAggregationText:
    'Two 10 Mbit/s paths. The client has a subflow endpoint on path 2, so as soon as the connection is fully established the in-kernel path manager opens a second subflow with MP_JOIN, and the scheduler spreads the upload over both paths. Compare its goodput with the plain TCP scenario.',
  /** Title of the middlebox-fallback scenario. */
  galleryMiddleboxTitle: 'Fallback through a middlebox',
  /** One paragraph explaining the middlebox scenario. */
  galleryMiddleboxText:
    'A middlebox on path 1 removes the MP_CAPABLE option from the client’s SYN, as some firewalls do with options they do not know. The server sees an ordinary SYN and answers as plain TCP; the client notices that the SYN/ACK has no MP_CAPABLE and falls back to TCP. The transfer still completes, but over one path only: the second subflow is never opened.',
  /** Title of the ADD_ADDR scenario. */
  galleryAddAddrTitle: 'Address announcement (ADD_ADDR)',
  /** One paragraph explaining the ADD_ADDR scenario. */
  galleryAddAddrText:
    'Here the server drives the second subflow. It has a signal endpoint for its path-2 address, so it announces that address with ADD_ADDR once the connection is fully established. The client has no endpoint of its own but accepts one announced address (add_addr_accepted 1) and opens an MP_JOIN subflow to it.',
  /** Title of the plain TCP scenario. */
  galleryTcpTitle: 'Plain TCP, for comparison',
  /** One paragraph explaining the TCP scenario. */
  galleryTcpText:
    'The same two paths and the same upload as the aggregation scenario, but the client opens an ordinary TCP socket. There is one connection on path 1 and no MPTCP option at all; path 2 stays unused. Its goodput is the baseline the MPTCP scenarios improve on.',
  /** Button that reads a scenario file from the computer. */
  galleryImport: 'Import file…',
  /** Button that saves the editor's scenario as a file. */
  galleryExport: 'Export file',
  /** Status after an import; {name} is the file name. */
  galleryImported: 'Imported {name}.',
  /** Status after a gallery scenario was loaded; {title} is its title. */
  galleryLoaded: 'Loaded “{title}”.',
  /** Error: the chosen file is larger than the scenario limit; {size} and {limit} in bytes. */
  galleryFileTooLarge: '{name} is too large for a scenario: {size} bytes (the limit is {limit} bytes).',
  /** Error: the file could not be read; {name} is the file name. */
  galleryFileUnreadable: '{name} could not be read.',
} as const;
