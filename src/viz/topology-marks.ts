/**
 * The packets on the wires at time t, as a stream of marks for a painter (the topology's <canvas>,
 * topology-canvas.ts): no arrays are built per frame, so playing allocates nothing per packet. The
 * cost is the packets that started within a lane's longest wire time before t (binary searches in
 * the model's sorted typed arrays), never the whole trace.
 *
 * Same packets, same positions and the same even thinning as topology-model.ts's `packetsOnWire`.
 */
import { bisectLeft, bisectRight } from 'd3-array';
import type { Lane, TopologyModel } from './topology-model';
import { wireX, type TopologyLayout } from './topology-layout';

/** Receives one mark: subflow index, centre (CSS px), index into model.packets. */
export type MarkSink = (sf: number, x: number, y: number, key: number) => void;

export interface MarksDrawn {
  /** Marks handed to the sink (after thinning). */
  drawn: number;
  /** Packets on all wires (before thinning). */
  inFlight: number;
  /** Bit i set when subflow i has a mark drawn (subflows ≥ 31 share bit 31). */
  subflowBits: number;
}

/** Packets of `lane` on the wire at t (wireStart ≤ t < wireEnd). */
export function countOnWire(lane: Lane, t: number): number {
  const from = bisectLeft(lane.wireStart, t - lane.maxWire);
  const to = bisectRight(lane.wireStart, t);
  let n = 0;
  for (let i = from; i < to; i++) if (lane.wireEnd[i] > t) n++;
  return n;
}

/**
 * Hand every packet on a wire at t to `sink` (at most `maxPerLane` per lane, evenly thinned as
 * packetsOnWire thins), lane by lane in model order, packets in wire-start order.
 */
export function forEachMark(model: TopologyModel, layout: TopologyLayout, t: number, maxPerLane: number, sink: MarkSink): MarksDrawn {
  let drawn = 0;
  let inFlight = 0;
  let subflowBits = 0;
  const nPaths = Math.min(layout.paths.length, model.lanes.length / 2);
  for (let li = 0; li < nPaths * 2; li++) {
    const lane = model.lanes[li];
    const g = layout.paths[lane.path - 1].lanes[lane.dir];
    const from = bisectLeft(lane.wireStart, t - lane.maxWire);
    const to = bisectRight(lane.wireStart, t);
    let n = 0;
    for (let i = from; i < to; i++) if (lane.wireEnd[i] > t) n++;
    inFlight += n;
    if (n === 0 || maxPerLane <= 0) continue;
    // the k-th visible packet is shown when k = floor(j · step) for some j (packetsOnWire's thinning)
    const thin = n > maxPerLane;
    const step = n / maxPerLane;
    let k = 0;
    let j = 0;
    let next = 0;
    for (let i = from; i < to && j < (thin ? maxPerLane : n); i++) {
      const s = lane.wireStart[i];
      const e = lane.wireEnd[i];
      if (e <= t) continue;
      if (!thin || k === next) {
        const sf = lane.sf[i];
        sink(sf, wireX(g, e > s ? (t - s) / (e - s) : 1), g.y, lane.pkt[i]);
        subflowBits |= 1 << Math.min(31, Math.max(0, sf));
        drawn++;
        j++;
        next = Math.floor(j * step);
      }
      k++;
    }
  }
  return { drawn, inFlight, subflowBits };
}
