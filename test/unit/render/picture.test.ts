// The picture budget: the SVG's size, the PNG zoom that fits, the width lower
// bound checked before the layout, and the layout's time limit.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { dependsOn } from '../../../src/graph/reach.js';
import { Graph } from '../../../src/graph/value.js';
import { toDot } from '../../../src/render/dot.js';
import {
  minPictureWidth, PNG_MAX_PIXELS, PNG_MAX_SIDE, PNG_MIN_ZOOM, PNG_ZOOM, pngZoom, renderPng, renderSvg, svgSize,
} from '../../../src/render/picture.js';

function chain(depth: number) {
  const g = new Graph();
  let v = g.variable('x', 0.5);
  for (let i = 0; i < depth; i++) v = g.apply('sin', [v]);
  return { graph: g, output: v };
}

describe('svgSize', () => {
  it('reads the points Graphviz writes on the root element', () => {
    expect(svgSize('<?xml?>\n<svg width="550pt" height="66pt"\n viewBox="0.00 0.00 550.00 66.00">')).toEqual({ width: 550, height: 66 });
    expect(Number.isNaN(svgSize('<svg>').width)).toBe(true);
  });
  it('reads pixels (a plot) as 3/4 of a point each', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="426" viewBox="0 0 720 426">')).toEqual({ width: 540, height: 319.5 });
    expect(svgSize('<svg width="96px" height="48px">')).toEqual({ width: 72, height: 36 });
  });
});

describe('pngZoom', () => {
  it('draws a small picture at the full zoom', () => {
    expect(pngZoom(550, 66)).toBe(PNG_ZOOM);
  });
  it('shrinks a large picture to the pixel budget, never below the smallest zoom', () => {
    for (const [w, h] of [[12000, 1500], [20000, 300], [3000, 3000], [24000, 90]] as const) {
      const zoom = pngZoom(w, h)!;
      expect(zoom).toBeGreaterThanOrEqual(PNG_MIN_ZOOM);
      expect(zoom).toBeLessThan(PNG_ZOOM);
      const [pw, ph] = [w * zoom * 4 / 3, h * zoom * 4 / 3];
      expect(pw * ph).toBeLessThanOrEqual(PNG_MAX_PIXELS * 1.0001);
      expect(Math.max(pw, ph)).toBeLessThanOrEqual(PNG_MAX_SIDE + 1);
    }
  });
  it('refuses what does not fit even at the smallest zoom, and nonsense sizes', () => {
    expect(pngZoom(40_595 / 2 * 0.75, 5_480 / 2 * 0.75)).toBeUndefined();
    expect(pngZoom(58_408, 66)).toBeUndefined();
    expect(pngZoom(Number.NaN, 10)).toBeUndefined();
  });
});

describe('minPictureWidth', () => {
  it('is a lower bound of the laid-out width that grows with the depth', async () => {
    const small = chain(6);
    const bound = minPictureWidth(small.graph.nodes, dependsOn(small.graph.nodes, small.output));
    const { width } = svgSize(await renderSvg(toDot(small)));
    expect(bound).toBeLessThanOrEqual(width);
    expect(bound).toBeGreaterThan(width * 0.7);
    const deep = chain(600);
    expect(minPictureWidth(deep.graph.nodes, dependsOn(deep.graph.nodes, deep.output))).toBeGreaterThan(50 * bound);
  });
  it('walks a 100,000-deep chain with a loop', () => {
    const deep = chain(100_000);
    expect(minPictureWidth(deep.graph.nodes, dependsOn(deep.graph.nodes, deep.output))).toBeGreaterThan(1e7);
  });
});

describe('limits of the work', () => {
  it('a layout that runs past its time limit is stopped with a UsageError', async () => {
    const error = await renderSvg(toDot(chain(40)), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^Graphviz did not finish laying out the graph within 0\.001 s, so it was stopped: .*--dot graph\.dot/);
  });
  it('a PNG over the budget is refused before anything is drawn', async () => {
    const huge = '<svg width="60000pt" height="3000pt" viewBox="0 0 60000 3000" xmlns="http://www.w3.org/2000/svg"></svg>';
    const error = await renderPng(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^the picture is too large for a PNG: Graphviz laid it out at 60000 × 3000 points, .*--dot graph\.svg/);
  });
});
