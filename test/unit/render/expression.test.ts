import { describe, expect, it } from 'vitest';
import { ExprBuilder } from '../../../src/calculus/expr-builder.js';
import { build, freeVariables } from '../../../src/graph/build.js';
import { Graph } from '../../../src/graph/value.js';
import { formatProgram, printExpression, printExpressions } from '../../../src/render/expression.js';
import { parse } from '../../../src/syntax/parser.js';
import { namedOps } from '../../helpers/named-ops.js';

function reprint(src: string, maxDepth?: number): string {
  const program = parse(src);
  const built = build(program, new Map(freeVariables(program).map((n) => [n, 1])));
  return formatProgram(printExpression(built.graph.nodes, built.output, { maxDepth }), '; ');
}

describe('expression printer', () => {
  it('uses the precedence and associativity of the op table, with minimal parentheses', () => {
    expect(reprint('2^3^2')).toBe('2^3^2');
    expect(reprint('(2^3)^2')).toBe('(2^3)^2');
    expect(reprint('a-(b-c)')).toBe('a - (b - c)');
    expect(reprint('(a-b)-c')).toBe('a - b - c');
    expect(reprint('a/(b*c)')).toBe('a/(b*c)');
    expect(reprint('(a/b)*c')).toBe('a/b*c');
    expect(reprint('((a+b))*((c))')).toBe('(a + b)*c');
    expect(reprint('a + b*c')).toBe('a + b*c');
  });

  it('keeps unary minus apart from powers and from other operators', () => {
    expect(reprint('-x^2')).toBe('-x^2');
    expect(reprint('(-x)^2')).toBe('(-x)^2');
    expect(reprint('-(x*y)')).toBe('-(x*y)');
    expect(reprint('-x*y')).toBe('-x*y');
    expect(reprint('a - -b')).toBe('a - (-b)');
    expect(reprint('2^-x')).toBe('2^(-x)');
    expect(reprint('--x')).toBe('-(-x)');
    expect(reprint('+x')).toBe('x');
  });

  it('prints calls by their first name and aliases canonically', () => {
    expect(reprint('ln(x) + log(x, 2) + pow(x, 2) + x**3')).toBe('log(x) + log(x, 2) + x^2 + x^3');
    expect(reprint('max(x, y, 0.5)')).toBe('max(x, y, 0.5)');
  });

  it('prints numbers at full precision, constants by value, and negative or non-finite constants so they parse back', () => {
    expect(reprint('0.1 + 1e-300*x + 2.5E+10')).toBe('0.1 + 1e-300*x + 25000000000');
    expect(reprint('pi*x')).toBe('3.141592653589793*x');
    const b = namedOps(new ExprBuilder());
    const x = b.graph.variable('x', 1);
    const show = (v: ReturnType<typeof b.num>): string => formatProgram(printExpression(b.graph.nodes, v));
    expect(show(b.mul(b.num(-3), x))).toBe('-3*x');
    const g = new Graph();
    const y = g.variable('y', 1);
    const raw = (c: number): string => formatProgram(printExpression(g.nodes, g.apply('mul', [y, g.constant(c)])));
    expect(raw(-3)).toBe('y*(-3)');
    expect(raw(-0)).toBe('y*(-0)');
    expect(raw(Infinity)).toBe('y*(1/0)');
    expect(raw(-Infinity)).toBe('y*(-1/0)');
    expect(raw(NaN)).toBe('y*(0/0)');
    expect(formatProgram(printExpression(g.nodes, g.apply('pow', [g.constant(-2), y])))).toBe('(-2)^y');
  });

  it('names shared subexpressions as steps, avoiding the names of variables', () => {
    expect(reprint('t = sin(x); t*t')).toBe('t1 = sin(x); t1*t1');
    expect(reprint('u = t1 + t2; u*u + t3')).toBe('t4 = t1 + t2; t4*t4 + t3');
  });

  it('cuts deep nesting into steps', () => {
    const src = `${'sin('.repeat(10)}x${')'.repeat(10)}`;
    expect(reprint(src, 4)).toBe('t1 = sin(sin(sin(sin(x)))); t2 = sin(sin(sin(sin(t1)))); sin(sin(t2))');
    const deep = `${'sin('.repeat(5000)}x${')'.repeat(5000)}`;
    const out = reprint(deep);
    expect(reprint(out)).toBe(out);
    expect(out.split(';').length).toBe(25);
  });
});

describe('simplifying builder', () => {
  it('folds constants, applies 0 and 1 identities and shares equal nodes', () => {
    const b = namedOps(new ExprBuilder());
    const x = b.graph.variable('x', 2);
    const show = (v: ReturnType<typeof b.num>): string => formatProgram(printExpression(b.graph.nodes, v), '; ');
    expect(show(b.add(b.mul(b.num(2), b.num(3)), x))).toBe('6 + x');
    expect(show(b.mul(b.num(0), b.sin(x)))).toBe('0');
    expect(show(b.mul(b.num(1), b.add(x, b.num(0))))).toBe('x');
    expect(show(b.pow(x, b.num(1)))).toBe('x');
    expect(show(b.pow(x, b.num(0)))).toBe('1');
    expect(show(b.div(x, b.num(1)))).toBe('x');
    expect(show(b.neg(b.neg(x)))).toBe('x');
    expect(show(b.add(x, b.neg(b.sin(x))))).toBe('x - sin(x)');
    expect(show(b.sub(x, b.neg(x)))).toBe('x + x');
    expect(show(b.mul(b.neg(x), b.cos(x)))).toBe('-(x*cos(x))');
    expect(b.sin(x)).toBe(b.sin(x));
    expect(show(b.mul(b.sin(x), b.sin(x)))).toBe('t1 = sin(x); t1*t1');
  });

  it('does not fold to NaN or Infinity', () => {
    const b = namedOps(new ExprBuilder());
    const show = (v: ReturnType<typeof b.num>): string => formatProgram(printExpression(b.graph.nodes, v));
    expect(show(b.log(b.num(0)))).toBe('log(0)');
    expect(show(b.div(b.num(1), b.num(0)))).toBe('1/0');
  });
});

describe('printing several expressions at once', () => {
  it('shares steps across roots; a root used elsewhere or given twice becomes a step', () => {
    const built = build(parse('t = exp(x); u = t*t; u + sin(t)'), new Map([['x', 0]]));
    const [, t, u] = built.graph.nodes;
    expect(printExpressions(built.graph.nodes, [t!, built.output])).toEqual({
      steps: [['t1', 'exp(x)']], results: ['t1', 't1*t1 + sin(t1)'],
    });
    expect(printExpressions(built.graph.nodes, [u!, u!, built.graph.nodes[0]!])).toEqual({
      steps: [['t1', 'exp(x)'], ['t2', 't1*t1']], results: ['t2', 't2', 'x'],
    });
    // One root is exactly printExpression, deep roots are not cut at the top.
    const deep = build(parse(`${'sin('.repeat(10)}x${')'.repeat(10)}`), new Map([['x', 1]]));
    const one = printExpressions(deep.graph.nodes, [deep.output], { maxDepth: 4 });
    expect(one).toEqual({ steps: printExpression(deep.graph.nodes, deep.output, { maxDepth: 4 }).steps, results: ['sin(sin(t2))'] });
  });
});
