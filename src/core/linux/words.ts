/**
 * Splitting a command line into words the way a POSIX shell does for simple commands: blanks
 * separate words, '…' quotes literally, "…" quotes with \" \\ \$ \` escapes, a backslash escapes
 * the next character, an unquoted `|` separates the commands of a pipeline. Each word keeps its
 * span in the line, so an error can point at it. No variables, globbing or redirection.
 */

export interface Word {
  text: string;
  /** [start, end) in the line, quotes included. */
  start: number;
  end: number;
}

export type Pipeline = { ok: true; commands: Word[][] } | { ok: false; message: string };

export function splitPipeline(line: string): Pipeline {
  const commands: Word[][] = [[]];
  let cur: Word | null = null;
  const begin = (i: number): Word => (cur ??= { text: '', start: i, end: i });
  const finish = (i: number): void => {
    if (cur) {
      cur.end = i;
      commands[commands.length - 1].push(cur);
      cur = null;
    }
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      finish(i);
    } else if (c === '|') {
      finish(i);
      if (commands[commands.length - 1].length === 0) return { ok: false, message: "bash: syntax error near unexpected token `|'" };
      commands.push([]);
    } else if (c === "'") {
      const w = begin(i);
      const close = line.indexOf("'", i + 1);
      if (close < 0) return { ok: false, message: "bash: unexpected EOF while looking for matching `''" };
      w.text += line.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      const w = begin(i);
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        w.text += line[j];
      }
      if (j >= line.length) return { ok: false, message: 'bash: unexpected EOF while looking for matching `"\'' };
      i = j;
    } else if (c === '\\') {
      const w = begin(i);
      if (i + 1 < line.length) w.text += line[++i];
    } else {
      begin(i).text += c;
    }
  }
  finish(line.length);
  const last = commands[commands.length - 1];
  if (last.length === 0 && commands.length > 1) return { ok: false, message: "bash: syntax error near unexpected token `|'" };
  return { ok: true, commands: last.length === 0 ? [] : commands };
}

/** The word the cursor is in (or the empty word starting at the cursor) and the words before it, for completion. */
export function wordsBeforeCursor(line: string, cursor: number): { before: string[]; current: Word } {
  const head = line.slice(0, cursor);
  const lastPipe = head.lastIndexOf('|');
  const segment = lastPipe >= 0 ? head.slice(lastPipe + 1) : head;
  const offset = lastPipe >= 0 ? lastPipe + 1 : 0;
  const parsed = splitPipeline(segment.replace(/['"]/g, ' '));
  const words = parsed.ok ? (parsed.commands[0] ?? []) : [];
  const endsInBlank = segment.length === 0 || /\s$/.test(segment);
  if (endsInBlank || words.length === 0) {
    return { before: words.map((w) => w.text), current: { text: '', start: cursor, end: cursor } };
  }
  const last = words[words.length - 1];
  return { before: words.slice(0, -1).map((w) => w.text), current: { text: last.text, start: last.start + offset, end: cursor } };
}
