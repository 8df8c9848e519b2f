/**
 * The addresses a capture shows on a path → that link's own (client_addr / server_addr) and its
 * extra addresses: the one in the same subnet as the other end's comes first, another path's own
 * address is not an extra one (weak host model: a join to 10.0.2.2 may run over path 1).
 */
import { describe, expect, it } from 'vitest';
import { linkAddresses, subnetKey } from '../../../src/core/capture/capture-scenario';

describe('linkAddresses', () => {
  it('fullmesh 2×2: each path keeps its own addresses, the other path’s are not extras', () => {
    const r = linkAddresses([
      { id: 1, ifName: 'srv-p1', clientAddrs: ['10.0.1.1'], serverAddrs: ['10.0.2.2', '10.0.1.2'] },
      { id: 2, ifName: 'srv-p2', clientAddrs: ['10.0.2.1'], serverAddrs: ['10.0.1.2', '10.0.2.2', '10.0.2.3'] },
    ]);
    expect(r.map((p) => [p.clientAddrs, p.serverAddrs])).toEqual([
      [['10.0.1.1'], ['10.0.1.2']],
      [['10.0.2.1'], ['10.0.2.2', '10.0.2.3']],
    ]);
  });
  it('a path whose own server address never shows keeps what it saw; no shared subnet keeps the order', () => {
    const r = linkAddresses([
      { id: 1, ifName: 'srv-p1', clientAddrs: ['10.0.1.1'], serverAddrs: ['10.0.1.2'] },
      { id: 2, ifName: 'srv-p2', clientAddrs: ['10.0.2.1'], serverAddrs: ['10.0.1.2'] },
      { id: 3, ifName: 'eth0', clientAddrs: ['192.168.1.5'], serverAddrs: ['203.0.113.7', '198.51.100.1'] },
    ]);
    expect(r.map((p) => p.serverAddrs)).toEqual([['10.0.1.2'], ['10.0.1.2'], ['203.0.113.7', '198.51.100.1']]);
  });
  it('IPv6: the /64 decides', () => {
    expect(subnetKey('2001:db8:0:1::2')).toBe('2001:db8:0:1');
    expect(subnetKey('2001:db8::1')).toBe('2001:db8:0:0');
    expect(subnetKey('10.0.3.2')).toBe('10.0.3');
    expect(subnetKey('not an address')).toBeNull();
    const r = linkAddresses([{ id: 1, ifName: 'eth0', clientAddrs: ['2001:db8:0:1::1'], serverAddrs: ['2001:db8:0:2::2', '2001:db8:0:1::2'] }]);
    expect(r[0].serverAddrs).toEqual(['2001:db8:0:1::2', '2001:db8:0:2::2']);
  });
});
