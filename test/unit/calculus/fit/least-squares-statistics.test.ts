import { describe, expect, it } from 'vitest';
import { leastSquaresStatistics } from '../../../../src/calculus/fit/least-squares-statistics.js';
import { levenbergMarquardt } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { curveProblem, gaussian, type Model } from './curve.js';
import { add, mul } from './dual.js';
import { T_QUANTILES } from './reference.js';

const quadratic: Model = ([a, b, c], x) => add(a!, add(mul(b!, x), mul(c!, x * x)));
const XS = Array.from({ length: 13 }, (_, i) => i - 4); // 13 rows, 3 parameters: 10 degrees of freedom
const noise = gaussian(3);
const YS = XS.map((x) => 1 + 0.5 * x - 0.25 * x * x + 0.1 * noise());
const SIGMAS = XS.map((_, i) => 0.5 + (i % 3));

/** (AᵀA)⁻¹ by Gauss–Jordan elimination with partial pivoting, from first principles. */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[pivot]![k]!)) pivot = i;
    [m[k], m[pivot]] = [m[pivot]!, m[k]!];
    const pk = m[k]![k]!;
    m[k] = m[k]!.map((v) => v / pk);
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = m[i]![k]!;
      m[i] = m[i]!.map((v, j) => v - f * m[k]![j]!);
    }
  }
  return m.map((row) => row.slice(n));
}

/** The weighted linear least-squares fit done by the normal equations, every quantity by its definition. */
function byDefinition(sigmas: readonly number[]) {
  const rows = XS.map((x, i) => [1, x, x * x].map((v) => v / sigmas[i]!));
  const rhs = YS.map((y, i) => y / sigmas[i]!);
  const jtj = [0, 1, 2].map((a) => [0, 1, 2].map((b) => rows.reduce((s, r) => s + r[a]! * r[b]!, 0)));
  const jty = [0, 1, 2].map((a) => rows.reduce((s, r, i) => s + r[a]! * rhs[i]!, 0));
  const inv = inverse(jtj);
  const params = inv.map((row) => row.reduce((s, v, j) => s + v * jty[j]!, 0));
  const ssr = rows.reduce((s, r, i) => s + (rhs[i]! - r.reduce((t, v, j) => t + v * params[j]!, 0)) ** 2, 0);
  const variance = ssr / (XS.length - 3);
  return { params, ssr, inv, covariance: inv.map((row) => row.map((v) => v * variance)) };
}

const close = (a: number, b: number, tol = 1e-10): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));

describe('leastSquaresStatistics', () => {
  it('equals the textbook normal-equations computation on a weighted quadratic', () => {
    const result = levenbergMarquardt(curveProblem(3, quadratic, XS, YS, SIGMAS), Float64Array.of(0, 0, 0));
    const stats = leastSquaresStatistics(result.rows, result.parameters);
    const reference = byDefinition(SIGMAS);
    reference.params.forEach((p, j) => close(result.parameters[j]!, p));
    close(stats.residualSumOfSquares, reference.ssr);
    expect(stats.rows).toBe(13);
    expect(stats.rank).toBe(3);
    expect(stats.degreesOfFreedom).toBe(10);
    expect(stats.undetermined).toEqual([]);
    close(stats.residualStandardDeviation, Math.sqrt(reference.ssr / 10));
    const t = Number(T_QUANTILES.find(([p, df]) => p === 0.975 && df === 10)![2]);
    close(stats.quantile, t, 1e-13);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const cov = reference.covariance[a]![b]!;
        close(stats.covariance[a * 3 + b]!, cov, 1e-9);
        close(stats.correlation[a * 3 + b]!, cov / Math.sqrt(reference.covariance[a]![a]! * reference.covariance[b]![b]!), 1e-9);
      }
      const se = Math.sqrt(reference.covariance[a]![a]!);
      close(stats.standardErrors[a]!, se, 1e-9);
      close(stats.lower[a]!, reference.params[a]! - t * se, 1e-9);
      close(stats.upper[a]!, reference.params[a]! + t * se, 1e-9);
    }
    expect([0, 4, 8].map((k) => stats.correlation[k])).toEqual([1, 1, 1]);
  });

  it('relative weights: scaling every σ by 10 changes neither the parameters nor the errors', () => {
    const fit = (sigmas: readonly number[]) => {
      const result = levenbergMarquardt(curveProblem(3, quadratic, XS, YS, sigmas), Float64Array.of(0, 0, 0));
      return { result, stats: leastSquaresStatistics(result.rows, result.parameters) };
    };
    const one = fit(SIGMAS);
    const ten = fit(SIGMAS.map((s) => 10 * s));
    for (let j = 0; j < 3; j++) {
      close(ten.result.parameters[j]!, one.result.parameters[j]!);
      close(ten.stats.standardErrors[j]!, one.stats.standardErrors[j]!, 1e-9);
    }
  });

  it('absolute σ: covariance (JᵀJ)⁻¹ unscaled, with the normal quantile', () => {
    const result = levenbergMarquardt(curveProblem(3, quadratic, XS, YS, SIGMAS), Float64Array.of(0, 0, 0));
    const stats = leastSquaresStatistics(result.rows, result.parameters, { absoluteSigma: true, level: 0.9 });
    const reference = byDefinition(SIGMAS);
    for (let j = 0; j < 3; j++) close(stats.standardErrors[j]!, Math.sqrt(reference.inv[j]![j]!), 1e-9);
    close(stats.quantile, 1.6448536269514722, 1e-14);
  });

  it('a parameter the model does not use is undetermined by index; the others keep their errors', () => {
    const unused: Model = ([a, b], x) => add(a!, mul(b!, x)); // a third parameter, never read
    const line: Model = ([a, b], x) => add(a!, mul(b!, x));
    const ys = XS.map((x) => 2 - x + 0.1 * noise());
    const three = levenbergMarquardt(curveProblem(3, unused, XS, ys), Float64Array.of(0, 0, 7));
    const two = levenbergMarquardt(curveProblem(2, line, XS, ys), Float64Array.of(0, 0));
    const s3 = leastSquaresStatistics(three.rows, three.parameters);
    const s2 = leastSquaresStatistics(two.rows, two.parameters);
    expect(three.stopped).toMatch(/^converged/);
    expect(three.parameters[2]).toBe(7);
    expect(s3.undetermined).toEqual([2]);
    expect(s3.rank).toBe(2);
    expect(s3.degreesOfFreedom).toBe(s2.degreesOfFreedom);
    expect(s3.standardErrors[2]).toBeNaN();
    expect(s3.covariance[2 * 3 + 0]).toBeNaN();
    for (let j = 0; j < 2; j++) close(s3.standardErrors[j]!, s2.standardErrors[j]!, 1e-9);
  });

  it('two parameters entering only as a product are both undetermined; an independent one is not', () => {
    const product: Model = ([a, b, c], x) => add(mul(mul(a!, b!), x), c!);
    const line: Model = ([k, c], x) => add(mul(k!, x), c!);
    const ys = XS.map((x) => 3 * x + 1 + 0.1 * noise());
    const fit = levenbergMarquardt(curveProblem(3, product, XS, ys), Float64Array.of(1, 2, 0));
    const stats = leastSquaresStatistics(fit.rows, fit.parameters);
    const reduced = levenbergMarquardt(curveProblem(2, line, XS, ys), Float64Array.of(0, 0));
    const rs = leastSquaresStatistics(reduced.rows, reduced.parameters);
    close(fit.parameters[0]! * fit.parameters[1]!, reduced.parameters[0]!, 1e-9);
    expect(stats.undetermined).toEqual([0, 1]);
    close(stats.standardErrors[2]!, rs.standardErrors[1]!, 1e-8);
  });

  it('no degrees of freedom: no residual deviation and no errors, nothing thrown', () => {
    const line: Model = ([a, b], x) => add(a!, mul(b!, x));
    const fit = levenbergMarquardt(curveProblem(2, line, [0, 1], [1, 4]), Float64Array.of(0, 0));
    const stats = leastSquaresStatistics(fit.rows, fit.parameters);
    expect(stats.degreesOfFreedom).toBe(0);
    expect(stats.residualStandardDeviation).toBeNaN();
    expect(Number.isNaN(stats.standardErrors[0]!)).toBe(true);
    expect(stats.undetermined).toEqual([]);
  });
});
