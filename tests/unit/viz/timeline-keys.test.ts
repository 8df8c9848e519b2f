/** The timeline's keys (src/viz/timeline-keys.ts), on the page and on the scrubber. */
import { describe, expect, it } from 'vitest';
import { timeKeyCommand } from '../../../src/viz/timeline-keys';

describe('timeKeyCommand(key, shift, slider, end)', () => {
  it('steps packet by packet with the arrows, 100 ms with shift', () => {
    expect(timeKeyCommand('ArrowRight', false, false, 1e9)).toEqual({ kind: 'step', dir: 1 });
    expect(timeKeyCommand('ArrowLeft', false, true, 1e9)).toEqual({ kind: 'step', dir: -1 });
    expect(timeKeyCommand('ArrowRight', true, false, 1e9)).toEqual({ kind: 'jump', ns: 100e6 });
    expect(timeKeyCommand('ArrowLeft', true, true, 1e9)).toEqual({ kind: 'jump', ns: -100e6 });
  });

  it('goes to the ends with Home and End, everywhere', () => {
    expect(timeKeyCommand('Home', false, false, 1e9)).toEqual({ kind: 'start' });
    expect(timeKeyCommand('End', false, true, 1e9)).toEqual({ kind: 'end' });
  });

  it('plays with Space on the page only; the slider also takes up/down and PageUp/PageDown', () => {
    expect(timeKeyCommand(' ', false, false, 1e9)).toEqual({ kind: 'toggle' });
    expect(timeKeyCommand(' ', false, true, 1e9)).toBeNull();
    expect(timeKeyCommand('ArrowUp', false, true, 1e9)).toEqual({ kind: 'step', dir: 1 });
    expect(timeKeyCommand('ArrowUp', false, false, 1e9)).toBeNull();
    expect(timeKeyCommand('PageUp', false, true, 2e9)).toEqual({ kind: 'jump', ns: 2e8 });
    expect(timeKeyCommand('PageDown', false, true, 2e9)).toEqual({ kind: 'jump', ns: -2e8 });
    expect(timeKeyCommand('PageDown', false, false, 2e9)).toBeNull();
    expect(timeKeyCommand('a', false, false, 1e9)).toBeNull();
  });
});
