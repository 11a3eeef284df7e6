import { describe, expect, it } from 'vitest';
import type { Objective } from '../../../../src/calculus/descent.js';
import { minimizeMeanLoss } from '../../../../src/calculus/fit/mean-loss.js';

// The tutorial data: y = 2x + 1 at x = 0..9, and the mean squared error of y_hat = w·x + b.
const XS = Array.from({ length: 10 }, (_, i) => i);
const YS = XS.map((x) => 2 * x + 1 + (x % 2 === 0 ? 0.1 : -0.1));

/** mean((y − (w·x + b))²) and its gradient, one pass. */
const mse: Objective = {
  size: 2,
  evaluate([w, b], grad) {
    let loss = 0;
    grad.fill(0);
    XS.forEach((x, i) => {
      const e = YS[i]! - (w! * x + b!);
      loss += e * e;
      grad[0] = grad[0]! - 2 * e * x;
      grad[1] = grad[1]! - 2 * e;
    });
    grad[0] = grad[0]! / XS.length;
    grad[1] = grad[1]! / XS.length;
    return loss / XS.length;
  },
};

/** The least-squares line from the closed form: w = cov(x, y)/var(x), b = ȳ − w·x̄. */
function leastSquaresLine(): [number, number] {
  const mx = XS.reduce((s, x) => s + x, 0) / XS.length;
  const my = YS.reduce((s, y) => s + y, 0) / YS.length;
  const sxy = XS.reduce((s, x, i) => s + (x - mx) * (YS[i]! - my), 0);
  const sxx = XS.reduce((s, x) => s + (x - mx) ** 2, 0);
  return [sxy / sxx, my - (sxy / sxx) * mx];
}

describe('minimizeMeanLoss', () => {
  it('gd: one step is x − lr·∇L; many steps reach the least-squares line', () => {
    const grad = new Float64Array(2);
    mse.evaluate(Float64Array.of(0, 0), grad);
    const one = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'gd', lr: 0.01, steps: 1 });
    expect(Array.from(one.point)).toEqual([-0.01 * grad[0]!, -0.01 * grad[1]!]);
    expect(one.steps).toBe(1);
    expect(one.stopped).toBe('steps');
    const many = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'gd', lr: 0.02, steps: 20_000 });
    const [w, b] = leastSquaresLine();
    expect(many.point[0]).toBeCloseTo(w, 10);
    expect(many.point[1]).toBeCloseTo(b, 10);
    expect(many.loss).toBeLessThan(many.before);
  });

  it('adam: the first step moves every parameter by lr against the gradient sign; it converges', () => {
    const one = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'adam', lr: 0.1, steps: 1 });
    // m̂ = g, v̂ = g²: the step is lr·g/(|g| + ε).
    expect(one.point[0]).toBeCloseTo(0.1, 8);
    expect(one.point[1]).toBeCloseTo(0.1, 8);
    const many = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'adam', lr: 0.05, steps: 5000 });
    const [w, b] = leastSquaresLine();
    expect(Math.abs(many.point[0]! - w)).toBeLessThan(1e-4);
    expect(Math.abs(many.point[1]! - b)).toBeLessThan(1e-3);
  });

  it("tol stops when a step changes the loss by at most tol relative to it, with 'tol'", () => {
    const r = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'gd', lr: 0.02, steps: 100_000, tol: 1e-6 });
    expect(r.stopped).toBe('tol');
    expect(r.steps).toBeLessThan(100_000);
    // The last step's relative change was within tol, the step before's was not.
    const before = minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'gd', lr: 0.02, steps: r.steps - 1 });
    expect(Math.abs(r.loss - before.loss)).toBeLessThanOrEqual(1e-6 * before.loss);
  });

  it('every: trajectory rows at step 0, every n steps and at the end', () => {
    const steps: number[] = [];
    minimizeMeanLoss(mse, Float64Array.of(0, 0), { method: 'adam', lr: 0.1, steps: 7, every: 3, onRow: (s) => steps.push(s) });
    expect(steps).toEqual([0, 3, 6, 7]);
  });

  it('a step to a non-finite loss is refused: the last finite point is kept', () => {
    // L = √w, smallest at the edge w = 0: a step of rate 4 from w = 1 lands on w = −1, √−1 = NaN.
    const sqrtLoss: Objective = {
      size: 1,
      evaluate([w], grad) {
        grad[0] = 0.5 / Math.sqrt(w!);
        return Math.sqrt(w!);
      },
    };
    const r = minimizeMeanLoss(sqrtLoss, Float64Array.of(1), { method: 'gd', lr: 4, steps: 10 });
    expect(r.stopped).toBe('non-finite');
    expect(r.steps).toBe(0);
    expect(Array.from(r.point)).toEqual([1]);
    expect(r.rejected).toBeNaN();
    const start = minimizeMeanLoss(sqrtLoss, Float64Array.of(-1), { method: 'gd', lr: 1, steps: 10 });
    expect(start.stopped).toBe('non-finite');
  });
});
