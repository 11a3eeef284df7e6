// Central finite differences: the one numeric derivative that --check, the
// property tests and the compiled tape share.
//
//   ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),  error O(h²) + O(ε·|f|/h)
//
// Balancing the two terms gives h ≈ ε^(1/3), scaled to the size of x_i.

/** cbrt(machine epsilon) ≈ 6.06e-6. */
const CBRT_EPS = Math.cbrt(Number.EPSILON);

/** A function of a point (one number per variable) to a value. */
export type PointFunction = (point: Float64Array) => number;

/** The step for a coordinate of size x: cbrt(ε)·max(1, |x|), made exactly representable. */
export function differenceStep(x: number): number {
  const h = CBRT_EPS * Math.max(1, Math.abs(x));
  // NOTE: (x + h) − x is the step the machine really takes; dividing by it
  // instead of h removes the representation error of x + h.
  const exact = (x + h) - x;
  return exact > 0 ? exact : h;
}

export interface Difference {
  /** The central-difference estimate of ∂f/∂x_i. */
  readonly value: number;
  /** The step h used. */
  readonly step: number;
  /** Estimated rounding error of the estimate: a few ε·max|f| / h. */
  readonly noise: number;
}

/** ∂f/∂point[i] by central difference. `point` is not changed. */
export function centralDifference(f: PointFunction, point: ArrayLike<number>, i: number): Difference {
  const p = Float64Array.from(point as ArrayLike<number>);
  const x = p[i]!;
  const h = differenceStep(x);
  p[i] = x + h;
  const up = f(p);
  p[i] = x - h;
  const down = f(p);
  const noise = (4 * Number.EPSILON * Math.max(Math.abs(up), Math.abs(down))) / h;
  return { value: (up - down) / (2 * h), step: h, noise };
}

/** Every partial derivative of f at `point` by central differences. */
export function numericGradient(f: PointFunction, point: ArrayLike<number>): Float64Array {
  const g = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) g[i] = centralDifference(f, point, i).value;
  return g;
}
