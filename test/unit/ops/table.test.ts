// Every entry of the op table against Math and closed forms: its value, its
// exact derivative formula (written here, independently of table.ts) and a
// central difference, at ordinary points, domain edges and kinks.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, OPS, OP_NAMES, type OpName } from '../../../src/ops/table.js';
import type { OpSpec } from '../../../src/ops/spec.js';

type Args = readonly number[];

interface Case {
  /** Reference value: Math.* or a closed form. */
  readonly f: (...x: number[]) => number;
  /** Exact partial derivatives, one per argument. */
  readonly d: (...x: number[]) => number[];
  /** Smooth interior points: value, exact derivative and central difference. */
  readonly points: readonly Args[];
  /** Domain edges and kinks, with the value and derivatives the conventions give. */
  readonly edges?: ReadonlyArray<{ readonly at: Args; readonly y: number; readonly d: readonly number[] }>;
}

const sq = (x: number): number => x * x;
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

const CASES = {
  add: { f: (a, b) => a + b, d: () => [1, 1], points: [[1, 2], [-3.5, 0.25], [1e3, -1e-3]] },
  sub: { f: (a, b) => a - b, d: () => [1, -1], points: [[1, 2], [-3.5, 0.25]] },
  mul: { f: (a, b) => a * b, d: (a, b) => [b, a], points: [[2, 3], [-0.5, 7], [1e-3, 1e3]] },
  div: {
    f: (a, b) => a / b, d: (a, b) => [1 / b, -a / (b * b)], points: [[1, 2], [-3, 0.5], [7, -11]],
    edges: [{ at: [1, 0], y: Infinity, d: [Infinity, -Infinity] }, { at: [1e300, 1e-300], y: Infinity, d: [1e300, -Infinity] }],
  },
  neg: { f: (x) => -x, d: () => [-1], points: [[0.5], [-2]], edges: [{ at: [0], y: -0, d: [-1] }] },
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
  },
  sin: { f: Math.sin, d: (x) => [Math.cos(x)], points: [[0.5], [-2], [10]], edges: [{ at: [0], y: 0, d: [1] }] },
  cos: { f: Math.cos, d: (x) => [-Math.sin(x)], points: [[0.5], [-2], [10]], edges: [{ at: [0], y: 1, d: [-0] }] },
  tan: { f: (x) => Math.sin(x) / Math.cos(x), d: (x) => [1 / sq(Math.cos(x))], points: [[0.5], [-1.2], [3]] },
  asin: {
    f: Math.asin, d: (x) => [1 / Math.sqrt(1 - x * x)], points: [[0.5], [-0.9], [0.1]],
    edges: [{ at: [1], y: Math.PI / 2, d: [Infinity] }, { at: [-1], y: -Math.PI / 2, d: [Infinity] }, { at: [2], y: NaN, d: [NaN] }],
  },
  acos: {
    f: Math.acos, d: (x) => [-1 / Math.sqrt(1 - x * x)], points: [[0.5], [-0.9], [0.1]],
    edges: [{ at: [1], y: 0, d: [-Infinity] }, { at: [-1], y: Math.PI, d: [-Infinity] }],
  },
  atan: { f: Math.atan, d: (x) => [1 / (1 + x * x)], points: [[0.5], [-3], [100]], edges: [{ at: [1e200], y: Math.PI / 2, d: [0] }] },
  atan2: {
    f: Math.atan2, d: (y, x) => [x / (x * x + y * y), -y / (x * x + y * y)],
    points: [[1, 2], [-1, -2], [3, -0.5], [0.5, 0]],
    edges: [{ at: [1, 0], y: Math.PI / 2, d: [0, -1] }],
  },
  sinh: { f: (x) => (Math.exp(x) - Math.exp(-x)) / 2, d: (x) => [(Math.exp(x) + Math.exp(-x)) / 2], points: [[0.75], [-2], [5]] },
  cosh: { f: (x) => (Math.exp(x) + Math.exp(-x)) / 2, d: (x) => [(Math.exp(x) - Math.exp(-x)) / 2], points: [[0.75], [-2], [5]], edges: [{ at: [0], y: 1, d: [0] }] },
  tanh: {
    f: (x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), d: (x) => [1 / sq(Math.cosh(x))], points: [[0.75], [-2], [1.5]],
    edges: [{ at: [1000], y: 1, d: [0] }, { at: [-1000], y: -1, d: [0] }],
  },
  asinh: { f: (x) => Math.log(x + Math.sqrt(x * x + 1)), d: (x) => [1 / Math.sqrt(x * x + 1)], points: [[0.75], [2], [30]], edges: [{ at: [1e300], y: Math.asinh(1e300), d: [1e-300] }] },
  acosh: {
    f: (x) => Math.log(x + Math.sqrt(x * x - 1)), d: (x) => [1 / Math.sqrt(x * x - 1)], points: [[1.5], [3], [40]],
    edges: [{ at: [1], y: 0, d: [Infinity] }, { at: [0.5], y: NaN, d: [NaN] }],
  },
  atanh: {
    f: (x) => 0.5 * Math.log((1 + x) / (1 - x)), d: (x) => [1 / (1 - x * x)], points: [[0.5], [-0.75], [0.25]],
    edges: [{ at: [1], y: Infinity, d: [Infinity] }, { at: [-1], y: -Infinity, d: [Infinity] }],
  },
  exp: { f: (x) => Math.pow(Math.E, x), d: (x) => [Math.exp(x)], points: [[0.5], [-2], [3]], edges: [{ at: [1000], y: Infinity, d: [Infinity] }, { at: [-1000], y: 0, d: [0] }] },
  expm1: { f: (x) => Math.exp(x) - 1, d: (x) => [Math.exp(x)], points: [[0.5], [-2], [3]], edges: [{ at: [1e-20], y: 1e-20, d: [1] }] },
  log: {
    f: Math.log, d: (x) => [1 / x], points: [[0.5], [2], [1e5]],
    edges: [{ at: [0], y: -Infinity, d: [Infinity] }, { at: [-1], y: NaN, d: [-1] }, { at: [1], y: 0, d: [1] }],
  },
  logb: {
    f: (x, b) => Math.log(x) / Math.log(b),
    d: (x, b) => [1 / (x * Math.log(b)), -Math.log(x) / (b * sq(Math.log(b)))],
    points: [[8, 3], [0.5, 7], [100, 0.5]],
    edges: [{ at: [1000, 10], y: 3, d: [1 / (1000 * Math.LN10), -3 / (10 * Math.LN10)] }, { at: [8, 2], y: 3, d: [1 / (8 * Math.LN2), -3 / (2 * Math.LN2)] }],
  },
  log2: { f: (x) => Math.log(x) / Math.LN2, d: (x) => [1 / (x * Math.LN2)], points: [[0.7], [3], [1e5]], edges: [{ at: [1024], y: 10, d: [1 / (1024 * Math.LN2)] }] },
  log10: { f: (x) => Math.log(x) / Math.LN10, d: (x) => [1 / (x * Math.LN10)], points: [[0.7], [3], [1e5]], edges: [{ at: [1000], y: 3, d: [1 / (1000 * Math.LN10)] }] },
  log1p: { f: (x) => Math.log(1 + x), d: (x) => [1 / (1 + x)], points: [[0.5], [-0.5], [3]], edges: [{ at: [-1], y: -Infinity, d: [Infinity] }, { at: [1e-20], y: 1e-20, d: [1] }] },
  sqrt: {
    f: (x) => Math.pow(x, 0.5), d: (x) => [0.5 / Math.sqrt(x)], points: [[0.5], [2], [1e6]],
    edges: [{ at: [0], y: 0, d: [Infinity] }, { at: [-1], y: NaN, d: [NaN] }],
  },
  cbrt: {
    // the real cube root: odd, defined for negative x
    f: (x) => Math.sign(x) * Math.pow(Math.abs(x), 1 / 3),
    d: (x) => [1 / (3 * Math.pow(Math.abs(x), 2 / 3))],
    points: [[0.5], [-2], [27], [-8]],
    edges: [{ at: [-8], y: -2, d: [1 / 12] }, { at: [-27], y: -3, d: [1 / 27] }, { at: [0], y: 0, d: [Infinity] }],
  },
  square: { f: (x) => Math.pow(x, 2), d: (x) => [2 * x], points: [[0.5], [-3]], edges: [{ at: [0], y: 0, d: [0] }] },
  hypot: {
    f: (a, b) => Math.sqrt(a * a + b * b), d: (a, b) => [a / Math.sqrt(a * a + b * b), b / Math.sqrt(a * a + b * b)],
    points: [[3, 4], [-1, 2], [0.5, -0.25]],
    // NOTE: (0, 0) takes the subgradient 0, as abs'(0) = 0
    edges: [{ at: [0, 0], y: 0, d: [0, 0] }, { at: [1e200, 1e200], y: Math.SQRT2 * 1e200, d: [Math.SQRT1_2, Math.SQRT1_2] }],
  },
  abs: {
    f: (x) => (x < 0 ? -x : x), d: (x) => [x < 0 ? -1 : 1], points: [[0.5], [-2]],
    edges: [{ at: [0], y: 0, d: [0] }, { at: [-0], y: 0, d: [0] }],
  },
  sign: {
    f: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), d: () => [0], points: [[0.5], [-2]],
    edges: [{ at: [0], y: 0, d: [0] }, { at: [-3], y: -1, d: [0] }],
  },
  relu: { f: (x) => (x > 0 ? x : 0), d: (x) => [x > 0 ? 1 : 0], points: [[0.5], [-2]], edges: [{ at: [0], y: 0, d: [0] }] },
  min: {
    f: (...xs) => Math.min(...xs), d: (...xs) => xs.map((x) => (x === Math.min(...xs) ? 1 : 0)),
    points: [[3], [1, 2], [5, -1, 2], [0.5, 0.25, 0.75, 1]],
    edges: [
      { at: [0, 0], y: 0, d: [0.5, 0.5] },
      { at: [1, 1, 1], y: 1, d: [1 / 3, 1 / 3, 1 / 3] },
      { at: [2, 1, 1, 3], y: 1, d: [0, 0.5, 0.5, 0] },
    ],
  },
  max: {
    f: (...xs) => Math.max(...xs), d: (...xs) => xs.map((x) => (x === Math.max(...xs) ? 1 : 0)),
    points: [[3], [1, 2], [5, -1, 2], [0.5, 0.25, 0.75, 1]],
    edges: [
      // max(x, 0) at x = 0: the tie splits the gradient, 0.5 each
      { at: [0, 0], y: 0, d: [0.5, 0.5] },
      { at: [1, 1, 1], y: 1, d: [1 / 3, 1 / 3, 1 / 3] },
    ],
  },
  sigmoid: {
    f: logistic, d: (x) => [logistic(x) * logistic(-x)], points: [[0.5], [-2], [4]],
    edges: [
      { at: [0], y: 0.5, d: [0.25] },
      { at: [1000], y: 1, d: [0] },
      { at: [-1000], y: 0, d: [0] },
      { at: [-700], y: Math.exp(-700), d: [Math.exp(-700)] },
    ],
  },
  softplus: {
    f: (x) => Math.log(1 + Math.exp(x)), d: (x) => [logistic(x)], points: [[0.5], [-2], [4]],
    edges: [
      { at: [1000], y: 1000, d: [1] },
      { at: [-1000], y: 0, d: [0] },
      { at: [0], y: Math.LN2, d: [0.5] },
      { at: [-50], y: Math.exp(-50), d: [Math.exp(-50)] },
    ],
  },
} satisfies Record<OpName, Case>;

/** The op's value and its partials, straight from the table entry. */
function run(spec: OpSpec, x: Args): { y: number; d: number[] } {
  if (spec.arity === 1) {
    const y = spec.f(x[0]!);
    return { y, d: [spec.df(x[0]!, y)] };
  }
  if (spec.arity === 2) {
    const y = spec.f(x[0]!, x[1]!);
    return { y, d: [spec.da(x[0]!, x[1]!, y), spec.db(x[0]!, x[1]!, y)] };
  }
  const y = spec.f(x);
  const d = x.map((_, i) => spec.dx(x, y, i));
  if (spec.dxAll !== undefined) {
    // the one-pass form backward uses must agree with dx exactly
    const all: number[] = [];
    spec.dxAll(x, y, all);
    expect(all).toEqual(d);
  }
  return { y, d };
}

function value(spec: OpSpec, x: Args): number {
  return run(spec, x).y;
}

/** Same number: equal (signs of zero aside), both NaN, or within `rel`. */
function near(actual: number, expected: number, rel: number, abs = 0): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

/** Central difference of argument i, with a step scaled to the argument. */
function centralDifference(spec: OpSpec, x: Args, i: number): number {
  const h = 1e-6 * Math.max(1, Math.abs(x[i]!));
  const up = [...x];
  const down = [...x];
  up[i] = x[i]! + h;
  down[i] = x[i]! - h;
  return (value(spec, up) - value(spec, down)) / (up[i]! - down[i]!);
}

describe('the op table', () => {
  it('has a test case for every op and nothing else', () => {
    expect(Object.keys(CASES).sort()).toEqual([...OP_NAMES].sort());
  });

  it('offers every function of SPEC §2 with its arity', () => {
    const want: Array<[string, number]> = [
      ...'sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp expm1 log ln log2 log10 log1p sqrt cbrt abs sign square sigmoid relu softplus'
        .split(' ').map((n): [string, number] => [n, 1]),
      ['pow', 2], ['atan2', 2], ['hypot', 2], ['log', 2],
    ];
    for (const [name, arity] of want) {
      const arities = (FUNCTIONS.get(name) ?? []).map((op) => OPS[op].arity);
      expect(arities, name).toContain(arity);
    }
    for (const name of ['min', 'max']) expect((FUNCTIONS.get(name) ?? []).map((op) => OPS[op].arity)).toEqual(['n']);
  });

  for (const name of OP_NAMES) {
    const spec: OpSpec = OPS[name];
    const c: Case = CASES[name];
    describe(name, () => {
      it('value and derivative match the closed forms and a central difference', () => {
        for (const x of c.points) {
          const got = run(spec, x);
          expect(near(got.y, c.f(...x), 1e-12), `${name}(${x}) = ${got.y}, want ${c.f(...x)}`).toBe(true);
          const exact = c.d(...x);
          expect(got.d.length).toBe(x.length);
          for (let i = 0; i < x.length; i++) {
            expect(near(got.d[i]!, exact[i]!, 1e-12, 1e-15), `${name}'(${x})[${i}] = ${got.d[i]}, want ${exact[i]}`).toBe(true);
            const fd = centralDifference(spec, x, i);
            expect(near(got.d[i]!, fd, 1e-6, 1e-8), `${name}'(${x})[${i}] = ${got.d[i]}, central difference ${fd}`).toBe(true);
          }
        }
      });

      if (c.edges !== undefined) {
        it('follows the conventions at domain edges and kinks', () => {
          for (const e of c.edges!) {
            const got = run(spec, e.at);
            expect(near(got.y, e.y, 1e-12), `${name}(${e.at}) = ${got.y}, want ${e.y}`).toBe(true);
            for (let i = 0; i < e.d.length; i++) {
              expect(near(got.d[i]!, e.d[i]!, 1e-12), `${name}'(${e.at})[${i}] = ${got.d[i]}, want ${e.d[i]}`).toBe(true);
            }
          }
        });
      }
    });
  }

  it('keeps the sign of zero where Math does', () => {
    expect(Object.is(OPS.neg.f(0), -0)).toBe(true);
    expect(Object.is(OPS.sin.f(-0), -0)).toBe(true);
    expect(Object.is(OPS.cbrt.f(-0), -0)).toBe(true);
  });
});
