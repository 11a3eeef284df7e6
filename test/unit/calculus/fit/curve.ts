// Curve-fitting problems for the tests: rᵢ = wᵢ·(yᵢ − f(p, xᵢ)) with the exact
// Jacobian from dual numbers, rows produced on demand.
import type { LeastSquaresProblem } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { type Dual, mul, sub, variables } from './dual.js';

export type Model = (p: Dual[], x: number) => Dual;

/** A deterministic uniform stream in [0, 1) (a 32-bit LCG), so the tests see the same noise every run. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A standard normal stream (Box–Muller). */
export function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** The least-squares problem of `model` over the points (x, y), each weighted 1/σ. */
export function curveProblem(size: number, model: Model, xs: readonly number[], ys: readonly number[], sigmas?: readonly number[]): LeastSquaresProblem {
  return {
    size,
    evaluate(params, rows) {
      const p = variables(params);
      xs.forEach((x, i) => {
        const w = sigmas === undefined ? 1 : 1 / sigmas[i]!;
        const r = mul(w, sub(ys[i]!, model(p, x)));
        rows.addRow(r.v, r.d);
      });
    },
  };
}
