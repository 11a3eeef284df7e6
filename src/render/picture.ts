// DOT → SVG with Graphviz compiled to WebAssembly (viz.js, which graphviz-cli brings), and
// SVG → PNG with resvg compiled to WebAssembly, fonts shipped by npm (DejaVu):
// no native Graphviz, no native canvas, the same pixels on every machine.
// Both are imported lazily: a plain `eval` never loads them.
import { promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';

/** Pictures of graphs with more value nodes than this need --force (layout time grows fast). */
export const MAX_PICTURE_NODES = 200;

/** SVG text of a DOT graph (dot layout). */
export async function renderSvg(dot: string): Promise<string> {
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
  try {
    return await viz.renderString(dot, { format: 'svg', engine: 'dot' });
  } finally {
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

/** PNG bytes of an SVG, at `zoom` times its size (2 gives crisp text on high-density screens). */
export async function renderPng(svg: string, zoom = 2): Promise<Uint8Array> {
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
  const image = r.render();
  const png = image.asPng();
  image.free();
  r.free();
  return png;
}
