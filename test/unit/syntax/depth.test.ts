// Nesting depth: 10,000 levels of parentheses and of calls parse, evaluate and
// differentiate, in the library and through the binary; deeper than MAX_DEPTH
// is a clean parse error (exit 2), never a stack overflow.
import { describe, expect, it } from 'vitest';
import { gradient, parse, ParseError } from '../../../src/index.js';
import { MAX_DEPTH } from '../../../src/syntax/builder.js';
import { hasStackFrame, runCli } from '../../helpers/cli.js';

const parens = (n: number, inner = 'x'): string => '('.repeat(n) + inner + ')'.repeat(n);
const calls = (n: number, fn: string, inner = 'x'): string => `${fn}(`.repeat(n) + inner + ')'.repeat(n);

/** sin applied n times and its derivative: the product of the cosines, multiplied from the output down as backward does. */
function sinChain(n: number, x: number): { y: number; dy: number } {
  const inputs: number[] = [];
  let y = x;
  for (let i = 0; i < n; i++) {
    inputs.push(y);
    y = Math.sin(y);
  }
  let dy = 1;
  for (let i = n - 1; i >= 0; i--) dy *= Math.cos(inputs[i]!);
  return { y, dy };
}

describe('deep nesting in the library', () => {
  it('10,000 levels of parentheses', () => {
    const r = gradient(parens(10_000, 'x*x'), { x: 3 });
    expect(r.value).toBe(9);
    expect(r.gradient.get('x')).toBe(6);
  });

  it('10,000 levels of calls sin(sin(…))', () => {
    const r = gradient(calls(10_000, 'sin'), { x: 0.5 });
    const want = sinChain(10_000, 0.5);
    expect(r.value).toBe(want.y);
    expect(r.gradient.get('x')).toBe(want.dy);
  });

  it('10,000 levels of a right-associative chain and of unary minus', () => {
    expect(gradient(`${'x^'.repeat(10_000)}1`, { x: 1 }).value).toBe(1);
    const r = gradient(`${'-'.repeat(10_001)}x`, { x: 2 });
    expect(r.value).toBe(-2);
    expect(r.gradient.get('x')).toBe(-1);
  });

  it('exactly MAX_DEPTH levels parse; one more is a ParseError at the offending (', () => {
    expect(parse(parens(MAX_DEPTH)).nodes.length).toBe(1);
    const src = parens(MAX_DEPTH + 1);
    expect(() => parse(src)).toThrow(ParseError);
    try {
      parse(src);
    } catch (e) {
      expect((e as ParseError).offset).toBe(MAX_DEPTH);
      expect((e as ParseError).message).toMatch(/nesting deeper than 100000 levels/);
    }
  });
});

describe('deep nesting through the binary', () => {
  it('10,000 levels of parentheses and of calls as an argument', () => {
    const p = runCli(['eval', parens(10_000, 'x*y'), '--at', 'x=2,y=3', '--json']);
    expect(p.stderr).toBe('');
    expect(JSON.parse(p.stdout)).toEqual({ output: 'f', value: 6, gradient: { x: 3, y: 2 } });
    const c = runCli(['eval', calls(10_000, 'sin'), '--at', 'x=0.5', '--json']);
    const want = sinChain(10_000, 0.5);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toEqual({ output: 'f', value: want.y, gradient: { x: want.dy } });
  });

  it('deeper than the limit is exit 2 with a caret line, no stack trace', () => {
    for (const src of [parens(MAX_DEPTH + 1), calls(MAX_DEPTH + 1, 'cos')]) {
      const r = runCli(['eval', '-', '--at', 'x=1'], { input: src });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: nesting deeper than 100000 levels of parentheses and calls at 1:\d+\n {2}….*…\n +\^\n$/);
      expect(hasStackFrame(r.stderr)).toBe(false);
    }
  });
});
