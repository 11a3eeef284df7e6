import { describe, expect, it } from 'vitest';
import { hessian } from '../../../src/calculus/hessian.js';
import { build } from '../../../src/graph/build.js';
import { parse } from '../../../src/syntax/parser.js';

function hessianAt(src: string, at: Record<string, number>) {
  const built = build(parse(src), new Map(Object.entries(at)));
  return hessian(built, [...built.variables]);
}

const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('hessian', () => {
  it('(sin(x2)+1)/(x2+exp(x1))+x1*x2 at x1=1.5, x2=0.5', () => {
    const h = hessianAt('(sin(x2)+1)/(x2+exp(x1))+x1*x2', { x1: 1.5, x2: 0.5 });
    // Rows and columns follow first appearance: x2, then x1.
    expect(h.names).toEqual(['x2', 'x1']);
    const expected = [[0.21353660026144577, 0.9487785711446157], [0.9487785711446157, -0.14302842455685488]]; // x1, x2 order
    const index = { x1: 1, x2: 0 } as const;
    for (const [i, a] of (['x1', 'x2'] as const).entries()) {
      for (const [j, b] of (['x1', 'x2'] as const).entries()) {
        const got = h.rows[index[a]]![index[b]]!;
        expect(Math.abs(got - expected[i]![j]!), `${a},${b}: ${got}`).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it("Rosenbrock's Hessian equals its closed form", () => {
    for (const [x, y] of [[-1.2, 1], [1, 1], [0.3, -2], [2.5, 0.7]] as const) {
      const h = hessianAt('(1-x)^2 + 100*(y-x^2)^2', { x, y });
      const closed = [[1200 * x * x - 400 * y + 2, -400 * x], [-400 * x, 200]];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) expect(close(h.rows[i]![j]!, closed[i]![j]!, 1e-12), `${x},${y}: ${h.rows[i]![j]}`).toBe(true);
      }
    }
  });

  it('linear terms give exact zeros, never an error', () => {
    expect(hessianAt('3*x + y - 2', { x: 1, y: 2 }).rows).toEqual([[0, 0], [0, 0]]);
    expect(hessianAt('x*y + z', { x: 1, y: 2, z: 3 }).rows).toEqual([[0, 1, 0], [1, 0, 0], [0, 0, 0]]);
    expect(hessianAt('relu(x) + abs(y)', { x: 1, y: -2 }).rows).toEqual([[0, 0], [0, 0]]);
    expect(hessianAt('2 + 3', {}).rows).toEqual([]);
  });

  it('is exactly symmetric', () => {
    const h = hessianAt('sin(x*y*z) + exp(x - z^2)/(1 + y^2)', { x: 0.3, y: -1.2, z: 0.8 });
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(h.rows[i]![j]).toBe(h.rows[j]![i]);
  });

  it('second derivatives of each smooth function agree with the closed forms', () => {
    const x = 0.4;
    const cases: Array<[string, number]> = [
      ['sin(x)', -Math.sin(x)], ['exp(x)', Math.exp(x)], ['log(x)', -1 / (x * x)], ['x^3', 6 * x],
      ['sqrt(x)', -0.25 * x ** -1.5], ['tanh(x)', -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
      ['sigmoid(x)', (() => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s) * (1 - 2 * s); })()],
      ['atan(x)', -2 * x / (1 + x * x) ** 2], ['2^x', Math.LN2 ** 2 * 2 ** x],
    ];
    for (const [src, d2] of cases) expect(close(hessianAt(src, { x }).rows[0]![0]!, d2, 1e-12), src).toBe(true);
  });
});
