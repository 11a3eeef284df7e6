// A program fitted to data columns (the library's fit and the model behind
// `autograd fit`): parameters recovered, statistics against first principles,
// weights, fixed parameters, undetermined ones, overflowing trials, mean loss.
import { describe, expect, it } from 'vitest';
import { prepareFit } from '../../../src/calculus/fit-program.js';
import { levenbergMarquardt, type RowSink } from '../../../src/calculus/fit/index.js';
import { ArgumentError, fit, InputError, NameError, parse, type FitResult, type LeastSquaresFit } from '../../../src/index.js';

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function leastSquares(r: FitResult): LeastSquaresFit {
  if (r.method !== 'lm') throw new Error(`expected an lm fit, got ${r.method}`);
  return r;
}

/** A small deterministic generator of noise in [-1, 1). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

describe('least squares: parameters recovered', () => {
  it('noiseless Misra1a-like data: b1*(1-exp(-b2*x)) from a far start, to 1e-10 relative', () => {
    const b1 = 238.94212918;
    const b2 = 5.5015643181e-4;
    const x = Array.from({ length: 14 }, (_, i) => 77.6 + 55 * i);
    const y = x.map((v) => b1 * (1 - Math.exp(-b2 * v)));
    const r = leastSquares(fit('b1*(1-exp(-b2*x))', { x, y }, { y: 'y', at: { b1: 500, b2: 1e-4 } }));
    expect(r.converged).toBe(true);
    expect(relative(r.parameters.get('b1')!, b1)).toBeLessThan(1e-10);
    expect(relative(r.parameters.get('b2')!, b2)).toBeLessThan(1e-10);
    expect(r.residualSumOfSquares).toBeLessThan(1e-15);
  });

  it('noisy data: the truth lies inside the 95% intervals, and the errors shrink like 1/sqrt(n)', () => {
    const rand = noise(7);
    const x = Array.from({ length: 400 }, (_, i) => i / 40);
    const y = x.map((v) => 2.5 * Math.exp(-0.7 * v) + 0.3 + 0.01 * rand());
    const r = leastSquares(fit('a*exp(-k*x) + c', { x, y }, { y: 'y', at: { a: 1, k: 1, c: 0 } }));
    expect(r.converged).toBe(true);
    for (const [name, truth] of [['a', 2.5], ['k', 0.7], ['c', 0.3]] as const) {
      const [lo, hi] = r.confidenceIntervals.get(name)!;
      expect(lo).toBeLessThan(truth);
      expect(hi).toBeGreaterThan(truth);
      expect(r.standardErrors.get(name)!).toBeLessThan(0.01);
    }
    expect(r.degreesOfFreedom).toBe(397);
    expect(r.rows).toBe(400);
  });
});

describe('least squares: statistics from first principles', () => {
  // y = a*x + b is linear: every statistic has a closed form.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1, 18.0, 20.2];
  const n = x.length;

  it('the estimates, SSR, s, the covariance, the errors, the correlation and the t interval', () => {
    const mx = x.reduce((s, v) => s + v, 0) / n;
    const my = y.reduce((s, v) => s + v, 0) / n;
    const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const sxy = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0);
    const a = sxy / sxx;
    const b = my - a * mx;
    const ssr = x.reduce((s, v, i) => s + (y[i]! - a * v - b) ** 2, 0);
    const s2 = ssr / (n - 2);
    // (XᵀX)⁻¹ for the columns (x, 1): [[n, -Σx], [-Σx, Σx²]] / (n·Σx² − (Σx)²).
    const sumX = x.reduce((s, v) => s + v, 0);
    const sumX2 = x.reduce((s, v) => s + v * v, 0);
    const det = n * sumX2 - sumX ** 2;
    const varA = (s2 * n) / det;
    const varB = (s2 * sumX2) / det;
    const covAB = (-s2 * sumX) / det;
    const r = leastSquares(fit('a*x + b', { x, y }, { y: 'y', at: { a: 0, b: 0 } }));
    expect(relative(r.parameters.get('a')!, a)).toBeLessThan(1e-12);
    expect(Math.abs(r.parameters.get('b')! - b)).toBeLessThan(1e-12);
    expect(relative(r.residualSumOfSquares, ssr)).toBeLessThan(1e-10);
    expect(relative(r.residualStandardDeviation, Math.sqrt(s2))).toBeLessThan(1e-10);
    expect(r.degreesOfFreedom).toBe(8);
    expect(relative(r.standardErrors.get('a')!, Math.sqrt(varA))).toBeLessThan(1e-10);
    expect(relative(r.standardErrors.get('b')!, Math.sqrt(varB))).toBeLessThan(1e-10);
    expect(relative(r.covariance.get('a')!.get('b')!, covAB)).toBeLessThan(1e-10);
    expect(relative(r.correlation.get('b')!.get('a')!, covAB / Math.sqrt(varA * varB))).toBeLessThan(1e-10);
    // Student's t, 8 degrees of freedom, 0.975 quantile.
    const [lo, hi] = r.confidenceIntervals.get('a')!;
    expect(relative((hi - lo) / (2 * Math.sqrt(varA)), 2.3060041350333704)).toBeLessThan(1e-9);
  });

  it('weights: σ scaled by a constant changes nothing; a weighted fit matches the weighted closed form', () => {
    const sigma = x.map((v) => 0.1 + 0.05 * v);
    const r1 = leastSquares(fit('a*x + b', { x, y, s: sigma }, { y: 'y', weights: 's', at: { a: 0, b: 0 } }));
    const r2 = leastSquares(fit('a*x + b', { x, y, s: sigma.map((v) => 7 * v) }, { y: 'y', weights: 's', at: { a: 0, b: 0 } }));
    const w = sigma.map((s) => 1 / (s * s));
    const sw = w.reduce((s, v) => s + v, 0);
    const mx = w.reduce((s, v, i) => s + v * x[i]!, 0) / sw;
    const my = w.reduce((s, v, i) => s + v * y[i]!, 0) / sw;
    const a = w.reduce((s, v, i) => s + v * (x[i]! - mx) * (y[i]! - my), 0) / w.reduce((s, v, i) => s + v * (x[i]! - mx) ** 2, 0);
    expect(relative(r1.parameters.get('a')!, a)).toBeLessThan(1e-12);
    expect(Math.abs(r1.parameters.get('b')! - (my - a * mx))).toBeLessThan(1e-12);
    expect(relative(r2.parameters.get('a')!, a)).toBeLessThan(1e-12);
    expect(relative(r2.standardErrors.get('a')!, r1.standardErrors.get('a')!)).toBeLessThan(1e-9);
    expect(relative(r2.residualSumOfSquares, r1.residualSumOfSquares / 49)).toBeLessThan(1e-9);
    const unweighted = leastSquares(fit('a*x + b', { x, y }, { y: 'y', at: { a: 0, b: 0 } }));
    expect(relative(unweighted.parameters.get('a')!, a)).toBeGreaterThan(1e-6);
  });
});

describe('least squares: fixed, unused and wild parameters', () => {
  const x = [0, 1, 2, 3, 4, 5];
  const y = x.map((v) => 2 * v + 1 + 0.1 * Math.sin(v));

  it('wrt moves only the named parameters: the others keep their start and have no statistics', () => {
    const r = leastSquares(fit('a*x + b', { x, y }, { y: 'y', at: { a: 0, b: 1 }, wrt: ['a'] }));
    expect(r.parameters.get('b')).toBe(1);
    expect([...r.parameters.keys()]).toEqual(['a', 'b']);
    expect([...r.standardErrors.keys()]).toEqual(['a']);
    expect(r.degreesOfFreedom).toBe(5);
    // The one-parameter fit of y − 1 = a·x: a = Σx(y−1)/Σx².
    const a = x.reduce((s, v, i) => s + v * (y[i]! - 1), 0) / x.reduce((s, v) => s + v * v, 0);
    expect(relative(r.parameters.get('a')!, a)).toBeLessThan(1e-12);
  });

  it('a parameter the model does not use is undetermined: named, NaN errors, the others still right', () => {
    const r = leastSquares(fit('a*x + b + 0*c', { x, y }, { y: 'y', at: { a: 0, b: 0, c: 5 } }));
    const plain = leastSquares(fit('a*x + b', { x, y }, { y: 'y', at: { a: 0, b: 0 } }));
    expect(r.undetermined).toEqual(['c']);
    expect(r.standardErrors.get('c')).toBeNaN();
    expect(relative(r.standardErrors.get('a')!, plain.standardErrors.get('a')!)).toBeLessThan(1e-9);
    expect(r.parameters.get('c')).toBe(5);
  });

  it('a trial step that overflows is rejected and the fit still converges', () => {
    const xs = Float64Array.from({ length: 30 }, (_, i) => 10 * i);
    const ys = xs.map((v) => 3 * Math.exp(0.05 * v));
    const model = prepareFit(parse('a*exp(b*x)'), { names: ['x', 'y'], values: [xs, ys], rows: 30 },
      { at: new Map([['a', 1], ['b', -0.1]]), y: 'y' });
    let overflowed = 0;
    const watched = {
      size: model.problem.size,
      evaluate(p: Float64Array, sink: RowSink) {
        let finite = true;
        model.problem.evaluate(p, { addRow: (r, j) => { finite &&= Number.isFinite(r); sink.addRow(r, j); }, merge: (b) => sink.merge(b), copyFrom: (b) => sink.copyFrom(b) });
        if (!finite) overflowed++;
      },
    };
    const r = levenbergMarquardt(watched, model.start);
    expect(overflowed).toBeGreaterThan(0);
    expect(r.stopped.startsWith('converged')).toBe(true);
    expect(relative(r.parameters[0]!, 3)).toBeLessThan(1e-10);
    expect(relative(r.parameters[1]!, 0.05)).toBeLessThan(1e-10);
  });
});

describe('mean loss: the tutorial loops', () => {
  it('linear regression y_hat = w*x + b with gd and with adam', () => {
    const rows = [0, 1, 2, 3, 4].map((x) => ({ x, y: 2 * x + 1 }));
    const gd = fit('y_hat = w*x + b; (y - y_hat)^2', rows, { at: { w: 0, b: 0 }, method: 'gd', lr: 0.05, steps: 3000 });
    expect(gd.method).toBe('gd');
    expect(Math.abs(gd.parameters.get('w')! - 2)).toBeLessThan(1e-9);
    expect(Math.abs(gd.parameters.get('b')! - 1)).toBeLessThan(1e-9);
    const adam = fit('y_hat = w*x + b; (y - y_hat)^2', rows, { at: { w: 0, b: 0 }, lr: 0.05, steps: 3000 });
    expect(adam.method).toBe('adam');
    expect(Math.abs(adam.parameters.get('w')! - 2)).toBeLessThan(1e-3);
    expect(adam.stopped).toBe('steps');
  });

  it('logistic regression: the cross-entropy gradient vanishes at the end', () => {
    const rand = noise(3);
    const x = Array.from({ length: 200 }, () => 3 * rand());
    const t = x.map((v) => (rand() < Math.tanh(1.5 * v - 0.5) ? 1 : 0));
    const r = fit('p = sigmoid(w*x+b); -(t*log(p) + (1-t)*log(1-p))', { x, t }, { at: { w: 0, b: 0 }, method: 'gd', lr: 0.5, steps: 5000 });
    if (r.method === 'lm') throw new Error('expected a mean-loss fit');
    expect(r.loss).toBeLessThan(r.before);
    for (const g of r.gradient.values()) expect(Math.abs(g)).toBeLessThan(1e-6);
    expect(r.parameters.get('w')!).toBeGreaterThan(0);
  });

  it('tol stops early', () => {
    const r = fit('(y - w*x)^2', { x: [1, 2], y: [2, 4] }, { at: { w: 0 }, method: 'gd', lr: 0.1, steps: 100000, tol: 1e-12 });
    expect(r.stopped).toBe('tol');
    expect(r.iterations).toBeLessThan(100000);
  });
});

describe('fit: the data and the names', () => {
  it('columns and rows give the same fit', () => {
    const a = fit('k*x', { x: [1, 2, 3], y: [2, 4.1, 5.9] }, { y: 'y', at: { k: 1 } });
    const b = fit('k*x', [{ x: 1, y: 2 }, { x: 2, y: 4.1 }, { x: 3, y: 5.9 }], { y: 'y', at: { k: 1 } });
    expect(b.parameters.get('k')).toBe(a.parameters.get('k'));
  });

  it('a parameter without a start value is a NameError naming it, with "did you mean" against the columns', () => {
    expect(() => fit('k*xx', { x: [1, 2], y: [2, 4] }, { y: 'y', at: { k: 1 } })).toThrow(NameError);
    expect(() => fit('k*xx', { x: [1, 2], y: [2, 4] }, { y: 'y', at: { k: 1 } })).toThrow(/no start value for parameter 'xx' \(did you mean 'x'/);
  });

  it('bad data: ArgumentError for the wrong shape, InputError naming the row for a value the fit cannot use', () => {
    expect(() => fit('k*x', { x: [1, 2], y: [2] }, { y: 'y', at: { k: 1 } })).toThrow(ArgumentError);
    expect(() => fit('k*x', [{ x: 1, y: 2 }, { x: 2 }] as never, { y: 'y', at: { k: 1 } })).toThrow(/row 2/);
    expect(() => fit('k*x', { x: [1, NaN], y: [2, 4] }, { y: 'y', at: { k: 1 } })).toThrow(InputError);
    expect(() => fit('k*x', { x: [1, 2], y: [2, 4], s: [1, 0] }, { y: 'y', weights: 's', at: { k: 1 } })).toThrow(/row 2: .*σ must be positive/);
    expect(() => fit('k*x', { x: [], y: [] }, { y: 'y', at: { k: 1 } })).toThrow(/no rows/);
  });

  it('options that do not go together are ArgumentErrors that speak of the library\'s names', () => {
    expect(() => fit('k*x', { x: [1], y: [2] }, { at: { k: 1 }, method: 'lm' })).toThrow(ArgumentError);
    expect(() => fit('k*x', { x: [1], y: [2] }, { y: 'y', at: { k: 1 }, method: 'gd' })).toThrow(/drop y and/);
  });
});
