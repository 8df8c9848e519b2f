/**
 * When Linux 6.18 gives a dead path up, and what that does to the MPTCP volume counters, on
 * kernel-ref's b_handover (the client's path-1 interface goes down at 2 s during a 7 MB upload),
 * c_backup (the same with path 2 a backup) and a_aggregation. Kernel facts from ftrace of the real
 * runs (timer:timer_start/timer_expire_entry for mptcp_retransmit_timer and tcp_write_timer,
 * mptcp:mptcp_sendmsg_frag, tcp:tcp_retransmit_skb; kernel-ref b_handover, 2026-11-24):
 *   - the subflow on the downed interface: its loss probe cannot leave (tcp_transmit_skb fails with
 *     EHOSTUNREACH), so tcp_send_loss_probe re-arms the RTO from the head's transmission, long past:
 *     the RTO fires at once (2.159 → 2.167 s), then backs off 0.66 s, 1.34 s;
 *   - the app's data was all mapped onto subflows before the first MPTCP timeout (sk_sndbuf never
 *     shrinks: tcp_sndbuf_expand only grows it), so timer_ival stays what the last send decision
 *     computed: the largest time left on a subflow's timer as tcp_ack left it — path 2's loss-probe
 *     timer, then path 1's backed-off RTO (564 ms) — and the first retransmission goes out at
 *     2.99–3.03 s, the stale marking at 3.94–4.29 s;
 *   - a send decision hands its subflow whole send-queue fragments (__subflow_push_pending);
 *   - a subflow idle since its handshake still holds the handshake's window: the first data on it
 *     raises snd_wnd to the connection's (mptcp_check_allowed_size, SndWndShared), and its receiver
 *     raises its window to the connection's edge while its own rcv_ssthresh is still small
 *     (mptcp_set_rwin, RcvWndShared).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/core/index';
import { SendFrags } from '../../../src/core/mptcp/dfrag';
import { KERNEL_REF } from '../../helpers/paths';
import { run, tcpRaw } from '../../helpers/scenario';
import { normaliseScenario } from '../../fidelity/normalise';

const S = 1e9;

function shared(name: string) {
  const raw = JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', `${name}.json`), 'utf8'));
  const result = simulate(normaliseScenario(raw), { seed: 1 });
  const summary = result.summary as unknown as Record<string, any>;
  return { result, summary };
}

describe('a loss probe on a downed interface is not sent: the RTO follows at once (tcp_send_loss_probe → rearm_timer)', () => {
  const down = 0.5;
  const tr = run(
    tcpRaw({
      app: { bytes: 2_000_000, client_proto: 'tcp', server_proto: 'tcp', congestion_control: 'cubic' },
      events: [
        { at: down, action: 'link_down', path: 1, side: 'client' },
        { at: 3, action: 'link_up', path: 1, side: 'client' },
      ],
    }),
  );
  const rec = tr.events.filter((e) => e.type === 'recovery' && e.side === 'client' && e.t > down * S) as { t: number; kind: string }[];

  it('no loss probe after the interface went down; the first RTO within a probe timeout of it, then doubling', () => {
    expect(rec.some((e) => e.kind === 'tlp')).toBe(false);
    const rtos = rec.filter((e) => e.kind === 'rto').map((e) => e.t / S);
    expect(rtos.length).toBeGreaterThanOrEqual(3);
    // the probe timer (≈ 2·srtt, under 0.25 s here) runs out, and the RTO fires in the same jiffy
    expect(rtos[0] - down).toBeLessThan(0.25);
    const g1 = rtos[1] - rtos[0];
    const g2 = rtos[2] - rtos[1];
    expect(g2 / g1).toBeGreaterThan(1.9);
    expect(g2 / g1).toBeLessThan(2.1);
  });
});

describe('b_handover: when path 1 is given up', () => {
  const { result } = shared('b_handover');
  const decisions = result.trace.schedDecisions.filter((d) => d.side === 'client');
  const retrans = decisions.filter((d) => d.kind === 'retrans');
  const stale = result.trace.events.filter((e) => e.type === 'mptcp' && e.side === 'client' && e.ev.type === 'subflow' && e.ev.what === 'stale');

  it('the first MPTCP-level retransmission goes out when the kernel’s does (2.99–3.03 s)', () => {
    expect(retrans.length).toBeGreaterThan(0);
    const t = retrans[0].t / S;
    expect(t).toBeGreaterThan(2.95);
    expect(t).toBeLessThan(3.2);
  });

  it('no new data is mapped between the first MPTCP timeout (≈ 2.45 s) and that retransmission: the send buffer did not shrink with path 1’s cwnd', () => {
    const first = retrans[0].t;
    const sends = decisions.filter((d) => d.kind === 'send' && d.t > 2.45 * S && d.t < first);
    expect(sends).toEqual([]);
  });

  it('path 1 is marked stale once, at the fifth timeout without progress (kernel 3.94–4.29 s)', () => {
    expect(stale.length).toBe(1);
    const t = stale[0].t / S;
    expect(t).toBeGreaterThan(3.8);
    expect(t).toBeLessThan(4.4);
  });
});

describe('a_aggregation: a send decision hands over whole send-queue fragments', () => {
  // where the send queue's fragments begin (SendFrags.copy carving one), read while the run goes
  const fragStarts = new Set<number>();
  const copy = SendFrags.prototype.copy;
  SendFrags.prototype.copy = function (this: SendFrags, ...args: Parameters<SendFrags['copy']>) {
    copy.apply(this, args);
    const starts = (this as unknown as { starts: number[] }).starts;
    fragStarts.add(starts[starts.length - 1]);
  };
  let ran: ReturnType<typeof shared>;
  try {
    ran = shared('a_aggregation');
  } finally {
    SendFrags.prototype.copy = copy;
  }
  const { result } = ran;
  const sends = result.trace.schedDecisions.filter((d) => d.side === 'client' && d.kind === 'send' && d.dsn !== undefined && d.len !== undefined);

  it('within one push, a decision followed by another ends on a fragment boundary (never cut short by the subflow’s buffer)', () => {
    expect(sends.length).toBeGreaterThan(50);
    const base = sends[0].dsn!;
    let followed = 0;
    for (let i = 0; i + 1 < sends.length; i++) {
      const d = sends[i];
      const next = sends[i + 1];
      const end = Number(d.dsn! - base) + d.len!;
      // the next decision of the same push continues where this one stopped
      if (next.t !== d.t || Number(next.dsn! - base) !== end) continue;
      followed++;
      expect(fragStarts.has(end), `decision at ${d.t} ns ends inside a fragment`).toBe(true);
    }
    expect(followed).toBeGreaterThan(10);
  });
});

describe('c_backup: the backup subflow, idle since its handshake, takes over', () => {
  const { summary } = shared('c_backup');
  const client = summary.kernel_counters.client.MPTcpExt as Record<string, number>;
  const server = summary.kernel_counters.server.MPTcpExt as Record<string, number>;

  it('its first data raises its send window to the connection’s: SndWndShared moves (kernel: 3)', () => {
    expect(client.SndWndShared ?? 0).toBeGreaterThanOrEqual(1);
    expect(client.SndWndShared ?? 0).toBeLessThanOrEqual(6);
  });

  it('its receiver raises its window to the shared edge while its rcv_ssthresh grows: RcvWndShared within 30 % of the kernel’s 616', () => {
    expect(Math.abs((server.RcvWndShared ?? 0) - 616)).toBeLessThanOrEqual(0.3 * 616);
  });
});
