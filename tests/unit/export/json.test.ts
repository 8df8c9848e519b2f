// toJson: 64-bit values (bigint) come out as exact integer literals, everything else as JSON.stringify.
import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src/core/export/json';

describe('toJson', () => {
  it('writes bigints exactly and leaves the rest as JSON.stringify does', () => {
    const v = { dsn: 16554002320550902071n, neg: -5n, s: 'bigint:1', n: 1.5, list: [1n, null] };
    expect(toJson(v)).toBe('{"dsn":16554002320550902071,"neg":-5,"s":"bigint:1","n":1.5,"list":[1,null]}');
    expect(toJson({ a: 1 }, 1)).toBe(JSON.stringify({ a: 1 }, null, 1));
  });
});
