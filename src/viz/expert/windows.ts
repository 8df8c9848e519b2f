/**
 * Windows and timing chart model (issue 6 item 5): per TCP socket (subflow) the trace's series of
 * cwnd, ssthresh, srtt, RTO and packets in flight (recorded whenever cwnd or ssthresh changes), the
 * coupled congestion control's α when LIA/OLIA/BALIA runs (RFC 6356 §3 and the OLIA/BALIA papers),
 * and flight size per subflow against the connection's total and the peer's receive window (the
 * sender's snd_wnd, from the `tcp_info` samples).
 */
import type { Side, SocketSeries, Trace } from '../../core/sim/trace';

/** Linux's "no ssthresh yet" (TCP_INFINITE_SSTHRESH = 0x7fffffff). */
export const INFINITE_SSTHRESH = 0x7fffffff;

export interface SocketWindows {
  side: Side;
  sock: number;
  /** local → remote, from the run's samples (or `socket N` if it was never sampled). */
  label: string;
  /** MSS in bytes (for flight in bytes). */
  mss: number;
  series: SocketSeries;
  /** ssthresh with "infinite" as null. */
  ssthresh: (number | null)[];
}

export interface WindowsModel {
  sockets: SocketWindows[];
  /** Connection flight (sum over the side's sockets, bytes) at every series point of any of them. */
  flight: { t: Float64Array; bytes: Float64Array };
  /** The sender's view of the receive window (bytes), per sample time. */
  rwnd: { t: Float64Array; bytes: Float64Array };
  /** Some socket recorded a coupled-CC α. */
  coupled: boolean;
}

/** Socket labels and MSS of `side` from the checkpoints (every socket alive at a checkpoint). */
function socketInfo(trace: Trace): Map<string, { label: string; mss: number }> {
  const out = new Map<string, { label: string; mss: number }>();
  for (const cp of trace.checkpoints) {
    for (const s of cp.sockets) {
      const k = `${s.side}|${s.sock}`;
      if (!out.has(k) && s.local) out.set(k, { label: `${s.local} → ${s.remote}`, mss: s.snd_mss || 1448 });
    }
  }
  return out;
}

/** The windows of the sockets of `side` (the data sender's, usually). */
export function windowsModel(trace: Trace, side: Side): WindowsModel {
  const info = socketInfo(trace);
  const sockets: SocketWindows[] = trace.series
    .filter((s) => s.side === side && s.t.length > 0)
    .map((s) => {
      const i = info.get(`${s.side}|${s.sock}`);
      return {
        side: s.side,
        sock: s.sock,
        label: i?.label ?? `socket ${s.sock}`,
        mss: i?.mss ?? 1448,
        series: s,
        ssthresh: s.ssthresh.map((v) => (v >= INFINITE_SSTHRESH ? null : v)),
      };
    });
  // connection flight: merge the sockets' step functions
  const events: { t: number; k: number; bytes: number }[] = [];
  sockets.forEach((s, k) => s.series.t.forEach((t, i) => events.push({ t, k, bytes: s.series.inflight[i] * s.mss })));
  events.sort((a, b) => a.t - b.t || a.k - b.k);
  const cur = new Float64Array(sockets.length);
  let sum = 0;
  const ft: number[] = [];
  const fb: number[] = [];
  for (const e of events) {
    sum += e.bytes - cur[e.k];
    cur[e.k] = e.bytes;
    if (ft.length > 0 && ft[ft.length - 1] === e.t) fb[fb.length - 1] = sum;
    else {
      ft.push(e.t);
      fb.push(sum);
    }
  }
  const app = trace.app[side];
  const rt: number[] = [];
  const rb: number[] = [];
  for (const smp of app.samples) {
    if (smp.sf.length === 0) continue;
    rt.push(Math.round(smp.t * 1e9));
    rb.push(Math.max(...smp.sf.map((f) => f.snd_wnd)));
  }
  return {
    sockets,
    flight: { t: Float64Array.from(ft), bytes: Float64Array.from(fb) },
    rwnd: { t: Float64Array.from(rt), bytes: Float64Array.from(rb) },
    coupled: sockets.some((s) => (s.series.alpha?.length ?? 0) > 0 && s.series.alpha!.some((a) => a !== null)),
  };
}
