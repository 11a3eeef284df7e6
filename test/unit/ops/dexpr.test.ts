// Every op's symbolic derivative (dExpr) agrees with its numeric one (df), kinks included.
import { describe, expect, it } from 'vitest';
import { gradientGraph, localDerivativeExpr, ruleExpr } from '../../../src/calculus/derivative.js';
import { centralDifference } from '../../../src/calculus/finite-difference.js';
import { evaluate } from '../../../src/index.js';
import { unary } from '../../../src/ops/spec.js';
import { formatProgram, printExpression } from '../../../src/render/expression.js';
import { ExprBuilder } from '../../../src/calculus/expr-builder.js';
import type { Value } from '../../../src/graph/value.js';
import { localDerivative, referenceValue as computeForward } from '../../helpers/reference.js';
import { OPS, OP_NAMES, type OpName } from '../../../src/ops/table.js';
import { OP_FIXTURE, type OpFixture } from '../../helpers/op-fixture.js';

/** Where dExpr must equal df: every point of the op's fixture, domain edges and kinks included. */
const POINTS = (op: OpName): ReadonlyArray<readonly number[]> => {
  const c: OpFixture = OP_FIXTURE[op];
  return [...c.points, ...(c.edges ?? []).map((e) => e.at), c.point];
};

function same(a: number, b: number): boolean {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('dExpr matches df for every op', () => {
  for (const op of OP_NAMES) {
    it(op, () => {
      for (const xs of POINTS(op)) {
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

describe('a derivative rule may use every op', () => {
  it('the builder makes every op of the table by name', () => {
    for (const op of OP_NAMES) {
      const b = new ExprBuilder();
      const c: OpFixture = OP_FIXTURE[op];
      const inputs = c.point.map((x, i) => b.graph.variable(`x${i}`, x));
      const node = (b.op as (name: OpName, ...args: Value[]) => Value)(op, ...inputs);
      expect(node.op, op).toBe(op);
      expect(node.inputs).toEqual(inputs);
      expect(node.data).toBe(computeForward(node));
    }
  });

  it('a rule written with ops outside the old subset (a tanh-form gelu) compiles and differentiates', () => {
    const k = Math.sqrt(2 / Math.PI);
    const inner = (x: number): number => k * (x + 0.044715 * x * x * x);
    // A test-only op, not in the table: gelu(x) = x/2 (1 + tanh(k (x + 0.044715 x³))).
    const gelu = unary({
      calls: ['gelu'], doc: 'gelu, tanh form', rule: "gelu'(x)",
      f: (x) => 0.5 * x * (1 + Math.tanh(inner(x))),
      df: (x) => {
        const t = Math.tanh(inner(x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x);
      },
      // tanh and square: a rule could not build either before.
      dExpr: (e, x) => {
        const t = e.op('tanh', e.op('mul', e.num(k), e.op('add', x, e.op('mul', e.num(0.044715), e.op('pow', x, e.num(3))))));
        const slope = e.op('mul', e.num(k), e.op('add', e.num(1), e.op('mul', e.num(3 * 0.044715), e.op('square', x))));
        return e.op('add', e.op('mul', e.num(0.5), e.op('add', e.num(1), t)),
          e.op('mul', e.op('mul', e.num(0.5), x), e.op('mul', e.op('sub', e.num(1), e.op('square', t)), slope)));
      },
    });
    for (const x0 of [-3, -0.5, 0.25, 1, 2.5]) {
      const b = new ExprBuilder();
      const x = b.graph.variable('x', x0);
      const y = b.graph.variable('y', gelu.f(x0));
      const d = ruleExpr(gelu, b, [x], y, 0);
      expect(same(d.data, gelu.df(x0, gelu.f(x0))), `gelu'(${x0}): ${d.data} vs ${gelu.df(x0, gelu.f(x0))}`).toBe(true);
      const fd = centralDifference((p) => gelu.f(p[0]!), [x0], 0);
      expect(Math.abs(d.data - fd.value)).toBeLessThanOrEqual(1e-8);
      // The rule's graph differentiates again through the table: gelu'' against a difference of df.
      const [second] = gradientGraph(b, d, [x]);
      const fd2 = centralDifference((p) => gelu.df(p[0]!, gelu.f(p[0]!)), [x0], 0);
      expect(Math.abs(second!.data - fd2.value)).toBeLessThanOrEqual(1e-7);
      // The rule is a graph of table ops: it prints as a program that evaluates to the same number.
      const text = formatProgram(printExpression(b.graph.nodes, d));
      expect(text).toContain('tanh(');
      expect(evaluate(text, { x: x0 }).value).toBeCloseTo(d.data, 12);
    }
  });
});
