import { describe, expect, it } from 'vitest';
import { interpolate, placeholders } from '../../../src/i18n/interpolate';
import { localeFromLanguage } from '../../../src/i18n/locale.svelte';

describe('interpolate', () => {
  it('replaces each {name} with its value, numbers included', () => {
    expect(interpolate('Done in {ms} ms, {ms} again, seed {seed}', { ms: 12, seed: 'x' })).toBe(
      'Done in 12 ms, 12 again, seed x',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('does not treat inherited object properties as values', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('returns the template unchanged without params', () => {
    expect(interpolate('{x} s')).toBe('{x} s');
  });
});

describe('placeholders', () => {
  it('lists distinct names, sorted', () => {
    expect(placeholders('{b} {a} {b} {not valid} text')).toEqual(['a', 'b']);
  });
});

describe('localeFromLanguage', () => {
  it('picks Chinese for any zh tag and English otherwise', () => {
    expect(localeFromLanguage('zh-CN')).toBe('zh');
    expect(localeFromLanguage('zh-Hant-TW')).toBe('zh');
    expect(localeFromLanguage('ZH')).toBe('zh');
    expect(localeFromLanguage('en-GB')).toBe('en');
    expect(localeFromLanguage('fr')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });
});
