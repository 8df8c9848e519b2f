/**
 * A deterministic layered layout for state diagrams (a small Sugiyama: Sugiyama, Tagawa & Toda
 * 1981; the steps as in Gansner et al., "A Technique for Drawing Directed Graphs", 1993):
 *
 * 1. cycles broken by a depth-first walk from the initial state (an edge back to a state on the
 *    walk's stack, or into the initial state, is a "back" edge);
 * 2. layers by longest path over the remaining edges, with a dummy point on every layer a long
 *    edge crosses;
 * 3. order within layers by barycentre sweeps (the order with the fewest crossings is kept);
 * 4. positions along the layer by isotonic regression (pool adjacent violators) towards the
 *    neighbours' centres, so edges run as straight as the order allows.
 *
 * Compound states are laid out recursively (their children across, the top level downwards) and
 * placed as one big node. Forward edges are smooth curves through their dummy points; back edges
 * run in the gap under their source's layer to a bus on the right and come down into their target
 * from above, so no edge crosses a state box. Every coordinate comes from the graph: nothing is
 * placed by hand, and the same graph always gives the same picture.
 */
import type { StateGraph, StateGraphEdge, StateGraphNode } from './state-diagram';

export interface LayoutOptions {
  /** Font size of state names, px. */
  fontSize: number;
  /** Font size of event labels, px. */
  edgeFontSize: number;
  /** Height of a state box. */
  nodeHeight: number;
  /** Horizontal padding inside a state box. */
  padX: number;
  minNodeWidth: number;
  /** Space between layers (rank axis). */
  layerGap: number;
  /** Space between neighbours in a layer (order axis). */
  nodeGap: number;
  /** Room for a long edge passing through a layer. */
  dummySize: number;
  /** Padding around a compound state's children, and the height of its title band. */
  clusterPad: number;
  clusterHeader: number;
  /** Distance from the states to the back-edge bus, and between buses. */
  laneGap: number;
  /** Space above the first / under the last layer for back edges. */
  backPad: number;
  margin: number;
  /** Width of `text` at `fontSize` px (the page measures with a canvas; tests use the estimate). */
  textWidth: (text: string, fontSize: number, bold: boolean) => number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedState extends Box {
  id: string;
  /** The text drawn in the box (the short label inside a compound state). */
  text: string;
  compound: boolean;
  depth: number;
}

export interface EdgeLabel extends Box {
  text: string;
  /** Centre of the text. */
  cx: number;
  cy: number;
}

export interface PlacedEdge {
  id: string;
  from: string;
  to: string;
  events: string[];
  /** forward: downwards along the layers; back: via the bus; self: a loop; direct: parent/child edge. */
  kind: 'forward' | 'back' | 'self' | 'direct';
  /** SVG path data. */
  d: string;
  /** First and last point of the path (where it leaves its source and enters its target). */
  start: [number, number];
  end: [number, number];
  /** Null when the edge's events are written on its bus (see PlacedBus). */
  label: EdgeLabel | null;
}

/** Back edges into one state share a bus; the event set most of them share is written once on it. */
export interface PlacedBus {
  target: string;
  /** Events of every back edge into `target` that has no label of its own; an edge labelled `+ X` has these and X. */
  events: string[];
  label: EdgeLabel | null;
}

export interface StateDiagramLayout {
  width: number;
  height: number;
  states: PlacedState[];
  edges: PlacedEdge[];
  buses: PlacedBus[];
}

type Pt = [number, number];

/** A rough width for system sans-serif fonts, so the layout is deterministic without a DOM. */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80) em += 1;
    else if ('MW'.includes(ch)) em += 0.86;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if ('mw'.includes(ch)) em += 0.84;
    else if ('ijlI|'.includes(ch)) em += 0.3;
    else if (ch >= 'a' && ch <= 'z') em += 0.56;
    else if (ch >= '0' && ch <= '9') em += 0.6;
    else if (' .,:;·'.includes(ch)) em += 0.32;
    else if ('()[]-'.includes(ch)) em += 0.38;
    else em += 0.62;
  }
  return em * fontSize * (bold ? 1.06 : 1);
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  fontSize: 12,
  edgeFontSize: 10,
  nodeHeight: 30,
  padX: 10,
  minNodeWidth: 64,
  layerGap: 52,
  nodeGap: 22,
  dummySize: 10,
  clusterPad: 10,
  clusterHeader: 24,
  laneGap: 18,
  backPad: 26,
  margin: 8,
  textWidth: estimateTextWidth,
};

type Geometry = { kind: 'curve'; rankAxis: 'x' | 'y'; pts: Pt[] } | { kind: 'ortho'; pts: Pt[] };

interface RoutedEdge {
  edge: StateGraphEdge;
  kind: PlacedEdge['kind'];
  geo: Geometry;
  /** Places where the label may go, best first. */
  labelAt: LabelSpot[];
  /** True for a back edge whose events are written on its bus. */
  onBus: boolean;
  busExtra: string[] | null;
}

interface RoutedBus {
  target: string;
  events: string[];
  /** Where to write the events: above the bus's last leg. */
  labelAt: LabelSpot[];
}

interface LevelResult {
  w: number;
  h: number;
  /** Boxes of every state at this level and below, relative to the level's origin. */
  boxes: Map<string, PlacedState>;
  edges: RoutedEdge[];
  buses: RoutedBus[];
}

interface Item {
  id: string;
  dummy: boolean;
  layer: number;
  /** Size along the layer (order axis) and across it (rank axis). */
  oSize: number;
  rSize: number;
  /** Start along the order axis. */
  pos: number;
}

interface LevelEdge {
  edge: StateGraphEdge;
  a: string;
  b: string;
  kind: 'forward' | 'back' | 'self';
  chain: string[];
}

const shiftPt = (p: Pt, dx: number, dy: number): Pt => [p[0] + dx, p[1] + dy];

/** Isotonic regression (pool adjacent violators): the non-decreasing sequence closest to `v` in least squares. */
function isotonic(v: number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const x of v) {
    blocks.push({ sum: x, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.n <= b.sum / b.n) break;
      a.sum += b.sum;
      a.n += b.n;
      blocks.pop();
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let i = 0; i < b.n; i++) out.push(b.sum / b.n);
  return out;
}

function overlaps(a: Box, b: Box, pad = 1): boolean {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

function cubicAt(p: Pt, q: Pt, axis: 'x' | 'y', t: number): Pt {
  // Control points halfway along the rank axis: the curve leaves and enters along the rank axis.
  const c1: Pt = axis === 'y' ? [p[0], (p[1] + q[1]) / 2] : [(p[0] + q[0]) / 2, p[1]];
  const c2: Pt = axis === 'y' ? [q[0], (p[1] + q[1]) / 2] : [(p[0] + q[0]) / 2, q[1]];
  const u = 1 - t;
  const f = (i: 0 | 1): number => u * u * u * p[i] + 3 * u * u * t * c1[i] + 3 * u * t * t * c2[i] + t * t * t * q[i];
  return [f(0), f(1)];
}

const r2 = (n: number): number => Math.round(n * 100) / 100;
const fmt = (p: Pt): string => `${r2(p[0])},${r2(p[1])}`;

function curvePath(pts: Pt[], axis: 'x' | 'y'): string {
  let d = `M${fmt(pts[0])}`;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i - 1];
    const q = pts[i];
    const c1: Pt = axis === 'y' ? [p[0], (p[1] + q[1]) / 2] : [(p[0] + q[0]) / 2, p[1]];
    const c2: Pt = axis === 'y' ? [q[0], (p[1] + q[1]) / 2] : [(p[0] + q[0]) / 2, q[1]];
    d += `C${fmt(c1)} ${fmt(c2)} ${fmt(q)}`;
  }
  return d;
}

/** An orthogonal polyline with rounded corners. */
function orthoPath(pts: Pt[], radius = 6): string {
  let d = `M${fmt(pts[0])}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [p, c, n] = [pts[i - 1], pts[i], pts[i + 1]];
    const lin = Math.hypot(c[0] - p[0], c[1] - p[1]);
    const lout = Math.hypot(n[0] - c[0], n[1] - c[1]);
    const r = Math.min(radius, lin / 2, lout / 2);
    if (r <= 0.01) {
      d += `L${fmt(c)}`;
      continue;
    }
    const a: Pt = [c[0] + ((p[0] - c[0]) / lin) * r, c[1] + ((p[1] - c[1]) / lin) * r];
    const b: Pt = [c[0] + ((n[0] - c[0]) / lout) * r, c[1] + ((n[1] - c[1]) / lout) * r];
    d += `L${fmt(a)}Q${fmt(c)} ${fmt(b)}`;
  }
  return `${d}L${fmt(pts[pts.length - 1])}`;
}

/** Points spread along a polyline (by length), at the given fractions. */
function alongPolyline(pts: Pt[], fractions: number[]): Pt[] {
  const lens: number[] = [];
  let total = 0;
  for (let i = 1; i < pts.length; i++) {
    const l = Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
    lens.push(l);
    total += l;
  }
  return fractions.map((f) => {
    let want = f * total;
    for (let i = 0; i < lens.length; i++) {
      if (want <= lens[i] || i === lens.length - 1) {
        const t = lens[i] === 0 ? 0 : Math.min(1, want / lens[i]);
        return [pts[i][0] + (pts[i + 1][0] - pts[i][0]) * t, pts[i][1] + (pts[i + 1][1] - pts[i][1]) * t];
      }
      want -= lens[i];
    }
    return pts[0];
  });
}

/** Where along an edge its label may go, best first. */
const LABEL_FRACTIONS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

/** A candidate place for a label: the point and which side of it the text is on. */
interface LabelSpot {
  p: Pt;
  align: 'middle' | 'start' | 'end';
}
const mid = (p: Pt): LabelSpot => ({ p, align: 'middle' });

/** Lay out `graph` (see the module comment). */
export function layoutStateGraph(graph: StateGraph, options: Partial<LayoutOptions> = {}): StateDiagramLayout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT, ...options };
  const byId = new Map<string, StateGraphNode>(graph.nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();

  /** The ancestor-or-self of `id` whose parent is `parent`, or null when `id` is not below `parent`. */
  const rep = (id: string, parent: string | null): string | null => {
    let n = byId.get(id);
    while (n && n.parent !== parent) n = n.parent === null ? undefined : byId.get(n.parent);
    return n ? n.id : null;
  };

  const layoutLevel = (parent: string | null, dir: 'TB' | 'LR'): LevelResult => {
    const kids = parent === null ? graph.nodes.filter((n) => n.parent === null).map((n) => n.id) : (byId.get(parent)?.children ?? []);
    const tb = dir === 'TB';
    const sub = new Map<string, LevelResult>();
    const size = new Map<string, { w: number; h: number }>();
    for (const k of kids) {
      const n = byId.get(k)!;
      const labelW = o.textWidth(n.shortLabel, o.fontSize, true) + 2 * o.padX;
      if (n.children.length > 0) {
        const r = layoutLevel(k, tb ? 'LR' : 'TB');
        sub.set(k, r);
        size.set(k, { w: Math.max(r.w + 2 * o.clusterPad, labelW), h: o.clusterHeader + r.h + o.clusterPad });
      } else {
        size.set(k, { w: Math.max(o.minNodeWidth, labelW), h: o.nodeHeight });
      }
    }

    // Edges of this level: both ends below `parent`, in different children.
    const levelEdges: LevelEdge[] = [];
    for (const e of graph.edges) {
      const a = rep(e.from, parent);
      const b = rep(e.to, parent);
      if (a === null || b === null) continue;
      if (a === b && !(e.from === e.to && a === e.from)) continue; // inside a child: its own level draws it
      levelEdges.push({ edge: e, a, b, kind: a === b ? 'self' : 'forward', chain: [] });
      placed.add(e.id);
    }

    // 1. Depth-first walk from the initial state; edges to a state on the stack or to the initial state are back edges.
    const initialChild = parent === null ? graph.initial : (byId.get(parent)?.initial ?? kids[0]);
    const first = rep(initialChild, parent) ?? kids[0];
    const out = new Map<string, LevelEdge[]>(kids.map((k) => [k, []]));
    for (const le of levelEdges) out.get(le.a)!.push(le);
    const mark = new Map<string, 1 | 2>();
    const pre = new Map<string, number>();
    const post: string[] = [];
    const visit = (u: string): void => {
      mark.set(u, 1);
      pre.set(u, pre.size);
      for (const le of out.get(u)!) {
        if (le.kind === 'self') continue;
        if (le.b === first || mark.get(le.b) === 1) le.kind = 'back';
        else if (!mark.has(le.b)) visit(le.b);
      }
      mark.set(u, 2);
      post.push(u);
    };
    for (const k of [first, ...kids.filter((k) => k !== first)]) if (!mark.has(k)) visit(k);

    // 2. Longest-path layers, in topological order (reverse post-order).
    const layerOf = new Map<string, number>(kids.map((k) => [k, 0]));
    for (const u of [...post].reverse()) {
      for (const le of out.get(u)!) if (le.kind === 'forward') layerOf.set(le.b, Math.max(layerOf.get(le.b)!, layerOf.get(u)! + 1));
    }
    const nLayers = Math.max(0, ...layerOf.values()) + 1;
    const items = new Map<string, Item>();
    const sortKey = new Map<string, number>();
    for (const k of kids) {
      const s = size.get(k)!;
      items.set(k, { id: k, dummy: false, layer: layerOf.get(k)!, oSize: tb ? s.w : s.h, rSize: tb ? s.h : s.w, pos: 0 });
      sortKey.set(k, pre.get(k)!);
    }
    levelEdges.forEach((le, i) => {
      le.chain = [le.a];
      if (le.kind === 'forward') {
        for (let l = layerOf.get(le.a)! + 1; l < layerOf.get(le.b)!; l++) {
          const id = `~${i}~${l}`;
          items.set(id, { id, dummy: true, layer: l, oSize: o.dummySize, rSize: 0, pos: 0 });
          sortKey.set(id, pre.get(le.a)! + 0.5 + i / 1e4);
          le.chain.push(id);
        }
      }
      le.chain.push(le.b);
    });

    // 3. Order within layers: barycentre sweeps, keeping the order with the fewest crossings.
    let layers: string[][] = Array.from({ length: nLayers }, () => []);
    for (const it of items.values()) layers[it.layer].push(it.id);
    for (const l of layers) l.sort((x, y) => sortKey.get(x)! - sortKey.get(y)!);
    const up = new Map<string, string[]>([...items.keys()].map((k) => [k, []]));
    const down = new Map<string, string[]>([...items.keys()].map((k) => [k, []]));
    for (const le of levelEdges) {
      if (le.kind !== 'forward') continue;
      for (let i = 1; i < le.chain.length; i++) {
        down.get(le.chain[i - 1])!.push(le.chain[i]);
        up.get(le.chain[i])!.push(le.chain[i - 1]);
      }
    }
    const crossings = (ls: string[][]): number => {
      let c = 0;
      for (let l = 0; l + 1 < ls.length; l++) {
        const idx = new Map(ls[l + 1].map((id, i) => [id, i]));
        const segs: [number, number][] = [];
        ls[l].forEach((id, i) => down.get(id)!.forEach((v) => segs.push([i, idx.get(v)!])));
        for (let a = 0; a < segs.length; a++) for (let b = a + 1; b < segs.length; b++) if ((segs[a][0] - segs[b][0]) * (segs[a][1] - segs[b][1]) < 0) c++;
      }
      return c;
    };
    let best = layers.map((l) => [...l]);
    let bestCross = crossings(best);
    for (let iter = 0; iter < 8 && bestCross > 0; iter++) {
      const downward = iter % 2 === 0;
      const range = downward ? [...Array(nLayers).keys()].slice(1) : [...Array(nLayers).keys()].reverse().slice(1);
      for (const l of range) {
        const ref = layers[downward ? l - 1 : l + 1];
        const idx = new Map(ref.map((id, i) => [id, i]));
        const nb = downward ? up : down;
        const cur = new Map(layers[l].map((id, i) => [id, i]));
        const bary = (id: string): number => {
          const ns = nb.get(id)!;
          return ns.length === 0 ? cur.get(id)! : ns.reduce((s, n) => s + idx.get(n)!, 0) / ns.length;
        };
        layers[l] = [...layers[l]].sort((x, y) => bary(x) - bary(y) || cur.get(x)! - cur.get(y)!);
      }
      const c = crossings(layers);
      if (c < bestCross) {
        best = layers.map((l) => [...l]);
        bestCross = c;
      }
    }
    layers = best;

    // 4. Positions along the layers: each layer pulled towards its neighbours' centres, order kept.
    for (const l of layers) {
      let p = 0;
      for (const id of l) {
        const it = items.get(id)!;
        it.pos = p;
        p += it.oSize + o.nodeGap;
      }
    }
    const centre = (id: string): number => items.get(id)!.pos + items.get(id)!.oSize / 2;
    const gapAfter = (id: string, next: string | undefined): number =>
      next !== undefined && items.get(id)!.dummy && items.get(next)!.dummy ? o.nodeGap / 3 : o.nodeGap;
    for (let iter = 0; iter < 12; iter++) {
      const mode = iter >= 8 ? 'both' : iter % 2 === 0 ? 'down' : 'up';
      const order = mode === 'up' ? [...layers.keys()].reverse() : [...layers.keys()];
      for (const l of order) {
        const ids = layers[l];
        const want: number[] = [];
        const offs: number[] = [];
        let off = 0;
        ids.forEach((id, i) => {
          const it = items.get(id)!;
          const ns = mode === 'down' ? up.get(id)! : mode === 'up' ? down.get(id)! : [...up.get(id)!, ...down.get(id)!];
          const target = ns.length === 0 ? it.pos : ns.reduce((s, n) => s + centre(n), 0) / ns.length - it.oSize / 2;
          offs.push(off);
          want.push(target - off);
          off += it.oSize + gapAfter(id, ids[i + 1]);
        });
        const fitted = isotonic(want);
        ids.forEach((id, i) => (items.get(id)!.pos = fitted[i] + offs[i]));
      }
    }
    const minPos = Math.min(...[...items.values()].map((it) => it.pos));
    for (const it of items.values()) it.pos -= minPos;

    // Ranks: layer bands, with room above/below for back edges.
    const backEdges = levelEdges.filter((le) => le.kind === 'back');
    const layerR = layers.map((l) => Math.max(0, ...l.map((id) => items.get(id)!.rSize)));
    const topPad = backEdges.some((le) => layerOf.get(le.b) === 0) ? o.backPad : 0;
    // Under the last layer: the back edges' legs and a row of labels on each side of them.
    const bottomPad = backEdges.some((le) => layerOf.get(le.a) === nLayers - 1) ? o.backPad + 2 * o.edgeFontSize : 0;
    // Across a left-to-right level, edge labels lie along the gap: make it as wide as the widest.
    const gapAfterL = layers.map((_, l) =>
      tb
        ? o.layerGap
        : Math.max(
            o.layerGap,
            ...levelEdges
              .filter((le) => le.kind === 'forward' && layerOf.get(le.a) === l)
              .map((le) => o.textWidth(le.edge.events.join(' · '), o.edgeFontSize, false) + 24),
          ),
    );
    const rankStart: number[] = [];
    let r = topPad;
    for (let l = 0; l < nLayers; l++) {
      rankStart.push(r);
      r += layerR[l] + gapAfterL[l];
    }
    const rankExtent = r - gapAfterL[nLayers - 1] + bottomPad;
    const rPos = (it: Item): number => rankStart[it.layer] + (layerR[it.layer] - it.rSize) / 2;
    const oMax = Math.max(0, ...[...items.values()].map((it) => it.pos + it.oSize));

    // Abstract (order, rank) → (x, y).
    const xy = (oc: number, rc: number): Pt => (tb ? [oc, rc] : [rc, oc]);
    const boxes = new Map<string, PlacedState>();
    for (const k of kids) {
      const it = items.get(k)!;
      const n = byId.get(k)!;
      const s = size.get(k)!;
      const [x, y] = xy(it.pos, rPos(it));
      boxes.set(k, { id: k, text: n.shortLabel, compound: n.children.length > 0, depth: n.depth, x, y, w: s.w, h: s.h });
    }
    const edges: RoutedEdge[] = [];
    const buses: RoutedBus[] = [];
    for (const [k, r2s] of sub) {
      const b = boxes.get(k)!;
      const dx = b.x + (b.w - r2s.w) / 2;
      const dy = b.y + o.clusterHeader;
      for (const [id, bx] of r2s.boxes) boxes.set(id, { ...bx, x: bx.x + dx, y: bx.y + dy });
      for (const e of r2s.edges) {
        const pts = e.geo.pts.map((p) => shiftPt(p, dx, dy));
        edges.push({ ...e, geo: { ...e.geo, pts }, labelAt: e.labelAt.map((c) => ({ ...c, p: shiftPt(c.p, dx, dy) })) });
      }
      for (const bu of r2s.buses) buses.push({ ...bu, labelAt: bu.labelAt.map((c) => ({ ...c, p: shiftPt(c.p, dx, dy) })) });
    }
    // Box edges in abstract coordinates.
    const oStart = (b: Box): number => (tb ? b.x : b.y);
    const oLen = (b: Box): number => (tb ? b.w : b.h);
    const rStartOf = (b: Box): number => (tb ? b.y : b.x);
    const rEndOf = (b: Box): number => (tb ? b.y + b.h : b.x + b.w);
    // One bus per target state (a compound's child may be the target: its level representative gives the layer).
    const busLayer = new Map(backEdges.map((le) => [le.edge.to, layerOf.get(le.b)!]));
    const busTargets = [...busLayer.keys()].sort((x, y) => busLayer.get(x)! - busLayer.get(y)! || oStart(boxes.get(x)!) - oStart(boxes.get(y)!));
    const busO = new Map(busTargets.map((t, i) => [t, oMax + o.laneGap + i * (o.laneGap / 2)]));
    const orderExtent = busTargets.length > 0 ? oMax + o.laneGap + (busTargets.length - 1) * (o.laneGap / 2) + 2 : oMax;

    // Ports: the edges leaving the bottom (entering the top) of a box get distinct points, ordered
    // by where their other end is, so they do not start on top of each other.
    const outPorts = new Map<string, { key: number; le: LevelEdge }[]>();
    const inPorts = new Map<string, { key: number; id: string }[]>();
    for (const le of levelEdges) {
      if (le.kind === 'self') continue;
      const next = le.kind === 'back' ? Infinity : oStart(boxOf(le.chain[1])) + oLen(boxOf(le.chain[1])) / 2;
      push(outPorts, le.edge.from, { key: next, le });
      if (le.kind === 'forward') {
        const prev = le.chain[le.chain.length - 2];
        push(inPorts, le.edge.to, { key: oStart(boxOf(prev)) + oLen(boxOf(prev)) / 2, id: le.edge.id });
      } else if (!(inPorts.get(le.edge.to) ?? []).some((p) => p.id === `bus:${le.edge.to}`)) {
        push(inPorts, le.edge.to, { key: Infinity, id: `bus:${le.edge.to}` });
      }
    }
    function boxOf(id: string): Box {
      const it = items.get(id)!;
      if (!it.dummy) return boxes.get(id)!;
      const [x, y] = xy(it.pos, rankStart[it.layer] + layerR[it.layer] / 2);
      return { x, y, w: tb ? it.oSize : 0, h: tb ? 0 : it.oSize };
    }
    function push<T>(m: Map<string, T[]>, k: string, v: T): void {
      m.set(k, [...(m.get(k) ?? []), v]);
    }
    const portO = (boxId: string, list: { key: number }[], i: number): number => {
      const b = boxes.get(boxId)!;
      const sorted = list.map((p, j) => ({ ...p, j })).sort((x, y) => x.key - y.key || x.j - y.j);
      const rank = sorted.findIndex((p) => p.j === i);
      return oStart(b) + (oLen(b) * (rank + 1)) / (sorted.length + 1);
    };
    const outPortO = (le: LevelEdge): number => {
      const list = outPorts.get(le.edge.from)!;
      return portO(le.edge.from, list, list.findIndex((p) => p.le === le));
    };
    const inPortO = (to: string, id: string): number => {
      const list = inPorts.get(to)!;
      return portO(to, list, list.findIndex((p) => p.id === id));
    };

    const gapAfterLayer = (l: number): number =>
      l === nLayers - 1 ? rankStart[l] + layerR[l] + o.backPad * 0.7 : rankStart[l] + layerR[l] + o.layerGap * 0.72;
    const gapBeforeLayer = (l: number): number => (l === 0 ? rankStart[0] - o.backPad * 0.5 : rankStart[l] - o.layerGap * 0.28);

    // Bus label: the event set shared by most back edges into a target (ties: the first seen).
    for (const target of busTargets) {
      const into = backEdges.filter((le) => le.edge.to === target);
      const counts = new Map<string, { n: number; events: string[] }>();
      for (const le of into) {
        const key = le.edge.events.join('\n');
        counts.set(key, { n: (counts.get(key)?.n ?? 0) + 1, events: le.edge.events });
      }
      const top = [...counts.values()].sort((x, y) => y.n - x.n)[0];
      const shared = top && top.n >= 2 ? top.events : [];
      const inO = inPortO(target, `bus:${target}`);
      const rr = gapBeforeLayer(busLayer.get(target)!);
      const laneO = busO.get(target)!;
      const busLegFraction = [0.5];
      const legPts = alongPolyline(
        [
          [laneO, rr],
          [inO, rr],
        ],
        busLegFraction,
      );
      buses.push({ target, events: shared, labelAt: legPts.map(([oc, rc]) => mid(xy(oc, rc - o.edgeFontSize * 0.75))) });
      for (const le of into) {
        const same = shared.length > 0 && le.edge.events.join('\n') === shared.join('\n');
        const superset = shared.length > 0 && !same && shared.every((ev) => le.edge.events.includes(ev));
        const fromBox = boxes.get(le.edge.from)!;
        const toBox = boxes.get(le.edge.to)!;
        const p0o = outPortO(le);
        const ra = gapAfterLayer(layerOf.get(le.a)!);
        const pts: Pt[] = [
          [p0o, rEndOf(fromBox)],
          [p0o, ra],
          [laneO, ra],
          [laneO, rr],
          [inO, rr],
          [inO, rStartOf(toBox)],
        ];
        // The label sits beside the edge's drop out of its source, so it cannot be mistaken for a
        // neighbour's (the horizontal legs of one layer's back edges share a line).
        const dropMid = (rEndOf(fromBox) + ra) / 2;
        const below = ra + o.edgeFontSize * 0.9;
        const stub: LabelSpot[] = tb
          ? [
              { p: [p0o + 4, dropMid], align: 'start' },
              { p: [p0o - 4, dropMid], align: 'end' },
              { p: [p0o + 4, below], align: 'start' },
              { p: [p0o - 4, below], align: 'end' },
              ...alongPolyline(
                [
                  [p0o, ra + o.edgeFontSize * 0.8],
                  [laneO, ra + o.edgeFontSize * 0.8],
                ],
                [0.5, 0.25, 0.75],
              ).map(mid),
            ]
          : alongPolyline(
              [
                [p0o, ra],
                [laneO, ra],
              ],
              [0.5, 0.3, 0.7],
            ).map((p) => mid(xy(p[0], p[1])));
        edges.push({
          edge: le.edge,
          kind: 'back',
          geo: { kind: 'ortho', pts: pts.map(([oc, rc]) => xy(oc, rc)) },
          labelAt: stub,
          onBus: same,
          busExtra: superset ? le.edge.events.filter((ev) => !shared.includes(ev)) : null,
        });
      }
    }
    for (const le of levelEdges) {
      if (le.kind === 'back') continue;
      const fromBox = boxes.get(le.edge.from)!;
      if (le.kind === 'self') {
        const oe = oStart(fromBox) + oLen(fromBox);
        const rc = (rStartOf(fromBox) + rEndOf(fromBox)) / 2;
        const pts: Pt[] = [
          [oe, rc - 6],
          [oe + 14, rc - 6],
          [oe + 14, rc + 6],
          [oe, rc + 6],
        ];
        edges.push({ edge: le.edge, kind: 'self', geo: { kind: 'ortho', pts: pts.map(([a, b]) => xy(a, b)) }, labelAt: [{ p: xy(oe + 17, rc), align: 'start' }], onBus: false, busExtra: null });
        continue;
      }
      const toBox = boxes.get(le.edge.to)!;
      const pts: Pt[] = [[outPortO(le), rEndOf(fromBox)]];
      for (const d of le.chain.slice(1, -1)) {
        const it = items.get(d)!;
        pts.push([it.pos + it.oSize / 2, rankStart[it.layer] + layerR[it.layer] / 2]);
      }
      pts.push([inPortO(le.edge.to, le.edge.id), rStartOf(toBox)]);
      const xyPts = pts.map(([a, b]) => xy(a, b));
      const rankAxis = tb ? 'y' : 'x';
      const labelAt = LABEL_FRACTIONS.map((f) => {
        const seg = Math.min(xyPts.length - 2, Math.floor(f * (xyPts.length - 1)));
        const t = f * (xyPts.length - 1) - seg;
        return mid(cubicAt(xyPts[seg], xyPts[seg + 1], rankAxis, t));
      });
      edges.push({ edge: le.edge, kind: 'forward', geo: { kind: 'curve', rankAxis, pts: xyPts }, labelAt, onBus: false, busExtra: null });
    }
    const [w, h] = tb ? [orderExtent, rankExtent] : [rankExtent, orderExtent];
    return { w, h, boxes, edges, buses };
  };

  const top = layoutLevel(null, 'TB');

  // Edges between a state and its own parent or child (no level draws them): a straight line.
  for (const e of graph.edges) {
    if (placed.has(e.id)) continue;
    const a = top.boxes.get(e.from);
    const b = top.boxes.get(e.to);
    if (!a || !b) continue;
    const pts: Pt[] = [
      [a.x + a.w / 2, a.y + a.h],
      [b.x + b.w / 2, b.y],
    ];
    top.edges.push({ edge: e, kind: 'direct', geo: { kind: 'ortho', pts }, labelAt: alongPolyline(pts, [0.5]).map(mid), onBus: false, busExtra: null });
  }

  // Labels, placed greedily where they collide with no state and no earlier label.
  const m = o.margin;
  const obstacles: Box[] = [];
  for (const b of top.boxes.values()) obstacles.push(b.compound ? { x: b.x, y: b.y, w: b.w, h: o.clusterHeader } : b);
  const placeLabel = (text: string, at: LabelSpot[]): EdgeLabel | null => {
    if (text === '' || at.length === 0) return null;
    const w = o.textWidth(text, o.edgeFontSize, false) + 6;
    const h = o.edgeFontSize + 4;
    const boxAt = ({ p, align }: LabelSpot): EdgeLabel => {
      const cx = align === 'middle' ? p[0] : align === 'start' ? p[0] + w / 2 : p[0] - w / 2;
      return { text, cx, cy: p[1], x: cx - w / 2, y: p[1] - h / 2, w, h };
    };
    // Failing every spot on the edge, a spot nudged sideways by half the label's width.
    const spots = [...at, ...at.filter((c) => c.align === 'middle').flatMap((c) => [{ p: [c.p[0] + w / 2 + 2, c.p[1]] as Pt, align: 'start' as const }, { p: [c.p[0] - w / 2 - 2, c.p[1]] as Pt, align: 'end' as const }])];
    const free = spots.map(boxAt).find((b) => !obstacles.some((ob) => overlaps(b, ob)));
    const chosen = free ?? boxAt(at[0]);
    obstacles.push(chosen);
    return chosen;
  };
  const buses: PlacedBus[] = top.buses.map((b) => ({ target: b.target, events: b.events, label: placeLabel(b.events.join(' · '), b.labelAt) }));
  const edgeOrder = [...top.edges].sort((x, y) => (x.kind === 'back' ? 1 : 0) - (y.kind === 'back' ? 1 : 0));
  const labels = new Map<RoutedEdge, EdgeLabel | null>();
  for (const e of edgeOrder) {
    const text = e.onBus ? '' : e.busExtra ? `+ ${e.busExtra.join(' · ')}` : e.edge.events.join(' · ');
    labels.set(e, placeLabel(text, e.labelAt));
  }

  // Bounds (labels included), then everything shifted by the margin.
  let minX = 0;
  let minY = 0;
  let maxX = top.w;
  let maxY = top.h;
  for (const b of [...obstacles]) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.w);
    maxY = Math.max(maxY, b.y + b.h);
  }
  const dx = m - minX;
  const dy = m - minY;
  const sh = (b: EdgeLabel | null): EdgeLabel | null => (b ? { ...b, x: b.x + dx, y: b.y + dy, cx: b.cx + dx, cy: b.cy + dy } : null);
  const states: PlacedState[] = graph.nodes
    .map((n) => top.boxes.get(n.id))
    .filter((b): b is PlacedState => b !== undefined)
    .map((b) => ({ ...b, x: b.x + dx, y: b.y + dy }));
  const edges: PlacedEdge[] = graph.edges.flatMap((ge) => {
    const e = top.edges.find((x) => x.edge === ge);
    if (!e) return [];
    const pts = e.geo.pts.map((p) => shiftPt(p, dx, dy));
    const d = e.geo.kind === 'curve' ? curvePath(pts, e.geo.rankAxis) : orthoPath(pts);
    return [{ id: ge.id, from: ge.from, to: ge.to, events: ge.events, kind: e.kind, d, start: pts[0], end: pts[pts.length - 1], label: sh(labels.get(e) ?? null) }];
  });
  return {
    width: Math.ceil(maxX - minX + 2 * m),
    height: Math.ceil(maxY - minY + 2 * m),
    states,
    edges,
    buses: buses.map((b) => ({ ...b, label: sh(b.label) })),
  };
}
