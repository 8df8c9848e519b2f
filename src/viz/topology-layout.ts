/**
 * Geometry of the topology view, in CSS pixels for a given width (the SVG is drawn at its real size,
 * so text stays readable from a 360 px phone to a projector). Client on the left, server on the
 * right, one block per path with two lanes: c2s (left → right, its queue at the client's end) and
 * s2c (right → left, its queue at the server's end). Pure.
 */
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, symbolX, type SymbolType } from 'd3-shape';
import type { Dir } from '../core/sim/trace';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LaneGeometry {
  dir: Dir;
  /** Baseline of the lane's text row (its shape). */
  textY: number;
  /** Where the lane's counters (queue, drops) are written: right of the shape row, or a row of their own when narrow. */
  countsX: number;
  countsY: number;
  countsAnchor: 'start' | 'end';
  /** The lane band. */
  band: Box;
  /** Centre line of the band (where packets travel). */
  y: number;
  /** The queue at the sending end. */
  queue: Box;
  /** The wire: packets move from wireFrom to wireTo (x). */
  wireFrom: number;
  wireTo: number;
}

export interface PathGeometry {
  /** Baseline of the path's header (name, state). */
  headerY: number;
  /** Vertical centre of the block (interface tags on the hosts). */
  midY: number;
  top: number;
  bottom: number;
  lanes: Record<Dir, LaneGeometry>;
}

export interface TopologyLayout {
  width: number;
  height: number;
  narrow: boolean;
  client: Box;
  server: Box;
  /** x range of the lanes. */
  x0: number;
  x1: number;
  paths: PathGeometry[];
  /** Area of a packet mark (d3 symbol size, px²). */
  markSize: number;
  fontSize: number;
}

const HEADER = 22;
const TEXT_ROW = 16;
/** Narrow screens write a lane's counters on a second text row. */
const COUNTS_ROW = 13;
const BAND = 22;
const PATH_GAP = 14;
const TOP = 30;

export function topologyLayout(width: number, nPaths: number): TopologyLayout {
  const w = Math.max(280, Math.round(width));
  const narrow = w < 560;
  const pad = narrow ? 2 : 8;
  const hostW = narrow ? 48 : w < 900 ? 104 : 132;
  const gap = narrow ? 4 : 8;
  const x0 = pad + hostW + gap;
  const x1 = w - pad - hostW - gap;
  const qw = Math.round(Math.max(22, Math.min(64, (x1 - x0) * 0.14)));
  // A lane's shape and counters share one text row only where both fit side by side.
  const twoRows = x1 - x0 < 440;
  const paths: PathGeometry[] = [];
  let y = TOP;
  for (let k = 0; k < nPaths; k++) {
    const top = y;
    const headerY = y + 15;
    y += HEADER;
    const lane = (dir: Dir): LaneGeometry => {
      const textY = y + 12;
      const rows = twoRows ? TEXT_ROW + COUNTS_ROW : TEXT_ROW;
      const band = { x: x0, y: y + rows, w: x1 - x0, h: BAND };
      y += rows + BAND;
      const queue = dir === 'c2s' ? { x: x0, y: band.y, w: qw, h: BAND } : { x: x1 - qw, y: band.y, w: qw, h: BAND };
      return {
        dir,
        textY,
        countsX: twoRows ? x0 + 12 : x1,
        countsY: twoRows ? textY + COUNTS_ROW : textY,
        countsAnchor: twoRows ? 'start' : 'end',
        band,
        y: band.y + BAND / 2,
        queue,
        wireFrom: dir === 'c2s' ? x0 + qw : x1 - qw,
        wireTo: dir === 'c2s' ? x1 : x0,
      };
    };
    const c2s = lane('c2s');
    const s2c = lane('s2c');
    const bottom = y;
    paths.push({ headerY, midY: (top + bottom) / 2 + 4, top, bottom, lanes: { c2s, s2c } });
    y += PATH_GAP;
  }
  const height = y + 4;
  const hostTop = 4;
  return {
    width: w,
    height,
    narrow,
    client: { x: pad, y: hostTop, w: hostW, h: height - hostTop - 4 },
    server: { x: w - pad - hostW, y: hostTop, w: hostW, h: height - hostTop - 4 },
    x0,
    x1,
    paths,
    markSize: narrow ? 48 : 72,
    fontSize: narrow ? 11 : 12,
  };
}

/** x of a packet `f` (0..1) along the lane's wire. */
export function wireX(lane: LaneGeometry, f: number): number {
  return lane.wireFrom + (lane.wireTo - lane.wireFrom) * f;
}

/** Where a drop is drawn: random loss before the queue, a full queue at the queue, a downed interface at the far end. */
export function dropX(lane: LaneGeometry, reason: 'loss' | 'queue' | 'down'): number {
  const entrance = lane.dir === 'c2s' ? lane.queue.x : lane.queue.x + lane.queue.w;
  if (reason === 'loss') return entrance;
  if (reason === 'queue') return lane.queue.x + lane.queue.w / 2;
  return lane.wireTo;
}

/**
 * Okabe & Ito's colour-blind-safe palette (2008), most distinct first. Colour is never the only cue:
 * each subflow also has its own shape (SUBFLOW_SYMBOLS) and number.
 */
export const SUBFLOW_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;

const SUBFLOW_SYMBOL_TYPES: SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolStar, symbolWye, symbolCross];

/** Names of the shapes, in SUBFLOW_SYMBOL_TYPES order (for text alternatives: i18n keys' suffixes). */
export const SUBFLOW_SHAPE_NAMES = ['circle', 'square', 'triangle', 'diamond', 'star', 'wye', 'cross'] as const;
export type ShapeName = (typeof SUBFLOW_SHAPE_NAMES)[number];

export function subflowColor(i: number): string {
  return SUBFLOW_COLORS[i % SUBFLOW_COLORS.length];
}

export function subflowShapeName(i: number): ShapeName {
  return SUBFLOW_SHAPE_NAMES[i % SUBFLOW_SHAPE_NAMES.length];
}

/** SVG path (centred on 0,0) of subflow i's mark at `size` px². */
export function subflowSymbol(i: number, size: number): string {
  return symbol(SUBFLOW_SYMBOL_TYPES[i % SUBFLOW_SYMBOL_TYPES.length], size)() ?? '';
}

/** SVG path of a drop mark (an ✕). */
export function dropSymbol(size: number): string {
  return symbol(symbolX, size)() ?? '';
}
