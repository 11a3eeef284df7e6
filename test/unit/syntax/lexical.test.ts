// Numbers, names, constants, comments and statements (SPEC §2).
import { describe, expect, it } from 'vitest';
import { evaluate, gradient, parse, ParseError } from '../../../src/index.js';

const value = (src: string, at: Record<string, number> = {}): number => evaluate(src, at).value;

describe('numbers', () => {
  it.each([
    ['2', 2], ['1.5', 1.5], ['.5', 0.5], ['1e-3', 1e-3], ['2.5E+10', 2.5e10], ['3.', 3], ['1e3', 1000], ['007', 7],
    ['0.1', 0.1], ['1e400', Infinity], ['1e-400', 0],
  ])('%s', (src, want) => {
    expect(value(src)).toBe(want);
  });
});

describe('names', () => {
  it('letters, digits and _, not starting with a digit', () => {
    expect(value('x_1 + _y2 + X', { x_1: 1, _y2: 2, X: 4 })).toBe(7);
  });

  it('Unicode letters', () => {
    const r = gradient('θ*λ + sin(φ) + 変数 + Ω', { θ: 2, λ: 3, φ: 0, 変数: 1, Ω: 1 });
    expect(r.value).toBe(8);
    expect([...r.gradient]).toEqual([['θ', 3], ['λ', 2], ['φ', 1], ['変数', 1], ['Ω', 1]]);
  });

  it('a name is not split around a digit (x2 is one name)', () => {
    expect([...gradient('x2*x1', { x1: 3, x2: 5 }).gradient]).toEqual([['x2', 3], ['x1', 5]]);
  });
});

describe('constants', () => {
  it('pi and e', () => {
    expect(value('pi')).toBe(Math.PI);
    expect(value('e')).toBe(Math.E);
    expect(gradient('2*pi*r', { r: 1 }).gradient.get('r')).toBe(2 * Math.PI);
    expect(gradient('e^x', { x: 1 }).gradient.get('x')).toBe(Math.E);
  });

  it('are shadowed by an assignment', () => {
    const r = gradient('e = a*b; d = e + c; L = d*f', { a: 2, b: -3, c: 10, f: -2 });
    expect(r.value).toBe(-8);
    expect([...r.gradient]).toEqual([['a', 6], ['b', -4], ['c', -2], ['f', 4]]);
    expect(value('pi = 3; pi*2')).toBe(6);
  });

  it('are shadowed by --at values, which then get a gradient', () => {
    const r = gradient('e*x + pi', { e: 2, x: 5, pi: 1 });
    expect(r.value).toBe(11);
    expect([...r.gradient]).toEqual([['e', 5], ['x', 2], ['pi', 1]]);
  });
});

describe('statements, comments and line breaks', () => {
  it('; and newlines separate statements; the last is the output', () => {
    expect(evaluate('a = 2; b = a*3\nc = b+1', {}).value).toBe(7);
    expect(evaluate('a = 2; b = a*3\nc = b+1', {}).output).toBe('c');
    expect(evaluate('a = 2\n a + 1', {}).output).toBe('f');
    expect(parse('a=1;;\n\n;b=2;').statements.length).toBe(2);
  });

  it('# starts a comment to end of line', () => {
    expect(value('# a comment\nx = 2 # two\n# another\nx*3 # six')).toBe(6);
    expect(value('1 + # a comment after an operator\n 2')).toBe(3);
  });

  it('a newline inside parentheses or after an operator continues the statement', () => {
    expect(value('(1\n+\n2)*3')).toBe(9);
    // outside parentheses a line break after an operand ends the statement
    expect(() => parse('(1+2)\n*3')).toThrow(ParseError);
    expect(value('1 +\n2 *\n3')).toBe(7);
    expect(value('max(1,\n 5,\n 3)')).toBe(5);
    expect(value('x =\n 4; x')).toBe(4);
    expect(value('2 ^\n 3')).toBe(8);
    expect(value('sin(\n0\n)')).toBe(0);
  });

  it('a later assignment rebinds a name for the statements after it', () => {
    expect(value('x = 1; y = x; x = 5; x + y')).toBe(6);
  });

  it('CRLF line ends and tabs are whitespace', () => {
    expect(value('a = 2\r\n\tb = a * 3\r\nb')).toBe(6);
  });

  it('an empty program is a parse error', () => {
    for (const src of ['', '   ', '# only a comment', ';;\n;']) expect(() => parse(src)).toThrow(ParseError);
  });
});
