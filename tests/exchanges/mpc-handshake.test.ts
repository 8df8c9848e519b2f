/**
 * MP_CAPABLE v1 (RFC 8684 §3.1; kernel.md §2): SYN with flags only, SYN/ACK with the server's key,
 * third ACK with both keys, the first data segment repeating both keys with a data-level length,
 * and the server's 64-bit DATA_ACK that makes the client fully established.
 */
import { describe, expect, it } from 'vitest';
import { keyToIdsn, keyToToken } from '../../src/core/mptcp/crypto';
import { hex8 } from '../../src/core/mptcp/connection';
import { ACK } from '../../src/core/net/packet';
import { kernelPacketLine, kernelRefSummary, kernelStyleLine, mptcpEventTime, onePathUpload, runExchange, twoPathUpload } from '../helpers/exchange';

describe('MP_CAPABLE v1 handshake', () => {
  const x = runExchange(onePathUpload(1_000_000));
  const client = x.app.stacks.client.connections[0];
  const server = x.app.stacks.server.connections[0];

  it('puts the four-packet exchange on the wire, keys on the first data segment, 1424-byte payload', () => {
    expect(x.lines().slice(0, 7)).toEqual([
      'p1 c2s SYN mss=1460 MP_CAPABLE[4](v1 h)',
      'p1 s2c SYN,ACK mss=1460 MP_CAPABLE[12](v1 h key=Ks)',
      'p1 c2s ACK MP_CAPABLE[20](v1 h key=Kc rkey=Ks)',
      // the first data segment: both keys again, the implicit mapping DSN IDSN+1 <-> subflow seq 1
      'p1 c2s ACK len=1424 MP_CAPABLE[22](v1 h key=Kc rkey=Ks dll=1424)',
      // the 4th packet: a DATA_ACK in 8 bytes (the first mapping was a 64-bit one)
      'p1 s2c ACK DSS[12](ack64=1425)',
      // from then on a DSS per segment: 32-bit DATA_ACK (nothing received yet), 64-bit mapping
      'p1 c2s ACK len=1424 DSS[22](ack32=1 dsn64=1425 ssn=1425 dll=1424)',
      'p1 s2c ACK DSS[12](ack64=2849)',
    ]);
  });

  it('sends full-size MPTCP segments of 1424 bytes (1448 less the 24 bytes of DSS)', () => {
    const sizes = new Set(x.caps().filter((c) => c.dir === 'c2s' && c.pkt.payloadLen > 0).map((c) => c.pkt.payloadLen));
    expect(Math.max(...sizes)).toBe(1424);
  });

  it('has tokens and IDSNs that follow from the keys (SHA-256: token = first 32 bits, IDSN = last 64)', () => {
    expect(client.remoteKey).toBe(server.localKey);
    expect(server.remoteKey).toBe(client.localKey);
    expect(client.localToken).toBe(keyToToken(client.localKey));
    expect(server.localToken).toBe(keyToToken(server.localKey));
    expect(client.remoteToken).toBe(server.localToken);
    expect(client.localIdsn).toBe(keyToIdsn(client.localKey));
    expect(server.remoteIdsn).toBe(keyToIdsn(client.localKey));
    // the server's first DATA_ACK, as a raw 64-bit value: client IDSN + 1 + 1424
    const dss = x.caps().find((c) => c.dir === 's2c' && c.pkt.mptcp !== null && c.pkt.mptcp[0].kind === 'DSS');
    expect(dss?.pkt.mptcp?.[0].dataAck).toBe((keyToIdsn(client.localKey) + 1n + 1424n) & ((1n << 64n) - 1n));
    // the monitor events name each side's own token
    expect(x.trace.pmEvents.client.find((e) => e.type === 'CREATED')?.attrs.token).toBe(hex8(client.localToken));
    expect(x.trace.pmEvents.server.find((e) => e.type === 'CREATED')?.attrs.token).toBe(hex8(server.localToken));
  });

  it('makes the server fully established on the third ACK, the client only on the DSS DATA_ACK', () => {
    const thirdAckAtServer = x.caps('server').find((c) => c.dir === 'c2s' && c.pkt.flags === ACK && c.pkt.payloadLen === 0 && c.pkt.mptcp?.[0].kind === 'MP_CAPABLE');
    const dataAckAtClient = x.caps('client').find((c) => c.dir === 's2c' && c.pkt.mptcp?.[0].kind === 'DSS');
    expect(x.mptcpEvents('server', 'state')[0]).toBe('state closed→established.fullyEstablished');
    expect(mptcpEventTime(x.trace, 'server', 'state closed→established.fullyEstablished')).toBe(thirdAckAtServer?.t);
    expect(x.mptcpEvents('client', 'state').slice(0, 3)).toEqual([
      'state closed→synSent',
      'state synSent→established.preEstablished',
      'state established.preEstablished→established.fullyEstablished',
    ]);
    expect(mptcpEventTime(x.trace, 'client', 'state established.preEstablished→established.fullyEstablished')).toBe(dataAckAtClient?.t);
    // `ip mptcp monitor`: the client's ESTABLISHED comes with the DATA_ACK, the server's with the third ACK
    const at = (side: 'client' | 'server', type: string): number | undefined => x.trace.pmEvents[side].find((e) => e.type === type)?.t;
    expect(at('client', 'ESTABLISHED')).toBe(dataAckAtClient?.t);
    expect(at('server', 'CREATED')).toBe(thirdAckAtServer?.t);
    expect(at('server', 'ESTABLISHED')).toBe(thirdAckAtServer?.t);
    expect(x.pmEventTypes('client').slice(0, 2)).toEqual(['CREATED', 'ESTABLISHED']);
    expect(x.pmEventTypes('server').slice(0, 3)).toEqual(['LISTENER_CREATED', 'CREATED', 'ESTABLISHED']);
  });

  it('counts MPCapableSYNTX / SYNACKRX on the client and SYNRX / ACKRX on the server', () => {
    expect(x.mib('client')).toMatchObject({ MPCapableSYNTX: 1, MPCapableSYNACKRX: 1 });
    expect(x.mib('server')).toMatchObject({ MPCapableSYNRX: 1, MPCapableACKRX: 1 });
    expect(x.trace.app.client.sha256_sent).toBe(x.trace.app.server.sha256_received);
  });

  it('sends the same handshake packets as the kernel (a_aggregation, stream 0)', () => {
    const kernel = kernelRefSummary('a_aggregation').handshakes.find((h) => h.kind === 'MP_CAPABLE');
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const sim = runExchange(twoPathUpload(1_000_000));
    const ours = sim.caps().filter((c) => c.path === kernel.path).slice(0, kernel.packets.length);
    expect(ours.map(kernelStyleLine)).toEqual(kernel.packets.map((p) => kernelPacketLine(kernel.path, p)));
  });
});
