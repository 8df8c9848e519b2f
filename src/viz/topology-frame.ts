/**
 * One picture of the topology at time t: where each packet on a wire is, the drops that just
 * happened, each lane's queue, shape and counters, each link's state. Pure; its cost is the packets
 * and drops visible at t (binary searches in the model), never the whole trace.
 */
import type { Dir } from '../core/sim/trace';
import type { Shape } from '../core/scenario/types';
import { dropX, wireX, type TopologyLayout } from './topology-layout';
import {
  DROP_REASONS,
  dropCountsAt,
  laneIndex,
  linkStateAt,
  packetsOnWire,
  queueAt,
  recentDrops,
  shapeAt,
  type DropReason,
  type TopologyModel,
} from './topology-model';
import { countOnWire } from './topology-marks';

export interface PacketMark {
  /** Stable key: index into model.packets. */
  key: number;
  x: number;
  y: number;
  sf: number;
  /** This packet will die at the far end (that interface is down). */
  doomed: boolean;
}

export interface DropMark {
  key: string;
  x: number;
  y: number;
  reason: DropReason;
  sf: number;
}

export interface LaneFrame {
  path: number;
  dir: Dir;
  shape: Shape;
  queue: number;
  /** On the wire now (before thinning). */
  inFlight: number;
  drops: Record<DropReason, number>;
  /** The lane carries nothing: an end is down. */
  down: boolean;
}

export interface PathFrame {
  path: number;
  clientUp: boolean;
  serverUp: boolean;
}

export interface TopologyFrame {
  marks: PacketMark[];
  drops: DropMark[];
  lanes: LaneFrame[];
  paths: PathFrame[];
  /** Packets on all wires (before thinning). */
  inFlight: number;
}

export interface FrameOptions {
  /** Show drops of the last `dropWindow` ns. */
  dropWindow: number;
  /** At most this many marks per lane; 0: no marks, only the counts (the view paints them with topology-marks.ts). */
  maxMarksPerLane: number;
}

export function topologyFrame(model: TopologyModel, layout: TopologyLayout, t: number, opts: FrameOptions): TopologyFrame {
  const marks: PacketMark[] = [];
  const drops: DropMark[] = [];
  const lanes: LaneFrame[] = [];
  const paths: PathFrame[] = [];
  let inFlight = 0;
  for (let k = 1; k <= layout.paths.length; k++) {
    const geo = layout.paths[k - 1];
    const st = linkStateAt(model, k, t);
    paths.push({ path: k, clientUp: st.client, serverUp: st.server });
    for (const dir of ['c2s', 's2c'] as const) {
      const lane = model.lanes[laneIndex(k, dir)];
      const g = geo.lanes[dir];
      const onWire = opts.maxMarksPerLane > 0 ? packetsOnWire(lane, t) : null;
      const n = onWire ? onWire.length : countOnWire(lane, t);
      inFlight += n;
      if (onWire) {
        const shown = n > opts.maxMarksPerLane ? packetsOnWire(lane, t, opts.maxMarksPerLane) : onWire;
        for (const m of shown) {
          marks.push({ key: lane.pkt[m.i], x: wireX(g, m.f), y: g.y, sf: lane.sf[m.i], doomed: lane.diesAtEnd[m.i] === 1 });
        }
      }
      for (const i of recentDrops(lane, t, opts.dropWindow)) {
        const reason = DROP_REASONS[lane.dropReason[i]];
        drops.push({ key: `${k}${dir}${i}`, x: dropX(g, reason), y: g.y + ((i % 3) - 1) * 5, reason, sf: lane.dropSf[i] });
      }
      lanes.push({
        path: k,
        dir,
        shape: shapeAt(model, k, dir, t),
        queue: queueAt(lane, t),
        inFlight: n,
        drops: dropCountsAt(lane, t),
        down: !st.client || !st.server,
      });
    }
  }
  return { marks, drops, lanes, paths, inFlight };
}
