/** English strings of the Linux lab export (merged into en.ts; zh twin in lab.zh.ts). */
export const labEn = {
  /** Button that downloads the scenario in the editor as a bash script for a real Linux machine. */
  labExport: 'Export Linux lab',
  /** Tooltip / description of the button. */
  labExportHelp: 'A bash script that builds this scenario on a real Linux machine with network namespaces, runs it and prints the subflows the kernel opened. Its comments are in the page’s language.',
  /** Status after the download; {file} is the script's file name. */
  labExported: 'Downloaded {file}. Run it as root on Linux: sudo bash {file}',
  /** Status when the editor's scenario does not validate; {count} is the number of problems. */
  labInvalid: 'Not exported: the scenario has {count} problem(s). Run it to see them.',
  /** Heading of the list of scenario parts the script cannot reproduce. */
  labWarningsHeading: 'What the lab cannot reproduce on a stock Linux machine:',
} as const;
