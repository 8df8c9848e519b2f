/**
 * MP_JOIN (RFC 8684 §3.2; kernel.md §2, §13): the in-kernel PM opens the client's `subflow`
 * endpoint only once the connection is fully established; the SYN names the server's token, the
 * SYN/ACK carries the leftmost 64 bits of HMAC(Ks‖Kc, Ns‖Nc), the third ACK the first 160 bits of
 * HMAC(Kc‖Ks, Nc‖Ns), and the address ids are those kernel-ref shows for a_aggregation.
 */
import { describe, expect, it } from 'vitest';
import { joinAckHmac, joinSynAckHmac } from '../../src/core/mptcp/crypto';
import { bytesHex, kernelPacketLine, kernelRefSummary, kernelStyleLine, mptcpEventTime, runExchange, twoPathUpload } from '../helpers/exchange';

describe('MP_JOIN after full establishment', () => {
  const x = runExchange(twoPathUpload(1_000_000));
  const client = x.app.stacks.client.connections[0];
  const server = x.app.stacks.server.connections[0];
  const cj = client.subflows[1];
  const sj = server.subflows[1];
  // name the nonces and the HMACs the keys and nonces give
  x.ctx.names.set(cj.localNonce, 'Nc');
  x.ctx.names.set(sj.localNonce, 'Ns');
  x.ctx.names.set(joinSynAckHmac(server.localKey, client.localKey, sj.localNonce, cj.localNonce), 'HMAC64(Ks‖Kc,Ns‖Nc)');
  x.ctx.names.set(bytesHex(joinAckHmac(client.localKey, server.localKey, cj.localNonce, sj.localNonce)), 'HMAC160(Kc‖Ks,Nc‖Ns)');
  const onPath2 = (side: 'client' | 'server'): string[] => x.lines((c) => c.path === 2, side);

  it('exchanges SYN (token Ts), SYN/ACK (truncated HMAC), third ACK (20-byte HMAC), then the DSS ACK', () => {
    const lines = onPath2('server');
    expect(lines.slice(0, 3)).toEqual([
      'p2 c2s SYN mss=1460 MP_JOIN[12](syn id=1 token=Ts nonce=Nc)',
      'p2 s2c SYN,ACK mss=1460 MP_JOIN[16](synack id=0 hmac=HMAC64(Ks‖Kc,Ns‖Nc) nonce=Ns)',
      'p2 c2s ACK MP_JOIN[24](ack hmac=HMAC160(Kc‖Ks,Nc‖Ns))',
    ]);
    // the 4th ACK: a pure ACK with the connection's 64-bit DATA_ACK, whatever path 1 delivered so far
    expect(lines[3]).toMatch(/^p2 s2c ACK DSS\[12\]\(ack64=\d+\)$/);
  });

  it('sends the join SYN only once the connection is fully established', () => {
    const fully = mptcpEventTime(x.trace, 'client', 'state established.preEstablished→established.fullyEstablished');
    const joinSyn = x.caps('client').find((c) => c.path === 2 && c.dir === 'c2s');
    expect(fully).toBeGreaterThan(0);
    expect(joinSyn?.t).toBeGreaterThanOrEqual(fully);
    // nothing at all went out on path 2 before
    expect(x.caps('client').filter((c) => c.path === 2 && c.t < fully)).toEqual([]);
    const types = x.pmEventTypes('client');
    expect(types.indexOf('ESTABLISHED')).toBeLessThan(types.indexOf('SF_ESTABLISHED'));
  });

  it('reports the join in `ip mptcp monitor` with the address ids kernel-ref shows', () => {
    const kernel = kernelRefSummary('a_aggregation').pm_events;
    const pick = (attrs: Record<string, unknown>): Record<string, unknown> => ({ remid: attrs.remid, locid: attrs.locid, backup: attrs.backup });
    const ours = (side: 'client' | 'server'): Record<string, unknown> | undefined => {
      const e = x.trace.pmEvents[side].find((ev) => ev.type === 'SF_ESTABLISHED');
      return e && pick(e.attrs);
    };
    const theirs = (side: 'client' | 'server'): Record<string, unknown> | undefined => {
      const e = kernel[side].find((ev) => ev.type === 'SF_ESTABLISHED');
      return e && pick(e);
    };
    expect(ours('client')).toEqual(theirs('client'));
    expect(ours('server')).toEqual(theirs('server'));
    expect(x.trace.pmEvents.client.find((e) => e.type === 'SF_ESTABLISHED')?.attrs).toMatchObject({ saddr4: '10.0.2.1', daddr4: '10.0.1.2', ifindex: '3' });
  });

  it('counts the join on both sides', () => {
    expect(x.mib('client')).toMatchObject({ MPJoinSynTx: 1, MPJoinSynAckRx: 1 });
    expect(x.mib('server')).toMatchObject({ MPJoinSynRx: 1, MPJoinAckRx: 1 });
    expect(x.mib('client').MPJoinSynAckHMacFailure ?? 0).toBe(0);
    expect(x.mib('server').MPJoinAckHMacFailure ?? 0).toBe(0);
  });

  it('sends the same join handshake packets as the kernel (a_aggregation, stream 1)', () => {
    const kernel = kernelRefSummary('a_aggregation').handshakes.find((h) => h.kind === 'MP_JOIN');
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const ours = x.caps().filter((c) => c.path === kernel.path).slice(0, kernel.packets.length);
    expect(ours.map(kernelStyleLine)).toEqual(kernel.packets.map((p) => kernelPacketLine(kernel.path, p)));
  });
});
