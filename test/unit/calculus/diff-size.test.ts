// diff output stays linear in the input's size: shared subexpressions are steps.
import { describe, expect, it } from 'vitest';
import { symbolicGradient } from '../../../src/calculus/symbolic-gradient.js';
import { build } from '../../../src/graph/build.js';
import { formatProgram, printExpression } from '../../../src/render/expression.js';
import { parse } from '../../../src/syntax/parser.js';

/** sin(exp(sin(exp(…x…)))), `depth` calls deep. */
function nested(depth: number): string {
  let s = 'x';
  for (let i = 0; i < depth; i++) s = `${i % 2 === 0 ? 'exp' : 'sin'}(${s})`;
  return s;
}

function diffText(src: string): string {
  const built = build(parse(src), new Map([['x', NaN]]));
  const sg = symbolicGradient(built, [...built.variables]);
  return formatProgram(printExpression(sg.graph.nodes, sg.gradient[0]![1]));
}

describe('diff output size', () => {
  it('grows linearly on sin(exp(sin(exp(…x…)))) at depth 1…50', () => {
    let previous = 0;
    for (let depth = 1; depth <= 50; depth++) {
      const src = nested(depth);
      const length = diffText(src).length;
      // About 16 characters per level (measured); a swelling tree would grow quadratically.
      expect(length, `depth ${depth}`).toBeLessThanOrEqual(4 * src.length + 10);
      expect(length - previous, `depth ${depth}`).toBeLessThanOrEqual(20);
      previous = length;
    }
  });

  it('prints the classic example compactly', () => {
    expect(diffText('sin(exp(sin(exp(x))))')).toBe('t1 = exp(x)\nt2 = exp(sin(t1))\ncos(t2)*t2*cos(t1)*t1');
  });
});
