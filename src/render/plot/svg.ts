// A figure as SVG: per panel, axes with "nice" ticks and a light grid
// (d3-scale), each series its own <path> (d3-shape, gaps kept with defined()),
// clipped to the panel; tick labels and the legend are <text>. Sizes are in
// pixels; the PNG is the same SVG through resvg.
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { line } from 'd3-shape';
import { clipLine, type Axis, type Figure, type Panel, type Point, type Series } from './figure.js';

export const SVG_WIDTH = 720;
export const SVG_PANEL_HEIGHT = 400;

/** Colors of the series, in order (the Tableau 10 palette's first ones): distinct for most color vision. */
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const FAINT = '#666666';
const FONT = "font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\"";

const MARGIN = { left: 72, right: 30, top: 12, bottom: 44 };
const LEGEND_HEIGHT = 26;

type Scale = ScaleContinuousNumeric<number, number>;

/** Text for XML: &, <, > and quotes escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fixed(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The d3 scale of an axis onto [r0, r1] pixels, its domain widened to nice numbers. */
export function axisScale(axis: Axis, r0: number, r1: number): Scale {
  const s: Scale = axis.log ? scaleLog() : scaleLinear();
  s.domain([axis.domain[0], axis.domain[1]]).range([r0, r1]);
  return axis.nice === false ? s : s.nice();
}

/** The drawing area of a one-panel figure, in pixels. */
export function plotArea(width = SVG_WIDTH, panelHeight = SVG_PANEL_HEIGHT): { width: number; height: number } {
  return { width: width - MARGIN.left - MARGIN.right, height: panelHeight - MARGIN.top - MARGIN.bottom };
}

/** Where a panel sits in the SVG. */
export interface PanelBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly x: Scale;
  readonly y: Scale;
}

/** The boxes and scales of every panel (shared by the renderer and by tests that read coordinates back). */
export function layout(figure: Figure, width = SVG_WIDTH, panelHeight = SVG_PANEL_HEIGHT): { boxes: PanelBox[]; height: number } {
  const total = figure.panels.reduce((s, p) => s + (p.weight ?? 1), 0);
  let top = LEGEND_HEIGHT + (figure.title === undefined ? 0 : 20);
  const boxes: PanelBox[] = [];
  for (const p of figure.panels) {
    const outer = (panelHeight * (p.weight ?? 1) * figure.panels.length) / total;
    const h = outer - MARGIN.top - MARGIN.bottom;
    const w = width - MARGIN.left - MARGIN.right;
    const t = top + MARGIN.top;
    boxes.push({ left: MARGIN.left, top: t, width: w, height: h, x: axisScale(p.x, MARGIN.left, MARGIN.left + w), y: axisScale(p.y, t + h, t) });
    top += outer;
  }
  return { boxes, height: Math.ceil(top) };
}

function ticksOf(scale: Scale, count: number, log: boolean): { at: number[]; label: (v: number) => string } {
  const at = scale.ticks(count);
  const format = scale.tickFormat(count);
  if (!log) return { at, label: format };
  // d3 labels some of a log axis's ticks (blank for the rest): those in short form (1e-6, not 0.000001).
  return { at, label: (v) => (format(v) === '' ? '' : v >= 1e-3 && v < 1e5 ? String(v) : v.toExponential().replace('e+', 'e')) };
}

function axes(panel: Panel, box: PanelBox, id: number): string[] {
  const out: string[] = [];
  const { left, top, width, height } = box;
  const right = left + width;
  const bottom = top + height;
  const xt = ticksOf(box.x, Math.max(2, Math.round(width / 80)), panel.x.log === true);
  const yt = ticksOf(box.y, Math.max(2, Math.round(height / 50)), panel.y.log === true);
  out.push(`<g class="grid" stroke="#e6e6e6" stroke-width="1">`);
  for (const v of xt.at) out.push(`<line x1="${fixed(box.x(v))}" y1="${fixed(top)}" x2="${fixed(box.x(v))}" y2="${fixed(bottom)}"/>`);
  for (const v of yt.at) out.push(`<line x1="${fixed(left)}" y1="${fixed(box.y(v))}" x2="${fixed(right)}" y2="${fixed(box.y(v))}"/>`);
  out.push('</g>');
  // The zero lines, a little darker, when zero is inside a linear axis.
  const [x0, x1] = box.x.domain() as [number, number];
  const [y0, y1] = box.y.domain() as [number, number];
  out.push(`<g class="zero" stroke="#b3b3b3" stroke-width="1">`);
  if (!panel.x.log && x0 < 0 && x1 > 0) out.push(`<line x1="${fixed(box.x(0))}" y1="${fixed(top)}" x2="${fixed(box.x(0))}" y2="${fixed(bottom)}"/>`);
  if (!panel.y.log && y0 < 0 && y1 > 0) out.push(`<line x1="${fixed(left)}" y1="${fixed(box.y(0))}" x2="${fixed(right)}" y2="${fixed(box.y(0))}"/>`);
  out.push('</g>');
  out.push(`<rect class="frame" x="${fixed(left)}" y="${fixed(top)}" width="${fixed(width)}" height="${fixed(height)}" fill="none" stroke="#333333"/>`);
  out.push(`<g class="x-axis" ${FONT} fill="#333333" text-anchor="middle">`);
  for (const v of xt.at) {
    const label = xt.label(v);
    out.push(`<line x1="${fixed(box.x(v))}" y1="${fixed(bottom)}" x2="${fixed(box.x(v))}" y2="${fixed(bottom + 5)}" stroke="#333333"/>`);
    if (label !== '') out.push(`<text class="tick" x="${fixed(box.x(v))}" y="${fixed(bottom + 18)}" data-value="${v}">${escapeXml(label)}</text>`);
  }
  out.push(`<text class="axis-label" x="${fixed(left + width / 2)}" y="${fixed(bottom + 36)}">${escapeXml(panel.x.label)}</text>`);
  out.push('</g>');
  out.push(`<g class="y-axis" ${FONT} fill="#333333" text-anchor="end">`);
  for (const v of yt.at) {
    const label = yt.label(v);
    out.push(`<line x1="${fixed(left - 5)}" y1="${fixed(box.y(v))}" x2="${fixed(left)}" y2="${fixed(box.y(v))}" stroke="#333333"/>`);
    if (label !== '') out.push(`<text class="tick" x="${fixed(left - 8)}" y="${fixed(box.y(v) + 4)}" data-value="${v}">${escapeXml(label)}</text>`);
  }
  if (panel.y.label !== '') {
    out.push(`<text class="axis-label" transform="translate(${fixed(16)},${fixed(top + height / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(panel.y.label)}</text>`);
  }
  out.push('</g>');
  out.push(`<clipPath id="clip${id}"><rect x="${fixed(left)}" y="${fixed(top)}" width="${fixed(width)}" height="${fixed(height)}"/></clipPath>`);
  return out;
}

function seriesStyle(s: Series, color: string): string {
  if (s.faint) return `stroke="${FAINT}" stroke-width="1.25" stroke-dasharray="4 3"`;
  return `stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="7 4"' : ''}`;
}

type ColorOf = (s: Series, panel: Panel) => string;

function drawSeries(panel: Panel, box: PanelBox, id: number, colorOf: ColorOf): string[] {
  const out: string[] = [`<g class="series" clip-path="url(#clip${id})" fill="none" stroke-linejoin="round" stroke-linecap="round">`];
  const [ylo, yhi] = box.y.domain() as [number, number];
  for (const s of panel.series) {
    const color = colorOf(s, panel);
    if (s.kind === 'points') {
      out.push(`<g class="points" data-label="${escapeXml(s.label)}" fill="${s.faint ? FAINT : color}" stroke="white" stroke-width="1">`);
      for (const p of s.points) {
        if (p === undefined || !(p[1] >= ylo && p[1] <= yhi)) continue;
        out.push(`<circle cx="${fixed(box.x(p[0]))}" cy="${fixed(box.y(p[1]))}" r="4"/>`);
      }
      out.push('</g>');
      continue;
    }
    const clipped = clipLine(s.points, ylo, yhi);
    const d = line<Point>()
      .defined((p) => p !== undefined)
      .x((p) => box.x(p![0]))
      .y((p) => box.y(p![1]))
      .digits(2)(clipped) ?? '';
    out.push(`<path class="curve" data-label="${escapeXml(s.label)}" d="${d}" ${seriesStyle(s, color)}/>`);
  }
  out.push('</g>');
  return out;
}

function legend(figure: Figure, colorOf: ColorOf, top: number): string[] {
  const out: string[] = [`<g class="legend" ${FONT} fill="#333333">`];
  let x = MARGIN.left;
  const seen = new Set<string>();
  for (const p of figure.panels) {
    for (const s of p.series) {
      if (s.unlisted || seen.has(s.label)) continue;
      seen.add(s.label);
      const color = colorOf(s, p);
      out.push(s.kind === 'points'
        ? `<circle cx="${x + 10}" cy="${top}" r="4" fill="${s.faint ? FAINT : color}"/>`
        : `<line x1="${x}" y1="${top}" x2="${x + 22}" y2="${top}" ${seriesStyle(s, color)}/>`);
      out.push(`<text x="${x + 28}" y="${top + 4}">${escapeXml(s.label)}</text>`);
      // NOTE: DejaVu Sans averages about 0.6 em a character at this size.
      x += 28 + Math.ceil(s.label.length * 7.2) + 24;
    }
  }
  out.push('</g>');
  return out;
}

/** The SVG text of a figure. */
export function figureToSvg(figure: Figure, width = SVG_WIDTH, panelHeight = SVG_PANEL_HEIGHT): string {
  const { boxes, height } = layout(figure, width, panelHeight);
  const colors = new Map<string, string>();
  const colorOf = (s: Series, panel: Panel): string => {
    const owner = s.colorOf === undefined ? s : panel.series[s.colorOf] ?? s;
    if (!colors.has(owner.label)) colors.set(owner.label, COLORS[colors.size % COLORS.length]!);
    return colors.get(owner.label)!;
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  let legendTop = LEGEND_HEIGHT / 2 + 2;
  if (figure.title !== undefined) {
    out.push(`<text class="title" x="${width / 2}" y="16" text-anchor="middle" ${FONT} font-weight="bold" fill="#333333">${escapeXml(figure.title)}</text>`);
    legendTop += 20;
  }
  figure.panels.forEach((p, i) => {
    out.push(...axes(p, boxes[i]!, i));
    out.push(...drawSeries(p, boxes[i]!, i, colorOf));
  });
  out.push(...legend(figure, colorOf, legendTop));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
