/**
 * OFOMerge's rule (tests/fidelity/skb-tailroom.ts) checked against the real kernel: the data
 * segments of a stored kernel-ref run (../shared/kernel-ref/results/<name>/merged-server.pcapng,
 * captured on the server's interfaces) are replayed in their order there through Linux's receive
 * path — TCP in-order delivery per subflow, then mptcp_data_queue_ofo with the coalescing rule
 * (continue ooo_last_skb exactly and fit the room after its frame; or, for an skb that goes before
 * ooo_last_skb, continue the skb the rbtree walk passes just before it, by the same rule) — and the
 * MPTcpExt counters OFOQueue, OFOQueueTail and OFOMerge that come out must be the kernel's own for
 * that run. The walk's merges are rare with two subflows on two paths (none in these five runs) and
 * common with several subflows per path: the PM scenario pm_fullmesh (four subflows on two paths,
 * kernel runs /tmp/s7/kruns/pm_fullmesh/kernel-seed3..8, not stored here) counts OFOMerge 6, 7, 6,
 * 5, 3, 6, and its captures replay to 4, 7, 6, 5, 3, 6 with them, 1, 0, 1, 1, 0, 1 without.
 *
 * For an upload the capture is the receiver's arrival order: OFOQueueTail and OFOMerge must match
 * (OFOQueue too where the kernel put every skb at the tail or nowhere; in a_aggregation and
 * b_handover it counted ≈ 100 more inserts before the tail than the capture order shows). For a
 * download (f_prio_blackhole_download) the capture is the sender's side, so the order is the send
 * order and OFOQueue/OFOQueueTail only come close; OFOMerge (which segments are short and follow a
 * full one) must still match.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skbTailroom } from './skb-tailroom';
import { KERNEL_REF } from '../helpers/paths';

const RESULTS = join(KERNEL_REF, 'results');

interface Seg {
  stream: number;
  seq: number;
  len: number;
  /** Relative data sequence number of its mapping (each segment has its own on kernel-ref: gso_max_segs 1), or null. */
  dsn: number | null;
  frame: number;
}

function segments(pcap: string, receiverAddrs: string[]): Seg[] {
  const filter = `tcp.len>0 && (${receiverAddrs.map((a) => `ip.dst==${a}`).join(' || ')})`;
  // tshark's defaults: data sequence numbers relative to the connection's IDSN, no mapping analysis
  const prefs = ['-o', 'mptcp.analyze_mptcp:FALSE', '-o', 'mptcp.relative_sequence_numbers:TRUE'];
  const r = spawnSync('tshark', ['-r', pcap, ...prefs, '-Y', filter, '-T', 'fields', '-e', 'tcp.stream', '-e', 'tcp.seq', '-e', 'tcp.len', '-e', 'mptcp.dss.dsn', '-e', 'frame.len'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw new Error(`tshark is needed for this test (CI installs it: apt-get install -y tshark): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tshark -r ${pcap} -Y '${filter}' failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [stream, seq, len, dsn, frame] = l.split('\t');
      return { stream: Number(stream), seq: Number(seq), len: Number(len), dsn: dsn ? Number(dsn) : null, frame: Number(frame) };
    });
}

interface OfoCounts {
  OFOQueue: number;
  OFOQueueTail: number;
  OFOMerge: number;
}

/** Linux's receive path, as far as these counters go (__mptcp_move_skb, mptcp_data_queue_ofo). */
function replay(segs: Seg[]): OfoCounts {
  const counts: OfoCounts = { OFOQueue: 0, OFOQueueTail: 0, OFOMerge: 0 };
  const subflows = new Map<number, { rcvNxt: number; held: Map<number, Seg> }>();
  let ackSeq = -1;
  // the out-of-order skbs, sorted: [start, end, room left after its frame]
  const ofo: [number, number, number][] = [];
  const mskRx = (dsn: number, s: Seg) => {
    const end = dsn + s.len;
    if (end <= ackSeq) return; // old data (DuplicateData)
    // in sequence — also a mapping that starts below ack_seq: the subflow skips its old part
    // (subflow_check_data_avail), the rest continues at ack_seq
    if (ackSeq < 0 || dsn <= ackSeq) {
      ackSeq = end;
      while (ofo.length > 0 && ofo[0][0] <= ackSeq) ackSeq = Math.max(ackSeq, ofo.shift()![1]);
      return;
    }
    counts.OFOQueue++;
    const last = ofo[ofo.length - 1];
    if (last === undefined) {
      ofo.push([dsn, end, skbTailroom(s.frame)]);
      return;
    }
    if (dsn === last[1] && s.len <= last[2]) {
      counts.OFOMerge++;
      counts.OFOQueueTail++;
      last[1] = end;
      last[2] -= s.len;
      return;
    }
    if (dsn >= last[1]) {
      counts.OFOQueueTail++;
      ofo.push([dsn, end, skbTailroom(s.frame)]);
      return;
    }
    if (ofo.some(([a, b]) => a <= dsn && end <= b)) return; // already there
    // the rbtree walk tries mptcp_ooo_try_coalesce on the skb it passes before the new one: the
    // one ending right where it starts, if any, takes it by the same rule
    const pred = ofo.find((x) => x[1] === dsn);
    if (pred !== undefined && s.len <= pred[2]) {
      counts.OFOMerge++;
      pred[1] = end;
      pred[2] -= s.len;
      return;
    }
    ofo.push([dsn, end, skbTailroom(s.frame)]);
    ofo.sort((x, y) => x[0] - y[0]);
  };
  for (const s of segs) {
    let sf = subflows.get(s.stream);
    if (sf === undefined) subflows.set(s.stream, (sf = { rcvNxt: s.seq, held: new Map() }));
    // the first data of the connection rides on MP_CAPABLE: its DSN is the first, relative 1
    const dsn = s.dsn ?? (ackSeq < 0 ? 1 : null);
    if (dsn === null || s.seq < sf.rcvNxt) continue;
    sf.held.set(s.seq, { ...s, dsn });
    for (let h = sf.held.get(sf.rcvNxt); h !== undefined; h = sf.held.get(sf.rcvNxt)) {
      sf.held.delete(sf.rcvNxt);
      sf.rcvNxt += h.len;
      mskRx(h.dsn!, h);
    }
  }
  return counts;
}

const CASES: { name: string; receiver: 'client' | 'server'; exact: (keyof OfoCounts)[] }[] = [
  { name: 'a_aggregation', receiver: 'server', exact: ['OFOQueueTail', 'OFOMerge'] },
  { name: 'b_handover', receiver: 'server', exact: ['OFOQueueTail', 'OFOMerge'] },
  { name: 'c_backup', receiver: 'server', exact: ['OFOQueue', 'OFOQueueTail', 'OFOMerge'] },
  { name: 'd_signal', receiver: 'server', exact: ['OFOQueue', 'OFOQueueTail', 'OFOMerge'] },
  { name: 'f_prio_blackhole_download', receiver: 'client', exact: ['OFOMerge'] },
];

describe.each(CASES)('kernel-ref $name: its captured segments through the OFO rule give the kernel counters', ({ name, receiver, exact }) => {
  const dir = join(RESULTS, name);
  const present = existsSync(join(dir, 'merged-server.pcapng')) && existsSync(join(dir, 'summary.json'));

  it.skipIf(!present)(`${exact.join(', ')} as the kernel counted them`, () => {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      kernel_counters: Record<string, { MPTcpExt_all?: Record<string, number> }>;
      scenario: { paths: { client_addr: string; server_addr: string }[] };
    };
    const addrs = summary.scenario.paths.map((p) => (receiver === 'server' ? p.server_addr : p.client_addr));
    const kernel = summary.kernel_counters[receiver].MPTcpExt_all ?? {};
    const got = replay(segments(join(dir, 'merged-server.pcapng'), [...new Set(addrs)]));
    console.log(`${name}: replay ${JSON.stringify(got)}, kernel OFOQueue ${kernel.OFOQueue ?? 0}, OFOQueueTail ${kernel.OFOQueueTail ?? 0}, OFOMerge ${kernel.OFOMerge ?? 0}`);
    for (const k of exact) expect(got[k], `${name} ${k}`).toBe(kernel[k] ?? 0);
  });
});
