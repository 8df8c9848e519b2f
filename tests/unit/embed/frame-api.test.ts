import { describe, expect, it } from 'vitest';
import { eventMessage, readCommand } from '../../../src/embed/frame-api';

const OK = ['https://docs.example.org'];

describe('the iframe route message API', () => {
  it('takes well-formed commands from the parent at an allowed origin', () => {
    expect(readCommand({ type: 'mptcp-playground:seek', t: 1.25 }, OK[0], true, OK)).toEqual({ ok: true, command: { kind: 'seek', t: 1.25 } });
    expect(readCommand({ type: 'mptcp-playground:play' }, OK[0], true, OK)).toEqual({ ok: true, command: { kind: 'play' } });
    expect(readCommand({ type: 'mptcp-playground:pause' }, OK[0], true, OK)).toEqual({ ok: true, command: { kind: 'pause' } });
    expect(readCommand({ type: 'mptcp-playground:load', scenario: { paths: [] } }, OK[0], true, OK)).toEqual({ ok: true, command: { kind: 'load', scenario: { paths: [] } } });
  });

  it('refuses other origins, other windows, and anything malformed', () => {
    const seek = { type: 'mptcp-playground:seek', t: 1 };
    expect(readCommand(seek, 'https://evil.example', true, OK)).toEqual({ ok: false, reason: 'origin' });
    expect(readCommand(seek, 'https://docs.example.org.evil.example', true, OK)).toEqual({ ok: false, reason: 'origin' });
    expect(readCommand(seek, OK[0], true, [])).toEqual({ ok: false, reason: 'origin' });
    expect(readCommand(seek, OK[0], false, OK)).toEqual({ ok: false, reason: 'source' });
    for (const bad of [null, 'mptcp-playground:play', { type: 'play' }, { type: 'mptcp-playground:seek', t: '1' }, { type: 'mptcp-playground:seek', t: Number.NaN }, { type: 'mptcp-playground:load' }, { type: 'mptcp-playground:eval' }]) {
      expect(readCommand(bad, OK[0], true, OK)).toEqual({ ok: false, reason: 'shape' });
    }
  });

  it('names events with the prefix', () => {
    expect(eventMessage('time', { t: 2 })).toEqual({ type: 'mptcp-playground:time', t: 2 });
  });
});
