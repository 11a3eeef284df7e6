import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFragment, parseFragment } from '../../../src/page/fragment.js';

describe('the page fragment (#a=3,f=0.5)', () => {
  it('reads --at syntax for the program\'s variables', () => {
    const { values, problems } = parseFragment('#a=3,f=0.5', ['a', 'b', 'f']);
    expect([...values]).toEqual([['a', 3], ['f', 0.5]]);
    expect(problems).toEqual([]);
  });

  it('percent-decodes names and values, so #θ=1 and #%CE%B8=1 both work', () => {
    expect(parseFragment('#θ=1', ['θ']).values.get('θ')).toBe(1);
    expect(parseFragment('#%CE%B8=-2.5e-3', ['θ']).values.get('θ')).toBe(-2.5e-3);
    expect(parseFragment('x%3D1%2Cy%3D2', ['x', 'y']).values.get('x')).toBeUndefined();
  });

  it('reads NaN and ±Infinity as --at does, and spaces around values', () => {
    const { values } = parseFragment('#a=NaN,b=-Infinity, c = 7 ', ['a', 'b', 'c']);
    expect(values.get('a')).toBeNaN();
    expect(values.get('b')).toBe(-Infinity);
    expect(values.get('c')).toBe(7);
  });

  it('reports what it cannot read, one message each, and keeps the rest', () => {
    const { values, problems } = parseFragment('#a=abc,zz=1,b,c=0x10,%E0%A4%A=1,d=2', ['a', 'b', 'c', 'd']);
    expect([...values]).toEqual([['d', 2]]);
    expect(problems).toEqual([
      "a: 'abc' is not a number",
      "'zz' is not a variable of this program",
      "'b': expected name=value",
      "c: '0x10' is not a number",
      "'%E0%A4%A=1' is not percent-encoded text",
    ]);
  });

  it('an empty fragment sets nothing', () => {
    expect(parseFragment('', ['a'])).toEqual({ values: new Map(), problems: [] });
    expect(parseFragment('#', ['a'])).toEqual({ values: new Map(), problems: [] });
  });

  it('formatFragment and parseFragment round-trip every double, -0 included', () => {
    const names = ['a', 'θ', 'x_1', 'ζeta'];
    fc.assert(fc.property(fc.array(fc.double(), { minLength: 4, maxLength: 4 }), (xs) => {
      const state = names.map((n, i) => [n, xs[i]!] as const);
      const back = parseFragment(`#${formatFragment(state)}`, names);
      expect(back.problems).toEqual([]);
      for (const [n, x] of state) expect(Object.is(back.values.get(n), x)).toBe(true);
    }), { numRuns: 200 });
    expect(formatFragment([['θ', 1], ['b', -0]])).toBe('%CE%B8=1,b=-0');
  });
});
