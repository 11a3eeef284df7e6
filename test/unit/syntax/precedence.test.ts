// Precedence and associativity of SPEC §2: + - (left) · * / (left) · unary - + · ^ ** (right).
import { describe, expect, it } from 'vitest';
import { evaluate, parse } from '../../../src/index.js';

const value = (src: string, at: Record<string, number> = {}): number => evaluate(src, at).value;

/** The op names of a parsed expression, in postfix order (children before parents). */
function postfix(src: string): string {
  return parse(src).nodes.map((n) => (n.kind === 'op' ? n.op : n.kind === 'name' ? n.name : String(n.value))).join(' ');
}

describe('precedence and associativity', () => {
  it('-x^2 is -(x^2)', () => {
    expect(value('-x^2', { x: 3 })).toBe(-9);
    expect(postfix('-x^2')).toBe('x 2 pow neg');
    expect(value('-2**2')).toBe(-4);
    expect(value('(-2)^2')).toBe(4);
  });

  it('^ and ** are right-associative: 2^3^2 = 512', () => {
    expect(value('2^3^2')).toBe(512);
    expect(value('2**3**2')).toBe(512);
    expect(value('2^3**2')).toBe(512);
    expect(value('(2^3)^2')).toBe(64);
    expect(postfix('a^b^c')).toBe('a b c pow pow');
  });

  it('an exponent may carry its own sign: 2^-1 = 0.5', () => {
    expect(value('2^-1')).toBe(0.5);
    expect(value('2**-1')).toBe(0.5);
    expect(value('2^+3')).toBe(8);
    expect(value('2^-3^2')).toBe(2 ** -9);
    expect(value('2^--1')).toBe(2);
  });

  it('* and / are left-associative: a/b/c = (a/b)/c', () => {
    expect(value('a/b/c', { a: 1, b: 2, c: 4 })).toBe(0.125);
    expect(value('8/4*2')).toBe(4);
    expect(value('8*4/2')).toBe(16);
    expect(postfix('a/b/c')).toBe('a b div c div');
  });

  it('+ and - are left-associative: 1-2-3 = -4', () => {
    expect(value('1-2-3')).toBe(-4);
    expect(value('1-2+3')).toBe(2);
    expect(value('1-(2+3)')).toBe(-4);
  });

  it('* binds tighter than +, ^ tighter than *, unary minus between', () => {
    expect(value('1+2*3')).toBe(7);
    expect(value('2*3^2')).toBe(18);
    expect(value('-2*3')).toBe(-6);
    expect(postfix('-a*b')).toBe('a neg b mul');
    expect(postfix('a*-b')).toBe('a b neg mul');
    expect(postfix('a-b*c^d')).toBe('a b c d pow mul sub');
    expect(value('1 - -1')).toBe(2);
    expect(value('- - 2')).toBe(2);
    expect(value('+2')).toBe(2);
    expect(postfix('+a')).toBe('a');
  });

  it('calls and parentheses group', () => {
    expect(value('2*(3+4)')).toBe(14);
    expect(value('pow(2, 3^2)')).toBe(512);
    expect(value('max(1, 2+3, -4)')).toBe(5);
    expect(value('log(8, 2)')).toBe(3);
    expect(value('ln(e)')).toBe(1);
    expect(value('sin (0)')).toBe(0);
  });
});
