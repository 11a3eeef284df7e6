// --dot <file>: the format from the extension, checked before any work; the
// picture rendered lazily; the file written atomically.
import { UsageError } from '../errors.js';
import { checkFolder, writeFileAtomic } from '../io/atomic-write.js';
import { dependsOn } from '../graph/reach.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import { countDrawn, dotChunks, type DotSource } from '../render/dot.js';
import {
  MAX_PICTURE_NODES, minPictureWidth, PNG_MAX_SIDE, renderPng, renderSvg, smallestPngSide,
} from '../render/picture.js';
import type { PageSource } from '../page/model.js';
import type { OutStream } from './context.js';
import { quoteText } from '../syntax/unshowable.js';

export type DotFormat = 'dot' | 'svg' | 'png' | 'html';

export interface DotTarget {
  /** undefined: DOT alone on stdout (`--dot -`). */
  readonly path: string | undefined;
  readonly format: DotFormat;
}

const FORMATS: ReadonlyMap<string, DotFormat> = new Map([
  ['.dot', 'dot'], ['.gv', 'dot'], ['.svg', 'svg'], ['.png', 'png'], ['.html', 'html'], ['.htm', 'html'],
]);

/** Validates --dot: a known extension and an existing folder (exit 2 before anything is written). */
export function parseDotTarget(path: string | undefined): DotTarget | undefined {
  if (path === undefined) return undefined;
  if (path === '-') return { path: undefined, format: 'dot' };
  const ext = /\.[^./\\]*$/.exec(path)?.[0]?.toLowerCase() ?? '';
  const format = FORMATS.get(ext);
  if (format === undefined) {
    const got = ext === '' ? 'no extension' : `unknown extension '${ext}'`;
    throw new UsageError(`--dot '${quoteText(path)}': ${got} (expected .dot, .gv, .svg, .png, .html, or - for DOT on stdout)`);
  }
  checkFolder(path, '--dot');
  return { path, format };
}

/**
 * Refuses, before any work, a picture that would cost too much: more than
 * `limit` value nodes unless --force (the layout would be slow), and a PNG
 * that would be too wide even at the smallest readable zoom, force or not (a
 * lower bound of the width from the graph's longest path). The DOT text is
 * always cheap. After the layout, renderPng checks the exact size.
 */
export function checkPictureSize(target: DotTarget, source: DotSource, force: boolean, limit = MAX_PICTURE_NODES): void {
  if (target.format === 'dot') return;
  if (!force) {
    const n = countDrawn(source);
    if (n > limit) {
      throw new UsageError(`the graph has ${n} value nodes, more than ${limit} for an SVG or PNG picture ` +
        `(the layout would be slow): add --force to render it anyway, or write DOT text with --dot graph.dot`);
    }
  }
  if (target.format !== 'png') return;
  const nodes = source.graph.nodes;
  const width = minPictureWidth(nodes, dependsOn(nodes, source.output));
  if (smallestPngSide(width) <= PNG_MAX_SIDE) return;
  throw new UsageError(`the graph is too deep for a PNG: laid out left to right it is at least ${Math.round(width)} points wide, ` +
    `more than ${PNG_MAX_SIDE} pixels even with 12-pixel text: write --dot graph.svg instead ` +
    '(a vector picture any browser zooms), or --dot graph.dot');
}

/**
 * Writes the graph as the target asks: DOT text, or a picture through Graphviz
 * (and resvg for PNG; for HTML the live page of `program`, the program text).
 */
export async function writeDot(target: DotTarget, source: DotSource & PageSource, stdout: OutStream, program = ''): Promise<void> {
  if (target.path === undefined) {
    // With the stream's backpressure; a closed pipe (| head) stops the text at once.
    const out = new OutputBuffer(stdout as WritableLike);
    for (const chunk of dotChunks(source)) {
      out.add(chunk);
      await out.flushIfFull();
      if (out.closed) return;
    }
    return out.flush();
  }
  if (target.format === 'dot') return writeFileAtomic(target.path, dotChunks(source));
  let dot = '';
  for (const chunk of dotChunks(source, {}, true)) dot += chunk;
  const svg = await renderSvg(dot);
  if (target.format === 'svg') return writeFileAtomic(target.path, svg);
  if (target.format === 'html') {
    // The page's template and script load only when a page is asked for.
    const { pageAssets, pageHtml } = await import('../render/page.js');
    return writeFileAtomic(target.path, pageHtml(source, program, svg, await pageAssets()));
  }
  return writeFileAtomic(target.path, await renderPng(svg));
}
