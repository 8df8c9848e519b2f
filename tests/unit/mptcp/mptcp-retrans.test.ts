/**
 * The MPTCP-level retransmission as Linux 6.18 does it (protocol.c __mptcp_retrans, pm.c
 * mptcp_pm_subflow_chk_stale), on kernel-ref's c_backup scenario: path 1 goes down at 2 s, path 2
 * is a backup.
 *   - each retransmission re-sends only the head fragment of the retransmit queue (dfrag.ts): from
 *     snd_una to the end of its 32728-byte fragment, never more — MPTCPRetrans moves by its segments;
 *   - the first period without progress already counts stale_count 1, so the backup may take the
 *     retransmission (min_stale_count > 1) at the second MPTCP timeout, not the third;
 *   - each timeout that finds an idle subflow retransmits, also after an earlier retransmission
 *     made progress (the timer is re-armed on progress, so firing means none since).
 * The real kernel (c_backup, 1 run): 3 retransmissions, 16 + 10 + 23 = 49 segments, the first at
 * 2.43 s; each ends at a fragment boundary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core/index';
import { MPTCP_DFRAG_DATA } from '../../../src/core/mptcp/dfrag';
import { KERNEL_REF } from '../../helpers/paths';
import { normaliseScenario } from '../../fidelity/normalise';

describe('c_backup: MPTCP-level retransmissions of the head fragment', () => {
  const raw = JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', 'c_backup.json'), 'utf8'));
  const result = simulate(normaliseScenario(raw), { seed: 1 });
  const retrans = result.trace.schedDecisions
    .filter((d) => d.kind === 'retrans' && d.side === 'client')
    .map((d) => ({ t: d.t, dsn: d.dsn ?? 0n, len: d.len ?? 0 }));
  const summary = result.summary as unknown as Record<string, any>;

  it('retransmits three times, each from snd_una to the end of its fragment at most', () => {
    expect(result.trace.status).toBe('ok');
    expect(retrans.length).toBe(3);
    for (const d of retrans) {
      expect(d.len).toBeGreaterThan(0);
      expect(d.len).toBeLessThanOrEqual(MPTCP_DFRAG_DATA);
    }
    // the fragments are cut at the same stream positions: every retransmission ends on a boundary
    // (the data behind snd_una was all sent), so the ends differ by whole fragments
    const ends = retrans.map((d) => d.dsn + BigInt(d.len));
    for (const e of ends) expect(Number(e - ends[0]) % MPTCP_DFRAG_DATA).toBe(0);
    expect(retrans.some((d) => d.len === MPTCP_DFRAG_DATA)).toBe(true);
  });

  it('MPTCPRetrans counts the segments re-sent (one per MSS), within 30 % of the kernel’s 49', () => {
    const segs = retrans.reduce((n, d) => n + Math.ceil(d.len / 1424), 0);
    expect(summary.kernel_counters.client.MPTcpExt.MPTCPRetrans).toBe(segs);
    expect(Math.abs(segs - 49)).toBeLessThanOrEqual(0.3 * 49);
  });

  it('the backup takes the first retransmission at the second MPTCP timeout after the link went down (kernel: 2.43 s)', () => {
    // each timeout is path 1's loss-probe time (≈ 2·srtt + 2 jiffies) as tcp_ack left it; the
    // simulator's path-1 srtt at 2 s is 126 ms against the kernel's 116 ms (kernel-ref ss), so its two
    // timeouts end ≈ 40 ms later
    const t = retrans[0].t / 1e9;
    expect(t).toBeGreaterThan(2.3);
    expect(t).toBeLessThan(2.55);
  });
});
