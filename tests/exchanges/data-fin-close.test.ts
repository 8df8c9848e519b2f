/**
 * Closing at the data level (RFC 8684 §3.3.3; kernel.md §8): the sender's DATA_FIN (DSS flag F)
 * after its data, on a pure ACK (data_len 1, subflow seq 0) and on its last mapping (data_len + 1),
 * acknowledged by a DATA_ACK one past it; the receiver's own DATA_FIN; TCP FINs on the subflows only
 * once the MPTCP socket is closed. The sender goes ESTABLISHED → FIN_WAIT1 → FIN_WAIT2 → CLOSE,
 * the receiver ESTABLISHED → CLOSE_WAIT → LAST_ACK → CLOSE; each sends a CLOSED monitor event.
 */
import { describe, expect, it } from 'vitest';
import { FIN, RST } from '../../src/core/net/packet';
import type { CaptureRecord } from '../../src/core/sim/trace';
import { firstTime, mptcpEventTime, onePathUpload, optionOf, renderPacket, runExchange, twoPathUpload } from '../helpers/exchange';

const BYTES = 100_000;
const dataFin = (c: CaptureRecord): boolean => optionOf(c.pkt, 'DSS')?.dataFin === true;
const fin = (c: CaptureRecord): boolean => (c.pkt.flags & FIN) !== 0;

describe('DATA_FIN close', () => {
  const x = runExchange(onePathUpload(BYTES));
  const lines = x.lines();
  const at = (line: string): number => lines.indexOf(line);

  it("sends the client's DATA_FIN on a pure ACK and on the last mapping", () => {
    // 100000 bytes: DSNs 1..100000 relative to the client's IDSN, the DATA_FIN takes DSN 100001
    expect(lines).toContain('p1 c2s ACK DSS[22](ack32=1 dsn64=100001 ssn=0 dll=1 F)');
    expect(lines).toContain('p1 c2s ACK len=320 DSS[22](ack32=1 dsn64=99681 ssn=99681 dll=321 F)');
    expect(x.lines((c) => c.dir === 'c2s' && dataFin(c))).toHaveLength(2);
  });

  it('acknowledges it with DATA_ACK 100002 once all data is in, then sends the server DATA_FIN', () => {
    const last = at('p1 c2s ACK len=320 DSS[22](ack32=1 dsn64=99681 ssn=99681 dll=321 F)');
    expect(lines[last + 1]).toBe('p1 s2c ACK DSS[12](ack64=100002)');
    expect(lines.slice(0, last + 1).some((l) => l.includes('ack64=100002'))).toBe(false);
    // the server sent nothing: its DATA_FIN is DSN 1, a pure ACK with data_len 1 and subflow seq 0
    const serverFin = at('p1 s2c ACK DSS[26](ack64=100002 dsn64=1 ssn=0 dll=1 F)');
    expect(serverFin).toBeGreaterThan(last);
    expect(x.lines((c) => c.dir === 's2c' && dataFin(c))).toHaveLength(1);
    // acknowledged by the client's DATA_ACK 2, which rides on its TCP FIN
    expect(lines[serverFin + 1]).toMatch(/^p1 c2s FIN,ACK DSS\[(8|12)\]\(ack(32|64)=2\)$/);
  });

  it('sends TCP FINs only after both DATA_FINs, the server last', () => {
    const firstFin = x.caps().findIndex(fin);
    const serverDataFin = x.caps().findIndex((c) => c.dir === 's2c' && dataFin(c));
    expect(firstFin).toBeGreaterThan(serverDataFin);
    expect(x.caps().filter(fin).map((c) => renderPacket(c, x.ctx).replace(/ DSS.*$/, ''))).toEqual(['p1 c2s FIN,ACK', 'p1 s2c FIN,ACK']);
    expect(x.caps().filter((c) => c.pkt.flags & RST)).toEqual([]);
  });

  it('walks the MPTCP close states at the packets that drive them', () => {
    expect(x.mptcpEvents('client', 'state')).toEqual([
      'state closed→synSent',
      'state synSent→established.preEstablished',
      'state established.preEstablished→established.fullyEstablished',
      'state established.fullyEstablished→finWait1',
      'state finWait1→finWait2',
      'state finWait2→closed',
    ]);
    expect(x.mptcpEvents('server', 'state')).toEqual([
      'state closed→established.fullyEstablished',
      'state established.fullyEstablished→closeWait',
      'state closeWait→lastAck',
      'state lastAck→closed',
    ]);
    const cli = x.caps('client');
    const srv = x.caps('server');
    const t = (side: 'client' | 'server', what: string): number => mptcpEventTime(x.trace, side, what);
    // client: FIN_WAIT1 when its DATA_FIN leaves, FIN_WAIT2 when DATA_ACK 100002 arrives, CLOSE on the server's DATA_FIN
    expect(t('client', 'state established.fullyEstablished→finWait1')).toBe(firstTime(cli, (c) => c.dir === 'c2s' && dataFin(c)));
    expect(t('client', 'state finWait1→finWait2')).toBe(firstTime(cli, (c) => c.dir === 's2c' && renderPacket(c, x.ctx).includes('ack64=100002')));
    expect(t('client', 'state finWait2→closed')).toBe(firstTime(cli, (c) => c.dir === 's2c' && dataFin(c)));
    // server: CLOSE_WAIT when the last mapping (with F) completes the stream, LAST_ACK when it sends its DATA_FIN, CLOSE on DATA_ACK 2
    expect(t('server', 'state established.fullyEstablished→closeWait')).toBe(firstTime(srv, (c) => c.dir === 'c2s' && c.pkt.payloadLen > 0 && dataFin(c)));
    expect(t('server', 'state closeWait→lastAck')).toBe(firstTime(srv, (c) => c.dir === 's2c' && dataFin(c)));
    expect(t('server', 'state lastAck→closed')).toBe(firstTime(srv, (c) => c.dir === 'c2s' && fin(c)));
    // each side's subflow FIN leaves when its MPTCP socket closes
    expect(firstTime(cli, (c) => c.dir === 'c2s' && fin(c))).toBe(t('client', 'state finWait2→closed'));
    expect(firstTime(srv, (c) => c.dir === 's2c' && fin(c))).toBe(t('server', 'state lastAck→closed'));
  });

  it('reports CLOSED in `ip mptcp monitor` on each side, once', () => {
    // (when: the kernel sends it at the application's close(), see the report; not asserted here)
    expect(x.pmEventTypes('client').filter((t) => t === 'CLOSED')).toHaveLength(1);
    expect(x.pmEventTypes('server').filter((t) => t === 'CLOSED')).toHaveLength(1);
    expect(x.pmEventTypes('client').slice(0, 2)).toEqual(['CREATED', 'ESTABLISHED']);
    expect(x.trace.pmEvents.client.find((e) => e.type === 'CLOSED')?.attrs).toEqual({ token: x.trace.pmEvents.client[0].attrs.token });
    expect(x.trace.pmEvents.server.find((e) => e.type === 'CLOSED')?.attrs).toEqual({ token: x.trace.pmEvents.server[1].attrs.token });
    expect(x.trace.app.client.sha256_sent).toBe(x.trace.app.server.sha256_received);
  });

  it('sends DATA_FIN on every subflow, and closes every subflow with a FIN', () => {
    // 1 MB, so that the join is up before the client's data is all mapped
    const y = runExchange(twoPathUpload(1_000_000));
    for (const path of [1, 2]) {
      const on = (c: CaptureRecord): boolean => c.path === path;
      expect(y.lines((c) => on(c) && c.dir === 'c2s' && c.pkt.payloadLen === 0 && dataFin(c))).toEqual([`p${path} c2s ACK DSS[22](ack32=1 dsn64=1000001 ssn=0 dll=1 F)`]);
      expect(y.lines((c) => on(c) && c.dir === 's2c' && dataFin(c))).toEqual([`p${path} s2c ACK DSS[26](ack64=1000002 dsn64=1 ssn=0 dll=1 F)`]);
      // (in the server's capture the client's FIN on the 40 ms path arrives after the server's leaves)
      expect(y.lines((c) => on(c) && fin(c)).map((l) => l.replace(/ DSS.*$/, '')).sort()).toEqual([`p${path} c2s FIN,ACK`, `p${path} s2c FIN,ACK`]);
    }
    expect(y.trace.app.client.sha256_sent).toBe(y.trace.app.server.sha256_received);
  });
});
