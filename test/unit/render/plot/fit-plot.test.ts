// fit --plot stays bounded: past MAX_POINTS rows only every k-th row is drawn
// (and the legend says so), while the axes still span every row.
import { describe, expect, it } from 'vitest';
import { curveFitFigure, MAX_POINTS, pointStride, residualFigure } from '../../../../src/render/plot/fit-plot.js';

describe('fit --plot with many rows', () => {
  it('draws every row up to MAX_POINTS, then every k-th row', () => {
    expect(pointStride(10)).toBe(1);
    expect(pointStride(MAX_POINTS)).toBe(1);
    expect(pointStride(MAX_POINTS + 1)).toBe(2);
    expect(pointStride(1_000_000)).toBe(200);
  });

  it('a curve fit of 100,000 rows draws at most MAX_POINTS points per panel, and its axes hold the extreme rows', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = Float64Array.from(x, (v, i) => 2 * v + (i === 7 ? 50 : 0)); // row 7 is not drawn (stride 20)
    const figure = curveFitFigure({ x, y, xLabel: 'x', yLabel: 'y', model: (v) => 2 * v });
    const [top, bottom] = figure.panels;
    const data = top!.series[0]!;
    expect(data.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(data.points.length).toBe(MAX_POINTS);
    expect(data.label).toBe('data (1 row in 20 of 100,000)');
    expect(bottom!.series[0]!.points.length).toBe(MAX_POINTS);
    expect(top!.y.domain[1]).toBeGreaterThanOrEqual(50);
    expect(bottom!.y.domain[1]).toBeGreaterThanOrEqual(50);
  });

  it('residuals against fitted values are bounded the same way; a small fit keeps its plain legend', () => {
    const n = 12_000;
    const f = Float64Array.from({ length: n }, (_, i) => i);
    const big = residualFigure(f, Float64Array.from(f, (v) => v + 1), 'z');
    expect(big.panels[0]!.series[0]!.points.length).toBe(4000);
    expect(big.panels[0]!.series[0]!.label).toBe('residual (1 row in 3 of 12,000)');
    const small = residualFigure([1, 2], [1.5, 2.5], 'z');
    expect(small.panels[0]!.series[0]!.label).toBe('residual');
  });
});
