import { describe, expect, it } from 'vitest';
import { checkpointAt } from '../../../src/core/sim/checkpoint';
import { run, tcpRaw } from '../../helpers/scenario';

describe('checkpoints (periodic snapshots for seeking)', () => {
  const tr = run(tcpRaw({ app: { bytes: 1_000_000, client_proto: 'tcp', server_proto: 'tcp' }, events: [{ at: 0.5, action: 'link_down', path: 1 }, { at: 0.7, action: 'link_up', path: 1 }] }));

  it('are taken every analysis bin (0.1 s) from t0 to the end of the run', () => {
    const ts = tr.checkpoints.map((c) => c.t);
    expect(ts[0]).toBe(0);
    for (let i = 1; i < ts.length; i++) expect(ts[i] - ts[i - 1]).toBe(100_000_000);
    expect(ts.at(-1)!).toBeGreaterThan(tr.end - 100_000_001);
  });

  it('hold the sockets, link queues and application bytes at that instant', () => {
    const cp = checkpointAt(tr, 300_000_000)!;
    expect(cp.t).toBe(300_000_000);
    const client = cp.sockets.find((s) => s.side === 'client')!;
    expect(client.tcpState).toBe('established');
    expect(client.snd_cwnd).toBeGreaterThan(10);
    expect(cp.links[0].c2s).toBeGreaterThan(0);
    expect(cp.app.server.received).toBeGreaterThan(0);
    expect(cp.app.server.received).toBeLessThan(1_000_000);
    // the downed client interface shows in the checkpoint inside the outage only
    expect(checkpointAt(tr, 600_000_000)!.links[0].s2cUp).toBe(false);
    expect(checkpointAt(tr, 800_000_000)!.links[0].s2cUp).toBe(true);
  });

  it('checkpointAt(t) returns the last checkpoint at or before t, or null before the first', () => {
    expect(checkpointAt(tr, 349_999_999)!.t).toBe(300_000_000);
    expect(checkpointAt({ checkpoints: [] }, 5)).toBeNull();
    expect(checkpointAt(tr, -1)).toBeNull();
  });
});
