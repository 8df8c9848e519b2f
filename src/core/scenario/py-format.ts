/**
 * Python-compatible printing of JSON values, so that validation messages read exactly like those of
 * ../shared/kernel-ref's `run` (Python 3.11): `json.dumps(v)`, `repr(v)`, `str(v)` and
 * `type(v).__name__` for the values that `json.load` produces.
 *
 * Python tells an int from a float by its JSON spelling (`100` vs `100.0`); JavaScript cannot once
 * the text is parsed. Where the source text is known (parseScenarioText), the validator passes the
 * literal here; otherwise an integral number counts as an int.
 */

/** Number literals as written in the JSON text, per container (object or array) and key (index as string). */
export type NumberLiterals = WeakMap<object, Map<string, string>>;

/** True when the literal is spelled as a JSON float (has a fraction or an exponent). */
export function isFloatLiteral(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */) return true;
  }
  return false;
}

/** Whether Python would see this number as an `int` (not a `float`). */
export function isPyInt(v: number, literal?: string): boolean {
  if (literal !== undefined) return !isFloatLiteral(literal);
  return Number.isInteger(v);
}

/**
 * `repr(float)`: the shortest digits that round-trip (as JS), in fixed notation when the decimal
 * exponent is in -4..15, otherwise `d.ddde+XX` with at least two exponent digits; `.0` on integers.
 */
export function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const sign = v < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(v).toExponential().split('e');
  const exp = Number(expStr);
  const digits = mant.replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** `str(int)` of a JSON integer (exact digits from the literal when known). */
function pyIntStr(v: number, literal?: string): string {
  if (literal !== undefined) {
    if (/^-?0+$/.test(literal)) return '0';
    return literal;
  }
  if (!Number.isFinite(v)) return pyFloatRepr(v);
  return BigInt(v).toString();
}

/** `str(v)` / `repr(v)` of a number from JSON. */
export function pyNumber(v: number, literal?: string): string {
  return isPyInt(v, literal) ? pyIntStr(v, literal) : pyFloatRepr(literal !== undefined ? Number(literal) : v);
}

/** `type(v).__name__` for a value from JSON. */
export function pyTypeName(v: unknown, literal?: string): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isPyInt(v, literal) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'dict';
  return typeof v;
}

const MAX_DEPTH = 100;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** `json.dumps(s)` of a string (ensure_ascii: everything outside 0x20..0x7e is escaped). */
function dumpsString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c <= 0x7e) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += `\\u${hex(c, 4)}`;
  }
  return out + '"';
}

/**
 * `json.dumps(v)` with Python's defaults: separators `", "` / `": "`, ASCII only, floats as repr
 * (`Infinity` for inf). Objects print in JS key order (Python keeps the file's order; they differ only
 * for integer-like keys).
 */
export function pyJsonDumps(v: unknown, literal?: string, literals?: NumberLiterals, depth = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    if (Number.isNaN(v)) return 'NaN';
    return pyNumber(v, literal);
  }
  if (typeof v === 'string') return dumpsString(v);
  if (typeof v !== 'object') return dumpsString(String(v));
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? '[...]' : '{...}';
  const lits = literals?.get(v);
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(pyJsonDumps(v[i], lits?.get(String(i)), literals, depth + 1));
    return `[${parts.join(', ')}]`;
  }
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    parts.push(`${dumpsString(k)}: ${pyJsonDumps(x, lits?.get(k), literals, depth + 1)}`);
  }
  return `{${parts.join(', ')}}`;
}

// str.isprintable(): false for Unicode "Other" (Cc Cf Cs Co Cn) and "Separator" (Zl Zp Zs) except ' '.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(s)` of a str: single quotes unless the text has ' and no ". */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      out += c <= 0xff ? `\\x${hex(c, 2)}` : c <= 0xffff ? `\\u${hex(c, 4)}` : `\\U${hex(c, 8)}`;
    } else out += ch;
  }
  return out + q;
}

/** `repr(v)` of a value from JSON (`None`, `True`, `'text'`, `[1, 'a']`, `{'k': 1.5}`). */
export function pyRepr(v: unknown, literal?: string, literals?: NumberLiterals, depth = 0): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v, literal);
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v !== 'object') return pyStrRepr(String(v));
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? '[...]' : '{...}';
  const lits = literals?.get(v);
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(pyRepr(v[i], lits?.get(String(i)), literals, depth + 1));
    return `[${parts.join(', ')}]`;
  }
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    parts.push(`${pyStrRepr(k)}: ${pyRepr(x, lits?.get(k), literals, depth + 1)}`);
  }
  return `{${parts.join(', ')}}`;
}

/** `str(v)`: like repr except that a str prints bare. */
export function pyStr(v: unknown, literal?: string, literals?: NumberLiterals): string {
  return typeof v === 'string' ? v : pyRepr(v, literal, literals);
}

/** `list(t)` of a tuple of strings, as Python prints it: `['a', 'b']`. */
export function pyList(items: readonly string[]): string {
  return `[${items.map(pyStrRepr).join(', ')}]`;
}
