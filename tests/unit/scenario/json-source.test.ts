// Scenario text: malformed JSON gives one located error, whatever the JS engine's message format.
import { describe, expect, it } from 'vitest';
import {
  describeJsonSyntaxError,
  lineColumnAt,
  locateInEngineMessage,
  parseJsonText,
  scanJson,
  utf8Length,
} from '../../../src/core/scenario/json-source';
import { MAX_SCENARIO_BYTES, parseScenarioText } from '../../../src/core/scenario/index';
import { baseScenario } from './helpers';

function onlyError(text: string) {
  const r = parseScenarioText(text);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0].path).toBe('scenario');
  return r.errors[0].message;
}

describe('malformed JSON', () => {
  it('reports a trailing comma at its line and column', () => {
    expect(onlyError('{\n  "name": "x",\n}')).toMatch(/^not valid JSON at line 3 column 1: /);
  });

  it('reports a missing value at the offending character (engine gives no position there)', () => {
    expect(onlyError('{\n  "name":\n    }')).toMatch(/^not valid JSON at line 3 column 5: /);
  });

  it('reports truncated input at its end', () => {
    expect(onlyError('{"paths": [\n  {}')).toMatch(/^not valid JSON at line 2 column 5: /);
    expect(onlyError('')).toMatch(/^not valid JSON at line 1 column 1: /);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(onlyError('{"name": "😀", x}')).toMatch(/^not valid JSON at line 1 column 15: /);
  });

  it('rejects a byte-order mark, as kernel-ref (Python json) does', () => {
    expect(onlyError('\ufeff{}')).toMatch(/^not valid JSON at line 1 column 1: .*byte-order mark/);
  });

  it('rejects NaN and Infinity literals', () => {
    expect(onlyError('{"timeout_s": NaN}')).toMatch(/^not valid JSON at line 1 column 15: /);
  });

  it('keeps the message on one line', () => {
    expect(onlyError('[1,\n  2,\n  ]')).not.toContain('\n');
  });
});

describe('size limit', () => {
  it('rejects text over 2 MB before parsing it', () => {
    const text = `{"notes": "${'x'.repeat(MAX_SCENARIO_BYTES)}"}`;
    expect(onlyError(text)).toMatch(/too large: more than \d+ bytes \(the limit is 2 MB = 2097152 bytes\)/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = `{"notes": "${'é'.repeat(MAX_SCENARIO_BYTES / 2)}"}`;
    expect(text.length).toBeLessThan(MAX_SCENARIO_BYTES);
    expect(onlyError(text)).toMatch(/too large: \d+ bytes/);
    expect(utf8Length('aé中😀')).toBe(1 + 2 + 3 + 4);
  });

  it('accepts a scenario just under the limit', () => {
    const s = baseScenario();
    const skeleton = JSON.stringify({ ...s, notes: '' });
    s.notes = 'x'.repeat(MAX_SCENARIO_BYTES - skeleton.length);
    expect(parseScenarioText(JSON.stringify(s)).ok).toBe(true);
  });
});

describe('engine message forms', () => {
  it('reads V8 "at position N"', () => {
    expect(locateInEngineMessage("Expected ',' or '}' after property value in JSON at position 12")).toEqual({
      pos: 12,
      line: null,
      column: null,
      detail: "Expected ',' or '}' after property value",
    });
  });

  it('reads newer V8 "at position N (line L column C)"', () => {
    expect(locateInEngineMessage('Unexpected token in JSON at position 7 (line 2 column 3)')).toMatchObject({
      pos: 7,
      line: 2,
      column: 3,
      detail: 'Unexpected token',
    });
  });

  it('reads Firefox "at line L column C of the JSON data"', () => {
    const m = "JSON.parse: expected property name or '}' at line 3 column 5 of the JSON data";
    expect(locateInEngineMessage(m)).toEqual({ pos: null, line: 3, column: 5, detail: "expected property name or '}'" });
    expect(describeJsonSyntaxError('whatever', m)).toBe("not valid JSON at line 3 column 5: expected property name or '}'");
  });

  it("drops V8's quoted snippet of the input", () => {
    expect(locateInEngineMessage('Unexpected token \'}\', "{"a":}" is not valid JSON').detail).toBe("Unexpected token '}'");
  });

  it('finds the position itself when the engine gives none (Safari)', () => {
    expect(describeJsonSyntaxError('{"a": 1 "b": 2}', "JSON Parse error: Expected '}'")).toBe(
      "not valid JSON at line 1 column 9: Expected '}'",
    );
  });

  it('falls back to a message without position when nothing can locate it', () => {
    expect(describeJsonSyntaxError('{}', 'JSON Parse error: Something odd')).toBe('not valid JSON: Something odd');
  });

  it('converts a position to line and column', () => {
    expect(lineColumnAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});

describe('number spellings', () => {
  it('records the literal of every number by container and key', () => {
    const r = parseJsonText('{"a": 1.0, "b": [2, 3e2], "c": {"d": -0}}');
    if (!r.ok) throw new Error('parse failed');
    const v = r.value as any;
    expect(r.literals.get(v)?.get('a')).toBe('1.0');
    expect(r.literals.get(v.b)?.get('1')).toBe('3e2');
    expect(r.literals.get(v.c)?.get('d')).toBe('-0');
  });

  it('keeps the last of duplicate keys, like JSON.parse', () => {
    const r = parseJsonText('{"a": 1.5, "a": "x"}');
    if (!r.ok) throw new Error('parse failed');
    expect(r.value).toEqual({ a: 'x' });
    expect(r.literals.get(r.value as object)?.has('a')).toBe(false);
  });

  it('builds the same value as JSON.parse, including __proto__ as an own key', () => {
    const text = '{"__proto__": {"x": 1}, "s": "a\\u00e9\\n", "n": [true, false, null, -1.5e-3]}';
    const r = scanJson(text);
    if (!r.ok) throw new Error('scan failed');
    expect(r.value).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(Object.keys(r.value as object)).toEqual(['__proto__', 's', 'n']);
  });

  it('scans deeply nested input without overflowing the stack', () => {
    const depth = 200000;
    const r = scanJson('['.repeat(depth) + ']'.repeat(depth));
    expect(r.ok).toBe(true);
  });
});

describe('parseScenarioText', () => {
  it('returns errors, never throws, for hostile text', () => {
    for (const t of ['[', '"', '{"a":1}}', '-', '01', '{"a" 1}', '\u0000', 'nul', '[' .repeat(100000)]) {
      const r = parseScenarioText(t);
      expect(r.ok).toBe(false);
    }
    expect(parseScenarioText(42 as unknown as string)).toEqual({
      ok: false,
      errors: [{ path: 'scenario', message: 'expected JSON text, got number' }],
    });
  });
});
