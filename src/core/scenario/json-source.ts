/**
 * Scenario JSON text → validated Scenario. Never throws: malformed text gives one error at path
 * `scenario` with the line and column of the problem.
 *
 * JSON.parse decides validity and supplies the message. Its position comes in engine-specific forms
 * (V8: "at position N", newer V8 also "(line L column C)"; Firefox: "at line L column C of the JSON
 * data"; Safari: none), and some V8 messages carry no position at all ("Unexpected end of JSON
 * input", "Unexpected token …, "…" is not valid JSON"). When the message has no position, a strict
 * RFC 8259 scanner below finds the first offending character itself.
 *
 * The same scanner also keeps the spelling of every number literal, so that `100.0` is a float and
 * `100` an int exactly as for kernel-ref's Python `json.load` (see py-format.ts).
 */
import type { NumberLiterals } from './py-format';
import type { ScenarioError, ValidationResult } from './scenario-error';
import { validateScenario } from './validate';

/** Largest scenario text accepted: 2 MB (2 × 1024 × 1024 bytes of UTF-8). */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

export type JsonParseResult =
  | { ok: true; value: unknown; literals: NumberLiterals; rootLiteral?: string }
  | { ok: false; error: ScenarioError };

/** Parse scenario text and validate it (see validateScenario). */
export function parseScenarioText(text: string): ValidationResult {
  try {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    return validateScenario(parsed.value, { numberLiterals: parsed.literals, rootLiteral: parsed.rootLiteral });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: 'scenario', message: `internal error while reading the scenario: ${msg}` }] };
  }
}

/** UTF-8 length of a JS string without allocating (lone surrogates count 3, as TextEncoder's U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** JSON text → value + number literals, or one located error at path `scenario`. Never throws. */
export function parseJsonText(text: string): JsonParseResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { path: 'scenario', message: `expected JSON text, got ${typeof text}` } };
  }
  const bytes = text.length > MAX_SCENARIO_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      error: {
        path: 'scenario',
        message: `scenario text is too large: ${text.length > MAX_SCENARIO_BYTES ? 'more than ' : ''}${bytes} bytes (the limit is 2 MB = ${MAX_SCENARIO_BYTES} bytes)`,
      },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    return {
      ok: false,
      error: {
        path: 'scenario',
        message: 'not valid JSON at line 1 column 1: the text starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM',
      },
    };
  }
  try {
    JSON.parse(text);
  } catch (e) {
    const engineMessage = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { path: 'scenario', message: describeJsonSyntaxError(text, engineMessage) } };
  }
  const scanned = scanJson(text);
  if (scanned.ok) return { ok: true, value: scanned.value, literals: scanned.literals, rootLiteral: scanned.rootLiteral };
  // The engine accepted what the scanner refused: trust the engine, without number spellings.
  return { ok: true, value: JSON.parse(text), literals: new WeakMap() };
}

/** 1-based line and column (in code points) of a UTF-16 offset into `text`. */
export function lineColumnAt(text: string, pos: number): { line: number; column: number } {
  const p = Math.max(0, Math.min(pos, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < p; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < p; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < p) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    column++;
  }
  return { line, column };
}

/**
 * Where an engine's JSON.parse message says the error is: `{ pos }` for "at position N",
 * `{ line, column }` for "line L column C" forms, null when it does not say. Also returns the message
 * stripped of the position and of V8's quoted snippet of the input.
 */
export function locateInEngineMessage(message: string): {
  pos: number | null;
  line: number | null;
  column: number | null;
  detail: string;
} {
  let pos: number | null = null;
  let line: number | null = null;
  let column: number | null = null;
  const mPos = /\bat position (\d+)/.exec(message);
  if (mPos) pos = Number(mPos[1]);
  const mLc = /\bline (\d+) column (\d+)/.exec(message);
  if (mLc) {
    line = Number(mLc[1]);
    column = Number(mLc[2]);
  }
  let detail = message
    .replace(/^JSON\.parse: /, '')
    .replace(/^JSON Parse error: /, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/ at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/ at line \d+ column \d+ of the JSON data/, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (detail === '') detail = 'syntax error';
  return { pos, line, column, detail };
}

/** The one-line message for malformed JSON: `not valid JSON at line L column C: detail`. */
export function describeJsonSyntaxError(text: string, engineMessage: string): string {
  const found = locateInEngineMessage(engineMessage);
  let line = found.line;
  let column = found.column;
  if (found.pos !== null) ({ line, column } = lineColumnAt(text, found.pos));
  if (line === null || column === null) {
    const scanned = scanJson(text);
    if (!scanned.ok) ({ line, column } = lineColumnAt(text, scanned.pos));
  }
  if (line === null || column === null) return `not valid JSON: ${found.detail}`;
  return `not valid JSON at line ${line} column ${column}: ${found.detail}`;
}

// ---------------------------------------------------------------------------------------------
// A strict RFC 8259 scanner that builds the value (equal to JSON.parse's) and records number
// spellings. Iterative, so deeply nested input cannot overflow the call stack.
// ---------------------------------------------------------------------------------------------

type ScanResult =
  | { ok: true; value: unknown; literals: NumberLiterals; rootLiteral?: string }
  | { ok: false; pos: number; message: string };

interface Frame {
  container: unknown[] | Record<string, unknown>;
  isArray: boolean;
  key: string;
}

const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function scanJson(text: string): ScanResult {
  const n = text.length;
  const literals: NumberLiterals = new WeakMap();
  const stack: Frame[] = [];
  let i = 0;

  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (message: string, pos = i): ScanResult => ({ ok: false, pos, message });

  /** Reads a string starting at the quote at i; returns null (and sets errPos) when malformed. */
  let errPos = 0;
  let errMsg = '';
  const readString = (): string | null => {
    const start = i;
    let j = i + 1;
    let escaped = false;
    for (;;) {
      if (j >= n) {
        errPos = n;
        errMsg = 'unterminated string';
        return null;
      }
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
            errPos = j;
            errMsg = 'bad \\u escape in string';
            return null;
          }
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j += 2;
        else {
          errPos = j;
          errMsg = 'bad escape in string';
          return null;
        }
      } else if (c < 0x20) {
        errPos = j;
        errMsg = 'control character in string';
        return null;
      } else j++;
    }
    i = j + 1;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, j);
  };

  const readKey = (frame: Frame): ScanResult | null => {
    skipWs();
    if (text.charCodeAt(i) !== 0x22) return fail('expected a property name in double quotes');
    const k = readString();
    if (k === null) return fail(errMsg, errPos);
    skipWs();
    if (text.charCodeAt(i) !== 0x3a) return fail("expected ':' after the property name");
    i++;
    frame.key = k;
    return null;
  };

  for (;;) {
    // ---- one value
    skipWs();
    if (i >= n) return fail('unexpected end of input, expected a value');
    const c = text.charCodeAt(i);
    let value: unknown;
    let literal: string | undefined;
    if (c === 0x7b /* { */) {
      i++;
      skipWs();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        value = {};
      } else {
        const frame: Frame = { container: {}, isArray: false, key: '' };
        stack.push(frame);
        const bad = readKey(frame);
        if (bad) return bad;
        continue;
      }
    } else if (c === 0x5b /* [ */) {
      i++;
      skipWs();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        value = [];
      } else {
        stack.push({ container: [], isArray: true, key: '' });
        continue;
      }
    } else if (c === 0x22) {
      const s = readString();
      if (s === null) return fail(errMsg, errPos);
      value = s;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (!m) return fail('invalid number', c === 0x2d ? i + 1 : i);
      literal = m[0];
      value = Number(literal);
      i += literal.length;
    } else if (text.startsWith('true', i)) {
      value = true;
      i += 4;
    } else if (text.startsWith('false', i)) {
      value = false;
      i += 5;
    } else if (text.startsWith('null', i)) {
      value = null;
      i += 4;
    } else return fail(`unexpected character ${JSON.stringify(text[i])}`);

    // ---- attach it, closing every container that ends here
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        skipWs();
        if (i < n) return fail('unexpected text after the JSON value');
        return { ok: true, value, literals, rootLiteral: literal };
      }
      const key = top.isArray ? String((top.container as unknown[]).length) : top.key;
      let lits = literals.get(top.container);
      if (literal !== undefined) {
        if (!lits) {
          lits = new Map();
          literals.set(top.container, lits);
        }
        lits.set(key, literal);
      } else lits?.delete(key);
      literal = undefined;
      if (top.isArray) (top.container as unknown[]).push(value);
      else if (key === '__proto__') {
        Object.defineProperty(top.container, key, { value, writable: true, enumerable: true, configurable: true });
      } else (top.container as Record<string, unknown>)[key] = value;

      skipWs();
      const d = text.charCodeAt(i);
      if (d === 0x2c /* , */) {
        i++;
        if (!top.isArray) {
          const bad = readKey(top);
          if (bad) return bad;
        }
        break; // next value
      }
      if (d === (top.isArray ? 0x5d : 0x7d)) {
        i++;
        stack.pop();
        value = top.container;
        continue;
      }
      if (i >= n) return fail('unexpected end of input');
      return fail(top.isArray ? "expected ',' or ']' after an array element" : "expected ',' or '}' after a property value");
    }
  }
}
