// The adaptive sampler: poles broken, refinement where curves bend, NaN gaps,
// a y-range that ignores pole spikes, the budget kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleCurves, type Sampled } from '../../../../src/render/plot/sample.js';

type Fn = (x: number) => readonly [number, number];

/** Samples f and f' (with f' as the slope too), as `autograd plot` does. */
function sample(fn: Fn, from: number, to: number, budget?: number): Sampled {
  return sampleCurves((x, out) => {
    const [y, d] = fn(x);
    out[0] = y;
    out[1] = d;
    out[2] = d;
  }, { from, to, curves: 2, slope: true, budget });
}

/** Indexes i where samples i and i+1 are both finite and joined by a line. */
function joined(s: Sampled, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < s.x.length; i++) {
    if (Number.isFinite(s.y[c]![i]) && Number.isFinite(s.y[c]![i + 1]) && !s.breaks[c]![i]) out.push(i);
  }
  return out;
}

const tan: Fn = (x) => [Math.tan(x), 1 / Math.cos(x) ** 2];
const inverse: Fn = (x) => [1 / x, -1 / (x * x)];

describe('sampleCurves', () => {
  it('breaks tan(x) at both poles over -3:3: no line joins samples on either side of ±π/2', () => {
    const s = sample(tan, -3, 3);
    for (const pole of [-Math.PI / 2, Math.PI / 2]) {
      const across = joined(s, 0).filter((i) => s.x[i]! < pole && s.x[i + 1]! > pole);
      expect(across).toEqual([]);
    }
    // ...and it does break there (rather than having no samples at all).
    expect([...s.breaks[0]!].filter((b) => b === 1).length).toBeGreaterThanOrEqual(2);
  });

  it('breaks 1/x at 0 over -1:1 and refines toward the pole', () => {
    const s = sample(inverse, -1, 1);
    const across = joined(s, 0).filter((i) => s.x[i]! < 0 && s.x[i + 1]! > 0);
    expect(across).toEqual([]);
    const closest = Math.min(...[...s.x].filter((x) => x !== 0).map(Math.abs));
    expect(closest).toBeLessThan(1e-6);
  });

  it('breaks at a jump (sign) instead of drawing a vertical line, and not at a kink (abs)', () => {
    const s = sample((x) => [Math.abs(x) + Math.sign(x), Math.sign(x)], -2, 2);
    // Samples may fall on 0 itself (where sign is 0): no segment touching 0 may jump.
    const across = joined(s, 0).filter((i) => s.x[i]! <= 0 && s.x[i + 1]! >= 0 && Math.abs(s.y[0]![i + 1]! - s.y[0]![i]!) > 0.1);
    expect(across).toEqual([]);
    const kink = sample((x) => [Math.abs(x), Math.sign(x)], -2, 2);
    expect([...kink.breaks[0]!].some((b) => b === 1)).toBe(false);
  });

  it('chooses a y-range that ignores pole spikes but keeps a steep tail', () => {
    const t = sample(tan, -3, 3).range!;
    expect(t[0]).toBeLessThan(-2);
    expect(t[1]).toBeGreaterThan(2);
    expect(t[1] - t[0]).toBeLessThan(100);
    const e = sample((x) => [Math.exp(x), Math.exp(x)], 0, 10).range!;
    expect(e[1]).toBeGreaterThanOrEqual(Math.exp(10));
  });

  it('adds points where the curve bends and none on a straight line', () => {
    const line = sample((x) => [2 * x + 1, 2], -1, 1);
    expect(line.evaluations).toBe(201);
    const bump = sample((x) => [Math.exp(-200 * x * x), -400 * x * Math.exp(-200 * x * x)], -1, 1);
    const near = [...bump.x].filter((x) => Math.abs(x) < 0.1).length;
    const far = [...bump.x].filter((x) => x > 0.5 && x < 0.7).length;
    // The base grid puts about 20 samples in each window; refinement only in the bend.
    expect(near).toBeGreaterThan(40);
    expect(far).toBeLessThanOrEqual(21);
    expect(bump.evaluations).toBeGreaterThan(201);
  });

  it('leaves a gap where the function is NaN and finds where it starts', () => {
    const s = sample((x) => [Math.sqrt(x), 0.5 / Math.sqrt(x)], -1, 1);
    const first = s.y[0]!.findIndex((v) => Number.isFinite(v));
    expect(s.x[first]!).toBeGreaterThanOrEqual(0);
    expect(s.x[first]!).toBeLessThan(1e-6);
    expect(s.y[0]!.slice(0, first).every((v) => Number.isNaN(v))).toBe(true);
  });

  it('has no range when nothing is finite', () => {
    expect(sample(() => [NaN, NaN], 0, 1).range).toBeUndefined();
  });

  it('keeps its budget and returns increasing abscissas', () => {
    fc.assert(fc.property(fc.integer({ min: 250, max: 3000 }), (budget) => {
      const s = sample((x) => [Math.sin(1 / x), -Math.cos(1 / x) / (x * x)], -1, 1, budget);
      expect(s.evaluations).toBeLessThanOrEqual(budget);
      expect(s.x.length).toBe(s.evaluations);
      for (let i = 1; i < s.x.length; i++) expect(s.x[i]!).toBeGreaterThan(s.x[i - 1]!);
    }), { numRuns: 20 });
  });

  it('never breaks a smooth polynomial', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), (c) => {
      const fn: Fn = (x) => [c.reduce((s, a, k) => s + a * x ** k, 0), c.reduce((s, a, k) => s + (k === 0 ? 0 : k * a * x ** (k - 1)), 0)];
      const s = sample(fn, -2, 2);
      expect([...s.breaks[0]!].some((b) => b === 1)).toBe(false);
    }), { numRuns: 50 });
  });
});
