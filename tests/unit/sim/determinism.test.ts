import { describe, expect, it } from 'vitest';
import { run, scenario, tcpRaw } from '../../helpers/scenario';
import { runScenario } from '../../../src/core/sim/run';
import type { Trace } from '../../../src/core/sim/trace';

const lossy = tcpRaw({ paths: [{ delay_ms: 20, rate_mbit: 10, queue_pkts: 50, loss_pct: 2, jitter_ms: 3 }], app: { bytes: 500_000, client_proto: 'tcp', server_proto: 'tcp' } });
const fingerprint = (tr: Trace) => JSON.stringify(tr.captures.map((c) => [c.t, c.dir, c.pkt]));

describe('determinism: same scenario and seed, same run', () => {
  it('two runs with the same seed produce identical captures, events and app results', () => {
    const a = run(lossy, 5);
    const b = run(lossy, 5);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(a.app).toEqual(b.app);
  });

  it('a different seed with loss gives a different run', () => {
    expect(fingerprint(run(lossy, 5))).not.toBe(fingerprint(run(lossy, 6)));
  });

  it('a run stopped early is a prefix of the full run (the timeline can be recomputed and forked)', () => {
    const full = run(lossy, 5);
    const cut = full.captures.filter((c) => c.t <= 0.5e9);
    const part = runScenario(scenario(lossy), { seed: 5, captures: true, series: false, untilS: 0.5 });
    expect(part.status).toBe('until');
    expect(JSON.stringify(part.captures.map((c) => [c.t, c.pkt]))).toBe(JSON.stringify(cut.map((c) => [c.t, c.pkt])));
  });
});
