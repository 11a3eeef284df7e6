import { describe, expect, it } from 'vitest';
import { centralDifference, differenceStep, numericGradient } from '../../../src/calculus/finite-difference.js';

describe('central differences', () => {
  it('the step is cbrt(eps)·max(1,|x|) and exactly representable', () => {
    const c = Math.cbrt(Number.EPSILON);
    expect(differenceStep(0)).toBeCloseTo(c, 20);
    expect(differenceStep(0.5) / c).toBeCloseTo(1, 6);
    expect(differenceStep(-1000) / (1000 * c)).toBeCloseTo(1, 6);
    for (const x of [0.1, 3, -7.25, 1e10]) {
      const h = differenceStep(x);
      expect((x + h) - x).toBe(h);
    }
  });

  it('is accurate to ~1e-10 on smooth functions and leaves the point alone', () => {
    const point = new Float64Array([0.7, -1.3]);
    const f = (p: Float64Array) => Math.sin(p[0]!) * Math.exp(p[1]!);
    const g = numericGradient(f, point);
    expect(Math.abs(g[0]! - Math.cos(0.7) * Math.exp(-1.3))).toBeLessThan(1e-10);
    expect(Math.abs(g[1]! - Math.sin(0.7) * Math.exp(-1.3))).toBeLessThan(1e-10);
    expect([...point]).toEqual([0.7, -1.3]);
  });

  it('reports its rounding noise, ε·|f|/h scale', () => {
    const d = centralDifference((p) => 1e8 + p[0]!, [2], 0);
    expect(d.noise).toBeGreaterThan(1e-3);
    expect(Math.abs(d.value - 1)).toBeLessThan(d.noise);
  });
});
