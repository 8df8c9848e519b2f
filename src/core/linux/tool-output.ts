/**
 * What a command-line tool hands back: its standard output, its standard error and its exit status,
 * as text exactly as the real tool writes them (trailing blanks and blank lines included).
 */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  status: number;
}

export const ok = (stdout = ''): ToolOutput => ({ stdout, stderr: '', status: 0 });
export const fail = (stderr: string, status: number, stdout = ''): ToolOutput => ({ stdout, stderr, status });

/** A refusal located on one word of the command line (its index in argv). */
export interface LocatedFailure {
  out: ToolOutput;
  /** Index in the tool's argv (0 = the tool's name) of the word the tool complained about, or null. */
  arg: number | null;
}
