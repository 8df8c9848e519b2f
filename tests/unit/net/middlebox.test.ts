// net/middlebox.ts: which segments a box touches, what it removes or rewrites, and that the
// sender's packet stays as sent.
import { describe, expect, it } from 'vitest';
import { applyMiddleboxes, REWRITE_XOR, type MiddleboxAction, type MiddleboxConfig, type PlacedMiddlebox } from '../../../src/core/net/middlebox';
import { ACK, SYN, blankPacket, type Packet } from '../../../src/core/net/packet';

const box = (over: Partial<MiddleboxConfig>): PlacedMiddlebox => ({
  index: 0,
  hits: 0,
  box: { path: 1, dir: 'both', action: 'strip_options', options: ['ALL'], on: 'any', from_s: 0, until_s: null, count: null, ...over },
});

function pkt(flags: number, payloadLen: number, kinds: string[]): Packet {
  const p = blankPacket();
  p.flags = flags;
  p.payloadLen = payloadLen;
  p.mptcp = kinds.length ? kinds.map((kind, i) => ({ subtype: i, kind })) : null;
  return p;
}

describe('middleboxes', () => {
  it('strips only the named options, only on the named segment kind, on a copy', () => {
    const syn = pkt(SYN, 0, ['MP_CAPABLE']);
    const acts: MiddleboxAction[] = [];
    const out = applyMiddleboxes([box({ options: ['MP_CAPABLE'], on: 'syn' })], syn, 0, (a) => acts.push(a));
    expect(out).not.toBe(syn);
    expect(out.mptcp).toBeNull();
    expect(syn.mptcp).toHaveLength(1);
    expect(acts).toEqual([{ box: 0, pktId: syn.id, action: 'strip_options', removed: ['MP_CAPABLE'] }]);
    const synack = pkt(SYN | ACK, 0, ['MP_CAPABLE']);
    expect(applyMiddleboxes([box({ options: ['MP_CAPABLE'], on: 'syn' })], synack, 0, () => {})).toBe(synack);
    const data = pkt(ACK, 100, ['DSS', 'MP_PRIO']);
    expect(applyMiddleboxes([box({ options: ['MP_PRIO'], on: 'data' })], data, 0, () => {}).mptcp?.map((o) => o.kind)).toEqual(['DSS']);
  });

  it('rewrites payload of data segments only, inside its time window', () => {
    const data = pkt(ACK, 100, ['DSS']);
    const rw = box({ action: 'rewrite_payload', from_s: 1, until_s: 2 });
    expect(applyMiddleboxes([rw], data, 0.5e9, () => {})).toBe(data);
    const out = applyMiddleboxes([rw], data, 1.5e9, () => {});
    expect(out.mangled).toBe(REWRITE_XOR);
    expect(data.mangled).toBe(0);
    expect(applyMiddleboxes([rw], data, 2e9, () => {})).toBe(data);
    expect(applyMiddleboxes([rw], pkt(ACK, 0, ['DSS']), 1.5e9, () => {}).mangled).toBe(0);
  });

  it('stops after `count` segments', () => {
    const rw = box({ action: 'rewrite_payload', count: 1 });
    expect(applyMiddleboxes([rw], pkt(ACK, 100, []), 0, () => {}).mangled).toBe(REWRITE_XOR);
    expect(applyMiddleboxes([rw], pkt(ACK, 100, []), 0, () => {}).mangled).toBe(0);
  });
});
