import { describe, expect, it } from 'vitest';
import { fixParameters } from '../../../../src/calculus/fit/fixed-parameters.js';
import { leastSquaresStatistics } from '../../../../src/calculus/fit/least-squares-statistics.js';
import { levenbergMarquardt, type LeastSquaresProblem } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { QrAccumulator } from '../../../../src/calculus/fit/qr-accumulator.js';
import { curveProblem, gaussian, type Model } from './curve.js';
import { add, div, exp, mul, sub } from './dual.js';

const relative = (a: ArrayLike<number>, b: readonly number[]): number =>
  Math.max(...b.map((v, j) => Math.abs(a[j]! - v) / Math.abs(v)));

// y = a·exp(−b·x) + c
const decay: Model = ([a, b, c], x) => add(mul(a!, exp(mul(-x, b!))), c!);
const XS = Array.from({ length: 40 }, (_, i) => i / 4);
const TRUE = [2.5, 0.7, -0.3];
const exact = (x: number): number => TRUE[0]! * Math.exp(-TRUE[1]! * x) + TRUE[2]!;

describe('levenbergMarquardt on synthetic data', () => {
  it('recovers the parameters of noiseless data to 1e-10, from a far start', () => {
    const problem = curveProblem(3, decay, XS, XS.map(exact));
    const result = levenbergMarquardt(problem, Float64Array.of(10, 5, 3));
    expect(result.stopped).toMatch(/^converged/);
    expect(relative(result.parameters, TRUE)).toBeLessThan(1e-10);
    expect(result.rows.ssr).toBeLessThan(1e-25);
  });

  it('with noise, lands within the statistics: |p̂ − p| below 4 standard errors, σ̂ near σ', () => {
    const noise = gaussian(7);
    const sigma = 0.01;
    const ys = XS.map((x) => exact(x) + sigma * noise());
    const result = levenbergMarquardt(curveProblem(3, decay, XS, ys), Float64Array.of(1, 1, 0));
    const stats = leastSquaresStatistics(result.rows, result.parameters);
    expect(result.stopped).toMatch(/^converged/);
    TRUE.forEach((p, j) => expect(Math.abs(result.parameters[j]! - p)).toBeLessThan(4 * stats.standardErrors[j]!));
    expect(stats.residualStandardDeviation).toBeGreaterThan(0.7 * sigma);
    expect(stats.residualStandardDeviation).toBeLessThan(1.3 * sigma);
    expect(stats.degreesOfFreedom).toBe(XS.length - 3);
    // The true value inside the 95% interval for every parameter (with this seed).
    TRUE.forEach((p, j) => {
      expect(stats.lower[j]!).toBeLessThan(p);
      expect(stats.upper[j]!).toBeGreaterThan(p);
    });
  });

  it('holds fixed parameters at their values and fits the others (fixParameters)', () => {
    const problem = curveProblem(3, decay, XS, XS.map(exact));
    // c held at its true value, a and b moving from a bad start.
    const moving = fixParameters(problem, Float64Array.of(1, 1, TRUE[2]!), [0, 1]);
    const result = levenbergMarquardt(moving, Float64Array.of(1, 1));
    expect(relative(result.parameters, TRUE.slice(0, 2))).toBeLessThan(1e-10);
    // c held at a wrong value: a and b absorb it, c does not move.
    const wrong = levenbergMarquardt(fixParameters(problem, Float64Array.of(1, 1, 0), [0, 1]), Float64Array.of(1, 1));
    expect(wrong.parameters.length).toBe(2);
    expect(wrong.rows.ssr).toBeGreaterThan(0.01);
  });

  it('survives trial steps that overflow: they are rejected and the radius shrinks', () => {
    // r = 2 − exp(20p) from p = −1: J = −20·e⁻²⁰ is tiny, so the first trial
    // (‖D·Δp‖ = Δ₀ = 100·‖D·p₀‖, Δp = 100) lands on exp(1980) = ∞.
    const model: Model = ([a]) => exp(mul(20, a!));
    const problem = curveProblem(1, model, [0], [2]);
    let nonFinite = 0;
    const counting: LeastSquaresProblem = {
      size: 1,
      evaluate(params, rows) {
        let ssr = 0;
        problem.evaluate(params, {
          addRow(r, j) {
            ssr += r * r;
            rows.addRow(r, j);
          },
          merge: (block) => rows.merge(block),
          copyFrom: (block) => rows.copyFrom(block),
        });
        if (!Number.isFinite(ssr)) nonFinite++;
      },
    };
    const result = levenbergMarquardt(counting, Float64Array.of(-1));
    expect(nonFinite).toBeGreaterThan(0);
    expect(result.stopped).toMatch(/^converged/);
    expect(relative(result.parameters, [Math.LN2 / 20])).toBeLessThan(1e-14);
  });

  it("stops with 'cannot-improve' against a wall of NaN, at the last finite point", () => {
    // r = p − 5 is NaN from p = 1 on: the minimum is out of reach.
    const wall: LeastSquaresProblem = {
      size: 1,
      evaluate([p], rows) {
        rows.addRow(p! < 1 ? p! - 5 : NaN, [1]);
      },
    };
    const result = levenbergMarquardt(wall, Float64Array.of(0));
    expect(result.stopped).toBe('cannot-improve');
    expect(result.parameters[0]).toBeLessThan(1);
    expect(result.parameters[0]).toBeGreaterThan(0.999);
  });

  it('fixParameters also cuts blocks merged from a worker to the moving columns', () => {
    const full = curveProblem(3, decay, XS, XS.map(exact));
    // The same rows, folded in two blocks of the full problem and merged in order.
    const blocked: LeastSquaresProblem = {
      size: 3,
      evaluate(params, rows) {
        for (const half of [XS.slice(0, 20), XS.slice(20)]) {
          const block = new QrAccumulator(3);
          curveProblem(3, decay, half, half.map(exact)).evaluate(params, block);
          rows.merge(block);
        }
      },
    };
    const values = Float64Array.of(1, 1, TRUE[2]!);
    const a = levenbergMarquardt(fixParameters(full, values, [0, 1]), Float64Array.of(1, 1));
    const b = levenbergMarquardt(fixParameters(blocked, values, [0, 1]), Float64Array.of(1, 1));
    expect(relative(b.parameters, TRUE.slice(0, 2))).toBeLessThan(1e-10);
    expect(relative(b.parameters, Array.from(a.parameters))).toBeLessThan(1e-12);
    expect(b.rows.rows).toBe(XS.length);
  });

  it("a start where the model is not finite stops at once with 'non-finite'", () => {
    const model: Model = ([a], x) => div(1, sub(a!, x));
    const result = levenbergMarquardt(curveProblem(1, model, [1, 2], [1, 1]), Float64Array.of(1));
    expect(result.stopped).toBe('non-finite');
    expect(result.evaluations).toBe(1);
    expect(Array.from(result.parameters)).toEqual([1]);
  });

  it("spends at most maxEvaluations passes and says so", () => {
    const problem = curveProblem(3, decay, XS, XS.map(exact));
    const result = levenbergMarquardt(problem, Float64Array.of(10, 5, 3), { maxEvaluations: 3 });
    expect(result.stopped).toBe('max-evaluations');
    expect(result.evaluations).toBe(3);
  });

  it('an exact fit stops with converged-gradient when r is 0', () => {
    const line: Model = ([a, b], x) => add(a!, mul(b!, x));
    const result = levenbergMarquardt(curveProblem(2, line, [0, 1, 2], [1, 3, 5]), Float64Array.of(1, 2));
    expect(result.stopped).toBe('converged-gradient');
    expect(result.evaluations).toBe(1);
  });

  it('reports every pass to onEvaluation with the best SSR so far, never rising', () => {
    const seen: number[] = [];
    const problem = curveProblem(3, decay, XS, XS.map(exact));
    const result = levenbergMarquardt(problem, Float64Array.of(10, 5, 3), { onEvaluation: (_, ssr) => seen.push(ssr) });
    expect(seen.length).toBe(result.evaluations);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeLessThanOrEqual(seen[i - 1]!);
  });
});
