// DOT → SVG with Graphviz compiled to WebAssembly (viz.js, which graphviz-cli brings), and
// SVG → PNG with resvg compiled to WebAssembly, fonts shipped by npm (DejaVu):
// no native Graphviz, no native canvas, the same pixels on every machine.
// Both are imported lazily: a plain `eval` never loads them.
//
// A picture is bounded by what it costs, not only by its node count: the
// layout runs in a worker that is stopped after LAYOUT_TIME_LIMIT_MS, and a
// PNG is drawn at the largest zoom (up to 2) that fits PNG_MAX_PIXELS and
// PNG_MAX_SIDE, or refused when even PNG_MIN_ZOOM (12-pixel text) does not fit.
// Rasterizing is where the memory goes (4 bytes a pixel); resvg in WebAssembly
// traps when it runs out, so it is never asked for more than the budget.
import { promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';

/** Pictures of graphs with more value nodes than this need --force (layout time grows fast). */
export const MAX_PICTURE_NODES = 200;

/** Graphviz's layout is stopped after this long (it can take minutes on a wide graph). */
export const LAYOUT_TIME_LIMIT_MS = 30_000;

/** The most pixels a PNG may have: 4 bytes each while drawing, so about 100 MB. */
export const PNG_MAX_PIXELS = 24_000_000;

/** The most pixels a PNG may have across or down (many viewers stop at 32,767). */
export const PNG_MAX_SIDE = 32_767;

/** The zoom of a PNG that fits: text is 16 pixels high at zoom 1 (12-point Courier at 96 dpi), 32 at zoom 2. */
export const PNG_ZOOM = 2;

/** The smallest zoom a PNG is drawn at: 12-pixel text, still readable. Smaller is refused. */
export const PNG_MIN_ZOOM = 0.75;

/** resvg draws SVG points at 96 pixels per inch: 4/3 pixels a point at zoom 1. */
const PIXELS_PER_POINT = 96 / 72;

/**
 * The size of an SVG picture in points, from the root element: Graphviz writes
 * points (`width="550pt" height="66pt"`), a plot pixels (`width="720"`, 3/4 of a point each).
 */
export function svgSize(svg: string): { readonly width: number; readonly height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string): number => {
    const m = new RegExp(`\\b${name}="([0-9.]+)(pt|px)?"`).exec(root);
    return m === null ? Number.NaN : Number(m[1]) / (m[2] === 'pt' ? 1 : PIXELS_PER_POINT);
  };
  return { width: read('width'), height: read('height') };
}

/** The zoom a PNG of a `width` × `height` point picture is drawn at, or undefined when none fits the budget. */
export function pngZoom(width: number, height: number): number | undefined {
  const px = PIXELS_PER_POINT;
  // resvg rounds each side up to whole pixels: 0.1 % less keeps the rounded image within the budget.
  const fit = 0.999 * Math.min(PNG_MAX_SIDE / (Math.max(width, height) * px), Math.sqrt(PNG_MAX_PIXELS / (width * height * px * px)));
  const zoom = Math.min(PNG_ZOOM, fit);
  return Number.isFinite(zoom) && zoom >= PNG_MIN_ZOOM ? zoom : undefined;
}

/** Width in pixels of a picture `points` wide at the smallest zoom: what the budget is checked against. */
export function smallestPngSide(points: number): number {
  return Math.ceil(points * PIXELS_PER_POINT * PNG_MIN_ZOOM);
}

// Lower bounds of Graphviz's sizes for the DOT that src/render/dot.ts writes
// (rankdir=LR, 12-point Courier records with margin 0.11 in, ranksep 0.35 in,
// pad 0.2 in), in points: a record `{ label | data 0.0000 | grad 0.0000 }` is at
// least two 11-character fields (7.2 points a character, 2 × 7.92 margin) and
// an empty one; an op ellipse at least its 0.3 in minimum width.
const MIN_RECORD = 2 * (11 * 7.2 + 15.84) + 15.84;
const MIN_OP = 0.3 * 72;
const RANKSEP = 0.35 * 72;
const PAD = 0.2 * 72;

/**
 * A lower bound of the width in points of the laid-out picture of the nodes
 * `mask` marks (creation order is topological): left to right, the nodes on
 * any path stand in distinct ranks, so the longest path's widths add up. A loop.
 */
export function minPictureWidth(nodes: readonly { readonly inputs: readonly { readonly id: number }[] }[], mask: Uint8Array): number {
  const reach = new Float64Array(nodes.length);
  let widest = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (mask[i] === 0) continue;
    let before = 0;
    for (const input of nodes[i]!.inputs) before = Math.max(before, reach[input.id]! + RANKSEP + MIN_OP + RANKSEP);
    reach[i] = before + MIN_RECORD;
    widest = Math.max(widest, reach[i]!);
  }
  return widest + 2 * PAD;
}

/** SVG text of a DOT graph (dot layout); a layout that runs longer than `timeLimitMs` is stopped (UsageError). */
export async function renderSvg(dot: string, timeLimitMs = LAYOUT_TIME_LIMIT_MS): Promise<string> {
  const [{ default: Viz }, { Worker }] = await Promise.all([import('@aduh95/viz.js'), import('node:worker_threads')]);
  const script = createRequire(import.meta.url).resolve('@aduh95/viz.js/worker');
  // NOTE: our own worker, as graphviz-cli builds it, but with its stdio kept:
  // Graphviz prints warnings such as "no value for width of non-ASCII
  // character" (any θ in a label) that would otherwise land on our stderr.
  // Errors still reject the render.
  const worker = new Worker(script, { workerData: { __filename: script }, stdout: true, stderr: true });
  worker.stdout.resume();
  worker.stderr.resume();
  const viz = new Viz({ worker });
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UsageError(
      `Graphviz did not finish laying out the graph within ${timeLimitMs / 1000} s, so it was stopped: ` +
      'write --dot graph.dot and lay it out with a native Graphviz (dot -Tsvg graph.dot -o graph.svg), or draw a smaller program',
    )), timeLimitMs);
  });
  try {
    return await Promise.race([viz.renderString(dot, { format: 'svg', engine: 'dot' }), stopped]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

let ready: Promise<PngRenderer> | undefined;

interface PngRenderer {
  readonly Resvg: typeof import('@resvg/resvg-wasm').Resvg;
  readonly fonts: Uint8Array[];
}

async function load(): Promise<PngRenderer> {
  const require = createRequire(import.meta.url);
  const resvg = await import('@resvg/resvg-wasm');
  const [wasm, mono, sans] = await Promise.all([
    fsp.readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
    fsp.readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf')),
    fsp.readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  ]);
  await resvg.initWasm(wasm);
  return { Resvg: resvg.Resvg, fonts: [mono, sans] };
}

/**
 * PNG bytes of an SVG, at the largest zoom up to {@link PNG_ZOOM} (2 gives
 * crisp text on high-density screens) that fits the pixel budget; a picture
 * that does not fit even at {@link PNG_MIN_ZOOM} is refused (UsageError) before
 * anything is drawn.
 */
export async function renderPng(svg: string): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const zoom = pngZoom(width, height);
  if (zoom === undefined) {
    throw new UsageError(
      `the picture is too large for a PNG: Graphviz laid it out at ${Math.round(width)} × ${Math.round(height)} points, ` +
      `more than ${PNG_MAX_PIXELS / 1e6} million pixels or ${PNG_MAX_SIDE} pixels across even with 12-pixel text: ` +
      'write --dot graph.svg instead (a vector picture any browser zooms), or --dot graph.dot',
    );
  }
  ready ??= load();
  const { Resvg, fonts } = await ready;
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    // NOTE: Graphviz sizes text with Courier's metrics; DejaVu Sans Mono has the
    // same advance width (0.6 em), so every label fits its box.
    font: {
      fontBuffers: fonts,
      defaultFontFamily: 'DejaVu Sans Mono',
      monospaceFamily: 'DejaVu Sans Mono',
      serifFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  try {
    const image = r.render();
    const png = image.asPng();
    image.free();
    return png;
  } finally {
    r.free();
  }
}
