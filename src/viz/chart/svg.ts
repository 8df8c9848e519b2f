/**
 * A chart as a standalone SVG document (pure string building, no DOM): the export of every chart
 * view, and what the snapshot tests compare. Axes with ticks, axis titles, the marks (vector, the
 * same decimated marks the canvas draws), the legend, and the cursor line.
 */
import type { ChartGeometry, LegendEntry, Mark } from './marks';
import { axisTicks, plotHeight, plotScales, plotWidth, type PlotBox, type PlotScales, type XUnit } from './layout';
import type { AxisWindow } from './window';

export interface ChartSvgSpec {
  box: PlotBox;
  win: AxisWindow;
  geometry: ChartGeometry;
  title: string;
  xLabel: string;
  yLabel: string;
  xUnit: XUnit;
  /** Unit of the y axis ticks. */
  yUnit: XUnit;
  legend?: readonly LegendEntry[];
  /** Cursor position (x units), or null. */
  cursor?: number | null;
  /** Colours of text and lines (the theme's). */
  ink?: { text: string; grid: string; background: string; cursor: string };
}

const DEFAULT_INK = { text: '#1c2430', grid: '#d6dbe3', background: '#ffffff', cursor: '#e07b00' };

const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** The SVG path data of one mark in px (bars, lines, ticks, bands; dots are drawn apart). */
export function markPath(m: Mark, s: PlotScales, box: PlotBox): string {
  const parts: string[] = [];
  switch (m.kind) {
    case 'bars':
      for (let i = 0; i < m.xy.length; i += 3) {
        const x = n2(s.x(m.xy[i]));
        const y0 = s.y(m.xy[i + 1]);
        let y1 = s.y(m.xy[i + 2]);
        if (Math.abs(y0 - y1) < 1) y1 = y0 - 1;
        parts.push(`M${x},${n2(y0)}V${n2(y1)}`);
      }
      break;
    case 'line': {
      for (let i = 0; i < m.xy.length; i += 2) {
        const x = n2(s.x(m.xy[i]));
        const y = n2(s.y(m.xy[i + 1]));
        if (i === 0) parts.push(`M${x},${y}`);
        else if (m.step === true) parts.push(`H${x}V${y}`);
        else parts.push(`L${x},${y}`);
      }
      break;
    }
    case 'vticks':
      for (const x of m.xs) parts.push(`M${n2(s.x(x))},${box.top}V${box.height - box.bottom}`);
      break;
    case 'bands':
      for (let i = 0; i < m.quads.length; i += 8) {
        const q = m.quads;
        parts.push(
          `M${n2(s.x(q[i]))},${n2(s.y(q[i + 1]))}L${n2(s.x(q[i + 2]))},${n2(s.y(q[i + 3]))}L${n2(s.x(q[i + 4]))},${n2(s.y(q[i + 5]))}L${n2(s.x(q[i + 6]))},${n2(s.y(q[i + 7]))}Z`,
        );
      }
      break;
    case 'dots': {
      const r = (m.size ?? 6) / 2;
      for (let i = 0; i < m.xy.length; i += 2) {
        const x = s.x(m.xy[i]);
        const y = s.y(m.xy[i + 1]);
        if (m.shape === 'x') parts.push(`M${n2(x - r)},${n2(y - r)}L${n2(x + r)},${n2(y + r)}M${n2(x - r)},${n2(y + r)}L${n2(x + r)},${n2(y - r)}`);
        else if (m.shape === 'd') parts.push(`M${n2(x)},${n2(y - r)}L${n2(x + r)},${n2(y)}L${n2(x)},${n2(y + r)}L${n2(x - r)},${n2(y)}Z`);
        else parts.push(`M${n2(x - r)},${n2(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
      }
      break;
    }
  }
  return parts.join('');
}

function markElement(m: Mark, s: PlotScales, box: PlotBox, ink: typeof DEFAULT_INK): string {
  const d = markPath(m, s, box);
  if (d === '') return '';
  const cls = escapeXml(m.cls);
  switch (m.kind) {
    case 'bands':
      return `<path class="${cls}" d="${d}" fill="${m.color}" fill-opacity="${m.opacity ?? 0.35}" stroke="none"/>`;
    case 'dots':
      return m.shape === 'x'
        ? `<path class="${cls}" d="${d}" fill="none" stroke="${m.color}" stroke-width="1.5"/>`
        : `<path class="${cls}" d="${d}" fill="${m.color}" stroke="none"/>`;
    case 'vticks': {
      const labels = m.xs
        .map((x, i) => `<text x="${n2(s.x(x) + 2)}" y="${box.top - 4}" font-size="9" fill="${m.color}">${escapeXml(m.labels[i] ?? '')}</text>`)
        .join('');
      return `<g class="${cls}"><path d="${d}" stroke="${m.color}" stroke-width="1" stroke-dasharray="3 2" fill="none"/>${labels}</g>`;
    }
    case 'line': {
      const dash = m.dash ? ` stroke-dasharray="${m.dash.join(' ')}"` : '';
      return `<path class="${cls}" d="${d}" fill="none" stroke="${m.color}" stroke-width="${m.width ?? 1.5}"${dash}/>`;
    }
    case 'bars':
      return `<path class="${cls}" d="${d}" fill="none" stroke="${m.color}" stroke-width="${m.width ?? 1.5}"/>`;
  }
  void ink;
  return '';
}

/** The whole chart as an SVG document string. */
export function chartSvg(spec: ChartSvgSpec): string {
  const { box, win, geometry } = spec;
  const ink = spec.ink ?? DEFAULT_INK;
  const s = plotScales(box, win, geometry.y);
  const pw = plotWidth(box);
  const ph = plotHeight(box);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="100%" height="100%" fill="${ink.background}"/>`,
  );
  // Axes and grid.
  const xt = axisTicks(s.x, Math.max(2, Math.floor(pw / 90)), spec.xUnit);
  const yBottom = box.height - box.bottom;
  out.push(`<g class="x-axis" fill="${ink.text}">`);
  for (const tk of xt) {
    const x = n2(s.x(tk.v));
    out.push(`<path d="M${x},${box.top}V${yBottom}" stroke="${ink.grid}" stroke-width="0.5"/><text x="${x}" y="${yBottom + 14}" text-anchor="middle">${escapeXml(tk.label)}</text>`);
  }
  out.push(`<text x="${n2(box.left + pw / 2)}" y="${box.height - 4}" text-anchor="middle">${escapeXml(spec.xLabel)}</text></g>`);
  out.push(`<g class="y-axis" fill="${ink.text}">`);
  if (geometry.yCategories) {
    for (const [v, label] of geometry.yCategories) out.push(`<text x="${box.left - 6}" y="${n2(s.y(v) + 4)}" text-anchor="end">${escapeXml(label)}</text>`);
  } else {
    const yt = axisTicks(s.y, Math.max(2, Math.floor(ph / 40)), spec.yUnit);
    for (const tk of yt) {
      const y = n2(s.y(tk.v));
      out.push(`<path d="M${box.left},${y}H${box.width - box.right}" stroke="${ink.grid}" stroke-width="0.5"/><text x="${box.left - 6}" y="${n2(s.y(tk.v) + 4)}" text-anchor="end">${escapeXml(tk.label)}</text>`);
    }
  }
  out.push(`<text transform="translate(12,${n2(box.top + ph / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text></g>`);
  out.push(`<rect x="${box.left}" y="${box.top}" width="${pw}" height="${ph}" fill="none" stroke="${ink.grid}"/>`);
  // Marks, clipped to the plot.
  out.push(`<clipPath id="plot"><rect x="${box.left}" y="${box.top}" width="${pw}" height="${ph}"/></clipPath><g clip-path="url(#plot)">`);
  for (const m of geometry.marks) {
    if (m.kind !== 'vticks') out.push(markElement(m, s, box, ink));
  }
  if (spec.cursor !== null && spec.cursor !== undefined && spec.cursor >= win.x0 && spec.cursor <= win.x1) {
    out.push(`<path class="cursor" d="M${n2(s.x(spec.cursor))},${box.top}V${yBottom}" stroke="${ink.cursor}" stroke-width="1.5"/>`);
  }
  out.push('</g>');
  // Signal ticks carry labels above the plot, so they are not clipped.
  for (const m of geometry.marks) if (m.kind === 'vticks') out.push(markElement(m, s, box, ink));
  if (spec.legend && spec.legend.length > 0) {
    let x = box.left;
    out.push('<g class="legend">');
    for (const e of spec.legend) {
      out.push(`<rect x="${x}" y="4" width="10" height="10" fill="${e.color}"/><text x="${x + 13}" y="13" fill="${ink.text}">${escapeXml(e.label)}</text>`);
      x += 24 + e.label.length * 6;
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}
