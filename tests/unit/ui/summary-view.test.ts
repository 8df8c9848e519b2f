import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { toSummaryView } from '../../../src/ui/summary-view';

// A real kernel run of the app's default scenario (plain TCP, 10 Mbit/s, 20 ms, 1 MB upload).
const kernel = JSON.parse(
  readFileSync(new URL('../../fidelity/kernel-ref/tcp_10m_20ms_1mb/summary.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('toSummaryView', () => {
  it('reads the headline numbers of a kernel-ref summary', () => {
    const v = toSummaryView(kernel);
    const app = kernel.app as Record<string, unknown>;
    expect(v.dataDir).toBe('c2s');
    expect(v.goodputMbit).toBe(app.goodput_mbit);
    expect(v.durationS).toBe(app.duration_s);
    expect(v.handshakeS).toBe(app.handshake_s);
    expect(v.bytesSent).toBe(app.bytes_sent);
    expect(v.bytesReceived).toBe(app.bytes_received);
    expect(v.streamIntact).toBe(true);
  });

  it('reads per-subflow columns in the data direction', () => {
    const v = toSummaryView(kernel);
    const sf = (kernel.subflows as Record<string, any>[])[0];
    expect(v.subflows).toHaveLength((kernel.subflows as unknown[]).length);
    expect(v.subflows[0]).toEqual({
      stream: sf.stream,
      fourTuple: {
        client: `${sf.four_tuple.client_ip}:${sf.four_tuple.client_port}`,
        server: `${sf.four_tuple.server_ip}:${sf.four_tuple.server_port}`,
      },
      kind: 'TCP',
      payloadBytes: sf.payload_bytes.c2s,
      retransmittedBytes: sf.retransmitted_payload_bytes.c2s,
      firstPayloadS: sf.first_payload_t.c2s,
      lastPayloadS: sf.last_payload_t.c2s,
    });
  });

  it('an IPv6 four_tuple (an imported capture) shows its addresses in brackets before the port (RFC 5952 §6)', () => {
    const v = toSummaryView({ subflows: [{ stream: 0, four_tuple: { client_ip: '2001:db8:1::1', client_port: 40000, server_ip: '2001:db8:1::2', server_port: 5201 } }] });
    expect(v.subflows[0].fourTuple).toEqual({ client: '[2001:db8:1::1]:40000', server: '[2001:db8:1::2]:5201' });
  });

  it('falls back to the client/server "ip:port" strings when there is no four_tuple object', () => {
    const v = toSummaryView({ subflows: [{ stream: 1, client: '10.0.2.1:4000', server: '10.0.1.2:5201' }] });
    expect(v.subflows[0].fourTuple).toEqual({ client: '10.0.2.1:4000', server: '10.0.1.2:5201' });
  });

  it('uses the s2c columns for a download', () => {
    const v = toSummaryView({
      app: { direction: 'download' },
      subflows: [{ stream: 3, payload_bytes: { c2s: 0, s2c: 500 }, first_payload_t: { c2s: null, s2c: 0.5 } }],
    });
    expect(v.dataDir).toBe('s2c');
    expect(v.subflows[0].payloadBytes).toBe(500);
    expect(v.subflows[0].firstPayloadS).toBe(0.5);
  });

  it('turns missing, null or mistyped fields into null instead of inventing values', () => {
    const v = toSummaryView({ app: { goodput_mbit: null, duration_s: 'x', stream_equal: 'yes' }, subflows: [null, {}] });
    expect(v.goodputMbit).toBeNull();
    expect(v.durationS).toBeNull();
    expect(v.streamIntact).toBeNull();
    expect(v.subflows).toEqual([
      { stream: 0, fourTuple: null, kind: null, payloadBytes: null, retransmittedBytes: null, firstPayloadS: null, lastPayloadS: null },
    ]);
    expect(toSummaryView(null).subflows).toEqual([]);
  });
});
