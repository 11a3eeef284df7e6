// Deep and large graphs through the symbolic layer: loops only, no stack overflow.
import { describe, expect, it } from 'vitest';
import { hessian } from '../../src/calculus/hessian.js';
import { symbolicGradient } from '../../src/calculus/symbolic-gradient.js';
import { build } from '../../src/graph/build.js';
import { evaluate, gradient } from '../../src/index.js';
import { formatProgram, printExpression } from '../../src/render/expression.js';
import { parse } from '../../src/syntax/parser.js';

describe('symbolic layer at scale', () => {
  it('diff and --hessian on a call chain 20,000 deep', () => {
    const depth = 20_000;
    const src = `${'sin('.repeat(depth)}x${')'.repeat(depth)}`;
    const at = new Map([['x', 0.5]]);
    const built = build(parse(src), at);
    const sg = symbolicGradient(built, [...built.variables]);
    const text = formatProgram(printExpression(sg.graph.nodes, sg.gradient[0]![1]));
    // The printed derivative parses back (deep nesting is cut into steps) and gives the gradient.
    const d = evaluate(text, at).value;
    const ad = gradient(src, at).gradient.get('x')!;
    expect(Math.abs(d - ad)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ad)));
    const h = hessian(built, [...built.variables]);
    expect(Number.isFinite(h.rows[0]![0]!)).toBe(true);
  });

  it('a 1,000,000-node graph: gradient graph, printing and Hessian', () => {
    const terms = 333_334;
    const src = `x${'*y + sin(x)'.repeat(terms)}`;
    const built = build(parse(src), new Map([['x', 0.5], ['y', 0.25]]));
    expect(built.graph.nodes.length).toBeGreaterThanOrEqual(1_000_000);
    const h = hessian(built, [...built.variables]);
    // f = x*y^n + sin(x)*y^(n-1) + … ; only the structure matters here: finite and symmetric.
    expect(h.rows[0]![1]).toBe(h.rows[1]![0]);
    expect(h.rows.flat().every(Number.isFinite)).toBe(true);
  });
});
