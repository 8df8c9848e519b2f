/**
 * mptcpi_last_data_sent / last_data_recv / last_ack_recv as mptcp_diag_fill_info computes them:
 * jiffies_to_msecs(tcp_jiffies32 - msk->last_…) with HZ = 250, so whole 4 ms ticks between the tick
 * of the event and the tick of the getsockopt() call.
 */
import { describe, expect, it } from 'vitest';
import { jiffiesToMsecsSince } from '../../../src/core/mptcp/connection';
import { MS } from '../../../src/core/sim/time';

describe('jiffiesToMsecsSince', () => {
  it('counts whole jiffies between the two ticks, in ms', () => {
    expect(jiffiesToMsecsSince(0, 0)).toBe(0);
    expect(jiffiesToMsecsSince(1 * MS, 3.9 * MS)).toBe(0); // same tick
    expect(jiffiesToMsecsSince(3.9 * MS, 4.1 * MS)).toBe(4); // 0.2 ms apart but across a tick
    expect(jiffiesToMsecsSince(0, 1000 * MS)).toBe(1000);
    expect(jiffiesToMsecsSince(5 * MS, 1002 * MS)).toBe(996);
  });
  it('is never negative (an event stamped after the read)', () => {
    expect(jiffiesToMsecsSince(10 * MS, 2 * MS)).toBe(0);
  });
});
