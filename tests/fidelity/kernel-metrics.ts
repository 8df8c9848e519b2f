/**
 * The numbers the fidelity tests compare, read out of a `kernel-ref-summary/1` object. The same
 * reader serves the real kernel's summary.json (../shared/kernel-ref) and the simulator's summary,
 * so both sides are measured by one definition. Fields the summary does not have are null.
 */

export interface CwndSample {
  t: number;
  cwnd: number | null;
  ssthresh: number | null;
  rtt_us: number | null;
}

export interface KernelRunMetrics {
  run: string;
  seed: number | null;
  kernel: string | null;
  /** client connect() → client t_done (see README: includes the apps' 100-ms sampler ticks). */
  duration_s: number | null;
  /** bytes_received · 8 / (receiver's last byte − client connected). */
  goodput_mbit: number | null;
  handshake_s: number | null;
  data_duration_s: number | null;
  /** The app timestamps behind those (seconds since connect()). */
  times: {
    client_connected: number | null;
    sender_last_send: number | null;
    receiver_last_byte: number | null;
    receiver_eof: number | null;
    client_eof: number | null;
    client_done: number | null;
    server_done: number | null;
  };
  /**
   * Payload bytes tshark marked as (fast) retransmissions, data direction, all subflows. Seen at the
   * capture point (server side by default), so a retransmission of a segment lost before the capture
   * point is not counted: this under-counts; `sender_retrans` is the sender's own count.
   */
  retransmitted_bytes: number | null;
  /** The sender's retransmissions: Tcp.RetransSegs delta and tcp_info bytes_retrans at the end. */
  sender_retrans: { segs: number | null; bytes: number | null };
  /** Packets seen at the capture point on path 1, per direction. */
  packets: { c2s: number; s2c: number } | null;
  /** Link-emulator drops on path 1, per direction. */
  drops: { c2s: { loss: number; queue: number }; s2c: { loss: number; queue: number } } | null;
  /** Payload bytes per analysis.bin_s bin in the data direction (all paths). */
  series_bytes: number[];
  bin_s: number;
  /** The sender's tcp_info samples of its (first) subflow. */
  sender_samples: CwndSample[];
  /** Selected TcpExt counters of the sender and the receiver. */
  counters: { sender: Record<string, number>; receiver: Record<string, number> };
}

const SENDER_COUNTERS = ['TCPHystartTrainDetect', 'TCPHystartTrainCwnd', 'TCPHystartDelayDetect', 'TCPHystartDelayCwnd', 'TCPSackRecovery', 'TCPFastRetrans', 'TCPLossProbes', 'TCPTimeouts', 'TCPPureAcks', 'TCPOrigDataSent', 'TCPDelivered'];
const RECEIVER_COUNTERS = ['DelayedACKs', 'TCPOFOQueue', 'TCPAckCompressed', 'TCPDSACKOldSent', 'TCPPureAcks'];

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function pick(src: Record<string, unknown> | undefined, keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) {
    const v = num(src?.[k]);
    if (v !== null) out[k] = v;
  }
  return out;
}

function sumSeries(series: number[][]): number[] {
  const n = Math.max(0, ...series.map((s) => s.length));
  const out = new Array<number>(n).fill(0);
  for (const s of series) s.forEach((v, i) => (out[i] += v));
  return out;
}

export function kernelRunMetrics(summary: Record<string, any>, run: string): KernelRunMetrics {
  const app = summary.app ?? {};
  const dataDir: 'c2s' | 's2c' = summary.data_direction ?? (app.direction === 'download' ? 's2c' : 'c2s');
  const upload = dataDir === 'c2s';
  const client = app.client ?? {};
  const server = app.server ?? {};
  const sender = upload ? client : server;
  const receiver = upload ? server : client;
  const paths: any[] = Array.isArray(summary.paths) ? summary.paths : [];
  const subflows: any[] = Array.isArray(summary.subflows) ? summary.subflows : [];
  const wire1 = summary.wire?.paths?.['1'];
  const counters = summary.kernel_counters ?? {};
  const retx = subflows.map((s) => num(s.retransmitted_payload_bytes?.[dataDir]));
  return {
    run,
    seed: num(summary.scenario?.seed),
    kernel: summary.environment?.kernel ?? null,
    duration_s: num(app.duration_s),
    goodput_mbit: num(app.goodput_mbit),
    handshake_s: num(app.handshake_s),
    data_duration_s: num(app.data_duration_s),
    times: {
      client_connected: num(client.t_connected),
      sender_last_send: num(sender.t_last_send),
      receiver_last_byte: num(receiver.t_last_byte),
      receiver_eof: num(receiver.t_eof),
      client_eof: num(client.t_eof),
      client_done: num(client.t_done),
      server_done: num(server.t_done),
    },
    retransmitted_bytes: retx.length > 0 && retx.every((v) => v !== null) ? retx.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
    sender_retrans: {
      segs: num(counters[upload ? 'client' : 'server']?.Tcp?.RetransSegs) ?? (counters[upload ? 'client' : 'server']?.Tcp ? 0 : null),
      bytes: num(sender.subflows_end?.[0]?.bytes_retrans),
    },
    packets: paths[0]?.packets ? { c2s: paths[0].packets.c2s, s2c: paths[0].packets.s2c } : null,
    drops: wire1
      ? {
          c2s: { loss: wire1.c2s.drop_loss ?? 0, queue: wire1.c2s.drop_queue ?? 0 },
          s2c: { loss: wire1.s2c.drop_loss ?? 0, queue: wire1.s2c.drop_queue ?? 0 },
        }
      : null,
    series_bytes: sumSeries(paths.map((p) => (p.series_bytes?.[dataDir] ?? []) as number[])),
    bin_s: num(summary.bin_s) ?? num(summary.scenario?.analysis?.bin_s) ?? 0.1,
    sender_samples: ((sender.samples ?? []) as any[]).map((s) => {
      const sf = Array.isArray(s.sf) ? s.sf[0] : undefined;
      return { t: s.t, cwnd: num(sf?.snd_cwnd), ssthresh: num(sf?.snd_ssthresh), rtt_us: num(sf?.rtt_us) };
    }),
    counters: {
      sender: pick(counters[upload ? 'client' : 'server']?.TcpExt, SENDER_COUNTERS),
      receiver: pick(counters[upload ? 'server' : 'client']?.TcpExt, RECEIVER_COUNTERS),
    },
  };
}

/**
 * Seconds from the client's connect() call to `t` (a time of the summary's time base). The
 * summaries count from t0, the moment the harness told the client to connect; on a loaded machine
 * kernel-ref's client may call connect() later (up to 0.15 s in the stored runs), which this removes.
 */
export function sinceConnect(m: KernelRunMetrics, t: number | null): number | null {
  if (t === null || m.times.client_connected === null || m.handshake_s === null) return null;
  return t - (m.times.client_connected - m.handshake_s);
}

export interface Stats {
  n: number;
  mean: number;
  min: number;
  max: number;
}

export function stats(values: (number | null)[]): Stats {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { n: 0, mean: NaN, min: NaN, max: NaN };
  return { n: xs.length, mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}
