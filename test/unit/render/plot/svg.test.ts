// The SVG of a function plot: axes, ticks inside the range, a legend, and
// path coordinates that map back to f and ∂f/∂x within a pixel.
import { describe, expect, it } from 'vitest';
import { curveOf } from '../../../../src/calculus/curve.js';
import { build } from '../../../../src/graph/build.js';
import { functionFigure, stepsFigure } from '../../../../src/render/plot/function-plot.js';
import type { Figure } from '../../../../src/render/plot/figure.js';
import { figureToSvg, layout, plotArea } from '../../../../src/render/plot/svg.js';
import { parse } from '../../../../src/syntax/parser.js';
import { xmlProblems } from '../../../helpers/xml.js';

function cubicFigure(): Figure {
  const built = build(parse('x^3 - 3*x'), new Map([['x', 1]]));
  const x = built.variables.get('x')!;
  const curve = curveOf(built, x, x);
  return functionFigure({
    evaluate: curve, over: 'x', from: -2.5, to: 2.5, fLabel: 'f = x^3 - 3*x', dLabel: '∂f/∂x',
    mark: { x: 1, y: -2, slope: 0 }, ...plotArea(),
  })!;
}

/** The vertices of a path's d attribute (M and L commands, as d3's line writes them). */
function vertices(d: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)) out.push([Number(m[1]), Number(m[2])]);
  return out;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

describe('figureToSvg', () => {
  const figure = cubicFigure();
  const svg = figureToSvg(figure);
  const box = layout(figure).boxes[0]!;

  it('is well-formed XML with a frame, a grid and axis labels', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<rect class="frame"/);
    expect(svg).toMatch(/<g class="grid"/);
    expect(svg).toContain('<text class="axis-label"');
  });

  it('writes tick labels as <text> inside the axis range', () => {
    const ticks = [...svg.matchAll(/<text class="tick"[^>]*data-value="([^"]+)"[^>]*>([^<]*)<\/text>/g)];
    expect(ticks.length).toBeGreaterThan(8);
    const [x0, x1] = box.x.domain() as [number, number];
    const [y0, y1] = box.y.domain() as [number, number];
    expect([x0, x1]).toEqual([-2.5, 2.5]);
    for (const [, value] of ticks) {
      const v = Number(value);
      expect(v >= Math.min(x0, y0) && v <= Math.max(x1, y1)).toBe(true);
    }
    const labels = ticks.map((t) => t[2]);
    expect(labels).toContain('0.0');
    expect(labels).toContain('2.5');
  });

  it('has a legend naming f, its derivative and the tangent', () => {
    const legend = /<g class="legend"[\s\S]*?<\/g>/.exec(svg)![0];
    const texts = [...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(['f = x^3 - 3*x', '∂f/∂x', 'tangent at x = 1 (slope 0)']);
  });

  it('draws each curve as its own path, every vertex on the curve within a pixel', () => {
    const paths = [...svg.matchAll(/<path [^>]*>/g)].map((m) => m[0]);
    expect(paths.map((p) => attr(p, 'data-label'))).toEqual(['f = x^3 - 3*x', '∂f/∂x', 'tangent at x = 1 (slope 0)']);
    const curves: Array<(x: number) => number> = [(x) => x ** 3 - 3 * x, (x) => 3 * x * x - 3, () => -2];
    paths.forEach((p, k) => {
      const pts = vertices(attr(p, 'd')!);
      expect(pts.length).toBeGreaterThan(k === 2 ? 1 : 100);
      for (const [px, py] of pts) {
        const x = box.x.invert(px);
        expect(Math.abs(box.y(curves[k]!(x)) - py)).toBeLessThan(1);
      }
    });
  });

  it('marks the tangent point', () => {
    const circle = /<g class="points"[^>]*>\s*<circle cx="([^"]+)" cy="([^"]+)"/.exec(svg)!;
    expect(Math.abs(Number(circle[1]) - box.x(1))).toBeLessThan(0.01);
    expect(Math.abs(Number(circle[2]) - box.y(-2))).toBeLessThan(0.01);
  });

  it('escapes labels', () => {
    const s = figureToSvg({ panels: [{ x: { label: 'a<b', domain: [0, 1] }, y: { label: '', domain: [0, 1] }, series: [{ label: '"&"', kind: 'line', points: [[0, 0], [1, 1]] }] }] });
    expect(xmlProblems(s)).toEqual([]);
    expect(s).toContain('a&#60;b');
  });
});

describe('stepsFigure', () => {
  it('uses a log axis when positive values span decades, a linear one otherwise', () => {
    const steps = [0, 1, 2, 3];
    expect(stepsFigure(steps, [1000, 10, 1, 0.1], 'f').panels[0]!.y.log).toBe(true);
    expect(stepsFigure(steps, [5, 4, 3, 2], 'f').panels[0]!.y.log).toBe(false);
    expect(stepsFigure(steps, [1000, 10, 0, -1], 'f').panels[0]!.y.log).toBe(false);
    const svg = figureToSvg(stepsFigure(steps, [1000, 10, 1, 0.1], 'f'));
    const labels = [...svg.matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(expect.arrayContaining(['0.1', '1', '10', '100', '1000']));
  });
});

describe('figures of several panels (a fit: data and curve, residuals below)', () => {
  it('stacks the panels by weight, each with its frame, axes and clipped series', () => {
    const data: Array<readonly [number, number]> = [[0, 1.1], [1, 2.9], [2, 5.2], [3, 6.8]];
    const figure: Figure = {
      panels: [
        {
          x: { label: 'x', domain: [0, 3] }, y: { label: 'y', domain: [1, 7] }, weight: 2,
          series: [{ label: 'data', kind: 'points', points: data }, { label: 'fit', kind: 'line', points: [[0, 1], [3, 7]] }],
        },
        {
          x: { label: 'x', domain: [0, 3] }, y: { label: 'residual', domain: [-0.3, 0.3] }, weight: 1,
          series: [{ label: 'data', kind: 'points', points: data.map(([x, y]) => [x, y - (1 + 2 * x)] as const) }],
        },
      ],
    };
    const svg = figureToSvg(figure);
    expect(xmlProblems(svg)).toEqual([]);
    const { boxes } = layout(figure);
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.height).toBeGreaterThan(1.9 * boxes[1]!.height);
    expect(boxes[1]!.top).toBeGreaterThan(boxes[0]!.top + boxes[0]!.height);
    expect(svg.match(/<rect class="frame"/g)).toHaveLength(2);
    expect(svg.match(/<circle cx=/g)!.length).toBe(8 + 1); // 4 data points per panel, 1 legend marker
    // The legend lists each label once, although 'data' is in both panels.
    const legend = /<g class="legend"[\s\S]*?<\/g>/.exec(svg)![0];
    expect([...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['data', 'fit']);
  });
});
