// DOT → SVG with Graphviz compiled to WebAssembly (graphviz-cli's viz.js), and
// SVG → PNG with resvg compiled to WebAssembly, fonts shipped by npm (DejaVu):
// no native Graphviz, no native canvas, the same pixels on every machine.
// Both are imported lazily: a plain `eval` never loads them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Pictures of graphs with more value nodes than this need --force (layout time grows fast). */
export const MAX_PICTURE_NODES = 200;

/** SVG text of a DOT graph (dot layout). */
export async function renderSvg(dot: string): Promise<string> {
  const { renderGraphFromSource } = await import('graphviz-cli');
  return renderGraphFromSource({ input: dot }, { format: 'svg', engine: 'dot' });
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
    readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
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
