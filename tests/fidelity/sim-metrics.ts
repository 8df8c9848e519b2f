/**
 * The fidelity metrics of a simulator run: `kernelRunMetrics` over the simulator's kernel-ref-summary/1,
 * completed from the trace where the summary does not (yet) carry a field, so that the comparison
 * with the kernel uses the kernel harness's own definitions:
 *   duration_s   = client t_done − client t_connect_start
 *   goodput_mbit = bytes received · 8 / (receiver's t_last_byte − client t_connected)
 *   handshake_s  = client t_connected − client t_connect_start
 *   series_bytes = payload bytes per analysis.bin_s in the data direction, stamped where kernel-ref's
 *                  server-side capture stamps them (c2s on arrival at the server, s2c on leaving it).
 */
import type { SimResult, Trace } from '../../src/core/index';
import { kernelRunMetrics, type KernelRunMetrics } from './kernel-metrics';

function seriesFromCaptures(trace: Trace, dataDir: 'c2s' | 's2c', binS: number): number[] {
  const out: number[] = [];
  const binNs = binS * 1e9;
  for (const c of trace.captures) {
    if (c.dir !== dataDir || c.side !== 'server') continue;
    const len = c.pkt.payloadLen;
    if (len <= 0) continue;
    const i = Math.floor(c.t / binNs);
    while (out.length <= i) out.push(0);
    out[i] += len;
  }
  return out;
}

export function simRunMetrics(result: SimResult, run = `sim-seed${result.seed}`): KernelRunMetrics {
  const m = kernelRunMetrics((result.summary ?? {}) as Record<string, any>, run);
  const { client, server } = result.trace.app;
  const upload = result.scenario.app.direction === 'upload';
  const rcv = upload ? server : client;
  m.seed = result.seed;
  if (m.handshake_s === null && client.t_connected !== null && client.t_connect_start !== null) {
    m.handshake_s = client.t_connected - client.t_connect_start;
  }
  if (m.duration_s === null && client.t_done !== null && client.t_connect_start !== null) {
    m.duration_s = client.t_done - client.t_connect_start;
  }
  if (m.goodput_mbit === null && rcv.t_last_byte !== null && client.t_connected !== null && rcv.bytes_received > 0) {
    const dt = rcv.t_last_byte - client.t_connected;
    m.data_duration_s = dt;
    m.goodput_mbit = dt > 0 ? (rcv.bytes_received * 8) / dt / 1e6 : null;
  }
  m.times.client_connected ??= client.t_connected;
  m.times.receiver_last_byte ??= rcv.t_last_byte;
  m.times.client_eof ??= client.t_eof;
  m.times.client_done ??= client.t_done;
  m.times.server_done ??= server.t_done;
  if (m.series_bytes.length === 0) m.series_bytes = seriesFromCaptures(result.trace, upload ? 'c2s' : 's2c', result.scenario.analysis.bin_s);
  if (m.sender_samples.length === 0) {
    const snd = upload ? client : server;
    m.sender_samples = snd.samples.map((s) => ({ t: s.t, cwnd: s.sf[0]?.snd_cwnd ?? null, ssthresh: s.sf[0]?.snd_ssthresh ?? null, rtt_us: s.sf[0]?.rtt_us ?? null }));
  }
  return m;
}
