// Every op's symbolic derivative (dExpr) agrees with its numeric one (df), kinks included.
import { describe, expect, it } from 'vitest';
import { localDerivativeExpr } from '../../../src/calculus/derivative.js';
import { ExprBuilder } from '../../../src/calculus/expr-builder.js';
import { localDerivative } from '../../helpers/reference.js';
import { OPS, OP_NAMES, type OpName } from '../../../src/ops/table.js';

// Test points per op; the table is complete or this file does not compile.
const POINTS = {
  add: [[1, 2], [-0.5, 3]],
  sub: [[1, 2], [-0.5, 3]],
  mul: [[1.5, 2], [-0.5, 0]],
  div: [[1.5, 2], [-0.5, 4], [0, 3]],
  neg: [[0.7], [-2]],
  // pow kinks: y = 0 (any x, also x = 0) and x = 0 with y >= 0.
  pow: [[1.5, 2], [2, 0.5], [0.7, -1.5], [0, 0], [0, 2], [0, 0.5], [3, 0], [-2, 3]],
  sin: [[0.3], [-2]], cos: [[0.3], [-2]], tan: [[0.3], [-1.2]],
  asin: [[0.3], [-0.9]], acos: [[0.3], [-0.9]], atan: [[0.3], [-5]],
  atan2: [[1, 2], [-0.5, 0.3], [0, -1]],
  sinh: [[0.3], [-2]], cosh: [[0.3], [-2]], tanh: [[0.3], [-2]],
  asinh: [[0.3], [-20]], acosh: [[1.5], [10]], atanh: [[0.3], [-0.9]],
  exp: [[0.3], [-2]], expm1: [[1e-10], [2]],
  log: [[0.3], [20]], logb: [[8, 2], [1000, 10], [5, 3]],
  log2: [[0.3], [8]], log10: [[0.3], [1000]], log1p: [[1e-10], [3]],
  sqrt: [[0.3], [16]], cbrt: [[-8], [0.3]], square: [[0.3], [-2]],
  hypot: [[3, 4], [-1, 0.5], [0, 0]],
  abs: [[0.3], [-2], [0]],
  sign: [[0.3], [-2], [0]],
  relu: [[0.3], [-2], [0]],
  min: [[1, 2, 3], [2, 2], [0.5], [3, 1, 1]],
  max: [[1, 2, 3], [2, 2], [0.5], [0, 0, -1]],
  sigmoid: [[0.3], [-40], [40]],
  softplus: [[0.3], [-40], [40]],
} satisfies Record<OpName, ReadonlyArray<readonly number[]>>;

function same(a: number, b: number): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('dExpr matches df for every op', () => {
  for (const op of OP_NAMES) {
    it(op, () => {
      for (const xs of POINTS[op]) {
        const b = new ExprBuilder();
        const inputs = xs.map((x, i) => b.graph.variable(`x${i}`, x));
        const node = b.apply(op, inputs);
        for (let i = 0; i < xs.length; i++) {
          const symbolic = localDerivativeExpr(b, node, i).data;
          const numeric = localDerivative(node, i);
          expect(same(symbolic, numeric), `${op}(${xs.join(', ')}) d/dx${i}: ${symbolic} vs ${numeric}`).toBe(true);
        }
      }
    });
  }
});

describe('kink conventions in the symbolic form', () => {
  const at = (op: OpName, xs: readonly number[], i = 0): number => {
    const b = new ExprBuilder();
    const node = b.apply(op, xs.map((x, k) => b.graph.variable(`x${k}`, x)));
    return localDerivativeExpr(b, node, i).data;
  };
  it("abs'(0) = 0, relu'(0) = 0, sign' = 0", () => {
    expect(at('abs', [0])).toBe(0);
    expect(at('relu', [0])).toBe(0);
    expect(at('relu', [2])).toBe(1);
    expect(at('sign', [0])).toBe(0);
  });
  it('a tie in max or min splits the gradient evenly', () => {
    expect(at('max', [0, 0])).toBe(0.5);
    expect(at('max', [0, 0, -1], 2)).toBe(0);
    expect(at('min', [3, 1, 1], 1)).toBe(0.5);
    expect(at('min', [1, 1, 1], 0)).toBe(1 / 3);
  });
  it('pow: d/dx is 0 where y = 0, d/dy is 0 where x = 0 and y >= 0; hypot is 0 at the origin', () => {
    expect(at('pow', [0, 0], 0)).toBe(0);
    expect(at('pow', [0, 0], 1)).toBe(0);
    expect(at('pow', [0, 2], 1)).toBe(0);
    expect(at('hypot', [0, 0], 0)).toBe(0);
  });
  it('the table names the conventions', () => {
    expect(OPS.abs.kink).toBeDefined();
    expect(OPS.max.kink).toContain('evenly');
  });
});
