// The test data of every op, in one typed fixture: adding an op to the table
// does not compile until it has an entry here, with every field.
import { OP_NAMES, type OpName } from '../../src/ops/table.js';

type Args = readonly number[];

/** What the tests know about one op, independently of src/ops/table.ts. */
export interface OpFixture {
  /** Reference value: Math.* or a closed form. */
  readonly f: (...x: number[]) => number;
  /** Exact partial derivatives, one per argument. */
  readonly d: (...x: number[]) => number[];
  /** Smooth interior points: value, exact derivative and central difference. */
  readonly points: readonly Args[];
  /** Domain edges and kinks, with the value and derivatives the conventions give. */
  readonly edges?: ReadonlyArray<{ readonly at: Args; readonly y: number; readonly d: readonly number[] }>;
  /** One ordinary in-domain point (for --check). */
  readonly point: Args;
  /**
   * For random programs: each argument's wrapper that keeps it inside the
   * op's domain (`#` is the argument); none where the op is defined everywhere.
   */
  readonly domain: readonly string[];
  /** False for an op with a kink or a narrow domain, where finite differences across the kink mean nothing. */
  readonly smooth: boolean;
}

const sq = (x: number): number => x * x;
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

export const OP_FIXTURE = {
  add: {
    f: (a, b) => a + b, d: () => [1, 1], points: [[1, 2], [-3.5, 0.25], [1e3, -1e-3]],
    point: [1.5, -0.7], domain: [], smooth: true,
  },
  sub: {
    f: (a, b) => a - b, d: () => [1, -1], points: [[1, 2], [-3.5, 0.25]],
    point: [1.5, -0.7], domain: [], smooth: true,
  },
  mul: {
    f: (a, b) => a * b, d: (a, b) => [b, a], points: [[2, 3], [-0.5, 7], [1e-3, 1e3]],
    point: [1.3, -0.7], domain: [], smooth: true,
  },
  div: {
    f: (a, b) => a / b, d: (a, b) => [1 / b, -a / (b * b)], points: [[1, 2], [-3, 0.5], [7, -11]],
    edges: [{ at: [1, 0], y: Infinity, d: [Infinity, -Infinity] }, { at: [1e300, 1e-300], y: Infinity, d: [1e300, -Infinity] }],
    point: [1.3, -0.7], domain: ['#', '(1 + square(#))'], smooth: false,
  },
  neg: {
    f: (x) => -x, d: () => [-1], points: [[0.5], [-2]], edges: [{ at: [0], y: -0, d: [-1] }],
    point: [0.8], domain: [], smooth: true,
  },
  pow: {
    f: (a, b) => Math.exp(b * Math.log(a)),
    d: (a, b) => [b * Math.pow(a, b - 1), Math.pow(a, b) * Math.log(a)],
    points: [[2, 3], [1.5, -0.5], [0.3, 2.5], [4, 0.5]],
    edges: [
      // d/dy x^y = 0 at x = 0, y >= 0 (PyTorch), not 0 * log(0) = NaN
      { at: [0, 2], y: 0, d: [0, 0] },
      { at: [0, 0], y: 1, d: [0, 0] },
      { at: [0, 0.5], y: 0, d: [Infinity, 0] },
      { at: [-2, 3], y: -8, d: [12, NaN] },
      { at: [-2, 2], y: 4, d: [-4, NaN] },
      { at: [5, 0], y: 1, d: [0, Math.log(5)] },
    ],
    point: [1.7, 2.3], domain: ['(0.5 + square(#))', '#'], smooth: false,
  },
  sin: {
    f: Math.sin, d: (x) => [Math.cos(x)], points: [[0.5], [-2], [10]], edges: [{ at: [0], y: 0, d: [1] }],
    point: [0.9], domain: [], smooth: true,
  },
  cos: {
    f: Math.cos, d: (x) => [-Math.sin(x)], points: [[0.5], [-2], [10]], edges: [{ at: [0], y: 1, d: [-0] }],
    point: [0.9], domain: [], smooth: true,
  },
  tan: {
    f: (x) => Math.sin(x) / Math.cos(x), d: (x) => [1 / sq(Math.cos(x))], points: [[0.5], [-1.2], [3]],
    point: [0.4], domain: [], smooth: false,
  },
  asin: {
    f: Math.asin, d: (x) => [1 / Math.sqrt(1 - x * x)], points: [[0.5], [-0.9], [0.1]],
    edges: [{ at: [1], y: Math.PI / 2, d: [Infinity] }, { at: [-1], y: -Math.PI / 2, d: [Infinity] }, { at: [2], y: NaN, d: [NaN] }],
    point: [0.3], domain: ['0.9*tanh(#)'], smooth: false,
  },
  acos: {
    f: Math.acos, d: (x) => [-1 / Math.sqrt(1 - x * x)], points: [[0.5], [-0.9], [0.1]],
    edges: [{ at: [1], y: 0, d: [-Infinity] }, { at: [-1], y: Math.PI, d: [-Infinity] }],
    point: [-0.4], domain: ['0.9*tanh(#)'], smooth: false,
  },
  atan: {
    f: Math.atan, d: (x) => [1 / (1 + x * x)], points: [[0.5], [-3], [100]], edges: [{ at: [1e200], y: Math.PI / 2, d: [0] }],
    point: [2], domain: [], smooth: true,
  },
  atan2: {
    f: Math.atan2, d: (y, x) => [x / (x * x + y * y), -y / (x * x + y * y)],
    points: [[1, 2], [-1, -2], [3, -0.5], [0.5, 0]],
    edges: [{ at: [1, 0], y: Math.PI / 2, d: [0, -1] }],
    point: [0.5, -1.2], domain: [], smooth: false,
  },
  sinh: {
    f: (x) => (Math.exp(x) - Math.exp(-x)) / 2, d: (x) => [(Math.exp(x) + Math.exp(-x)) / 2], points: [[0.75], [-2], [5]],
    point: [0.7], domain: [], smooth: true,
  },
  cosh: {
    f: (x) => (Math.exp(x) + Math.exp(-x)) / 2, d: (x) => [(Math.exp(x) - Math.exp(-x)) / 2], points: [[0.75], [-2], [5]], edges: [{ at: [0], y: 1, d: [0] }],
    point: [-0.6], domain: [], smooth: true,
  },
  tanh: {
    f: (x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), d: (x) => [1 / sq(Math.cosh(x))], points: [[0.75], [-2], [1.5]],
    edges: [{ at: [1000], y: 1, d: [0] }, { at: [-1000], y: -1, d: [0] }],
    point: [0.5], domain: [], smooth: true,
  },
  asinh: {
    f: (x) => Math.log(x + Math.sqrt(x * x + 1)), d: (x) => [1 / Math.sqrt(x * x + 1)], points: [[0.75], [2], [30]], edges: [{ at: [1e300], y: Math.asinh(1e300), d: [1e-300] }],
    point: [1.5], domain: [], smooth: true,
  },
  acosh: {
    f: (x) => Math.log(x + Math.sqrt(x * x - 1)), d: (x) => [1 / Math.sqrt(x * x - 1)], points: [[1.5], [3], [40]],
    edges: [{ at: [1], y: 0, d: [Infinity] }, { at: [0.5], y: NaN, d: [NaN] }],
    point: [1.8], domain: ['(1.5 + square(#))'], smooth: false,
  },
  atanh: {
    f: (x) => 0.5 * Math.log((1 + x) / (1 - x)), d: (x) => [1 / (1 - x * x)], points: [[0.5], [-0.75], [0.25]],
    edges: [{ at: [1], y: Infinity, d: [Infinity] }, { at: [-1], y: -Infinity, d: [Infinity] }],
    point: [0.3], domain: ['0.9*tanh(#)'], smooth: false,
  },
  exp: {
    f: (x) => Math.pow(Math.E, x), d: (x) => [Math.exp(x)], points: [[0.5], [-2], [3]], edges: [{ at: [1000], y: Infinity, d: [Infinity] }, { at: [-1000], y: 0, d: [0] }],
    point: [1.2], domain: [], smooth: true,
  },
  expm1: {
    f: (x) => Math.exp(x) - 1, d: (x) => [Math.exp(x)], points: [[0.5], [-2], [3]], edges: [{ at: [1e-20], y: 1e-20, d: [1] }],
    point: [-0.3], domain: [], smooth: true,
  },
  log: {
    f: Math.log, d: (x) => [1 / x], points: [[0.5], [2], [1e5]],
    edges: [{ at: [0], y: -Infinity, d: [Infinity] }, { at: [-1], y: NaN, d: [-1] }, { at: [1], y: 0, d: [1] }],
    point: [2.5], domain: ['(0.5 + square(#))'], smooth: false,
  },
  logb: {
    f: (x, b) => Math.log(x) / Math.log(b),
    d: (x, b) => [1 / (x * Math.log(b)), -Math.log(x) / (b * sq(Math.log(b)))],
    points: [[8, 3], [0.5, 7], [100, 0.5]],
    edges: [{ at: [1000, 10], y: 3, d: [1 / (1000 * Math.LN10), -3 / (10 * Math.LN10)] }, { at: [8, 2], y: 3, d: [1 / (8 * Math.LN2), -3 / (2 * Math.LN2)] }],
    point: [3.5, 2.2], domain: ['(0.5 + square(#))', '(2 + square(#))'], smooth: false,
  },
  log2: {
    f: (x) => Math.log(x) / Math.LN2, d: (x) => [1 / (x * Math.LN2)], points: [[0.7], [3], [1e5]], edges: [{ at: [1024], y: 10, d: [1 / (1024 * Math.LN2)] }],
    point: [5], domain: ['(0.5 + square(#))'], smooth: false,
  },
  log10: {
    f: (x) => Math.log(x) / Math.LN10, d: (x) => [1 / (x * Math.LN10)], points: [[0.7], [3], [1e5]], edges: [{ at: [1000], y: 3, d: [1 / (1000 * Math.LN10)] }],
    point: [0.7], domain: ['(0.5 + square(#))'], smooth: false,
  },
  log1p: {
    f: (x) => Math.log(1 + x), d: (x) => [1 / (1 + x)], points: [[0.5], [-0.5], [3]], edges: [{ at: [-1], y: -Infinity, d: [Infinity] }, { at: [1e-20], y: 1e-20, d: [1] }],
    point: [0.4], domain: ['square(#)'], smooth: false,
  },
  sqrt: {
    f: (x) => Math.pow(x, 0.5), d: (x) => [0.5 / Math.sqrt(x)], points: [[0.5], [2], [1e6]],
    edges: [{ at: [0], y: 0, d: [Infinity] }, { at: [-1], y: NaN, d: [NaN] }],
    point: [2], domain: ['(0.5 + square(#))'], smooth: false,
  },
  cbrt: {
    // the real cube root: odd, defined for negative x
    f: (x) => Math.sign(x) * Math.pow(Math.abs(x), 1 / 3),
    d: (x) => [1 / (3 * Math.pow(Math.abs(x), 2 / 3))],
    points: [[0.5], [-2], [27], [-8]],
    edges: [{ at: [-8], y: -2, d: [1 / 12] }, { at: [-27], y: -3, d: [1 / 27] }, { at: [0], y: 0, d: [Infinity] }],
    point: [-3], domain: [], smooth: false,
  },
  square: {
    f: (x) => Math.pow(x, 2), d: (x) => [2 * x], points: [[0.5], [-3]], edges: [{ at: [0], y: 0, d: [0] }],
    point: [1.3], domain: [], smooth: true,
  },
  hypot: {
    f: (a, b) => Math.sqrt(a * a + b * b), d: (a, b) => [a / Math.sqrt(a * a + b * b), b / Math.sqrt(a * a + b * b)],
    points: [[3, 4], [-1, 2], [0.5, -0.25]],
    // NOTE: (0, 0) takes the subgradient 0, as abs'(0) = 0
    edges: [{ at: [0, 0], y: 0, d: [0, 0] }, { at: [1e200, 1e200], y: Math.SQRT2 * 1e200, d: [Math.SQRT1_2, Math.SQRT1_2] }],
    point: [3, -4], domain: [], smooth: false,
  },
  abs: {
    f: (x) => (x < 0 ? -x : x), d: (x) => [x < 0 ? -1 : 1], points: [[0.5], [-2]],
    edges: [{ at: [0], y: 0, d: [0] }, { at: [-0], y: 0, d: [0] }],
    point: [-1.5], domain: [], smooth: false,
  },
  sign: {
    f: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), d: () => [0], points: [[0.5], [-2]],
    edges: [{ at: [0], y: 0, d: [0] }, { at: [-3], y: -1, d: [0] }],
    point: [0.5], domain: [], smooth: false,
  },
  relu: {
    f: (x) => (x > 0 ? x : 0), d: (x) => [x > 0 ? 1 : 0], points: [[0.5], [-2]], edges: [{ at: [0], y: 0, d: [0] }],
    point: [0.5], domain: [], smooth: false,
  },
  min: {
    f: (...xs) => Math.min(...xs), d: (...xs) => xs.map((x) => (x === Math.min(...xs) ? 1 : 0)),
    points: [[3], [1, 2], [5, -1, 2], [0.5, 0.25, 0.75, 1]],
    edges: [
      { at: [0, 0], y: 0, d: [0.5, 0.5] },
      { at: [1, 1, 1], y: 1, d: [1 / 3, 1 / 3, 1 / 3] },
      { at: [2, 1, 1, 3], y: 1, d: [0, 0.5, 0.5, 0] },
    ],
    point: [0.3, -1.2, 2], domain: [], smooth: false,
  },
  max: {
    f: (...xs) => Math.max(...xs), d: (...xs) => xs.map((x) => (x === Math.max(...xs) ? 1 : 0)),
    points: [[3], [1, 2], [5, -1, 2], [0.5, 0.25, 0.75, 1]],
    edges: [
      // max(x, 0) at x = 0: the tie splits the gradient, 0.5 each
      { at: [0, 0], y: 0, d: [0.5, 0.5] },
      { at: [1, 1, 1], y: 1, d: [1 / 3, 1 / 3, 1 / 3] },
    ],
    point: [0.3, -1.2, 2], domain: [], smooth: false,
  },
  sigmoid: {
    f: logistic, d: (x) => [logistic(x) * logistic(-x)], points: [[0.5], [-2], [4]],
    edges: [
      { at: [0], y: 0.5, d: [0.25] },
      { at: [1000], y: 1, d: [0] },
      { at: [-1000], y: 0, d: [0] },
      { at: [-700], y: Math.exp(-700), d: [Math.exp(-700)] },
    ],
    point: [0.7], domain: [], smooth: true,
  },
  softplus: {
    f: (x) => Math.log(1 + Math.exp(x)), d: (x) => [logistic(x)], points: [[0.5], [-2], [4]],
    edges: [
      { at: [1000], y: 1000, d: [1] },
      { at: [-1000], y: 0, d: [0] },
      { at: [0], y: Math.LN2, d: [0.5] },
      { at: [-50], y: Math.exp(-50), d: [Math.exp(-50)] },
    ],
    point: [-0.5], domain: [], smooth: true,
  },
} satisfies Record<OpName, OpFixture>;

/** One field of every op's fixture, by op name (`fixtureField('point').sin`). */
export function fixtureField<K extends keyof OpFixture>(field: K): Record<OpName, OpFixture[K]> {
  const out: Partial<Record<OpName, OpFixture[K]>> = {};
  for (const name of OP_NAMES) out[name] = (OP_FIXTURE[name] as OpFixture)[field];
  return out as Record<OpName, OpFixture[K]>;
}
