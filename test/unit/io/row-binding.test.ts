// The one binding of data columns and JSON keys to variables (eval --points, fit).
import { describe, expect, it } from 'vitest';
import { RowBinding, shadowedConstants } from '../../../src/io/row-binding.js';
import { parse } from '../../../src/syntax/parser.js';

const fail = (message: string): never => {
  throw new Error(message);
};

describe('RowBinding', () => {
  it('CSV: used columns fill their slots, other columns are ignored, --at values stay', () => {
    const binding = new RowBinding([['x', 4], ['y', 1], ['z', 2]], new Map([['z', 7]]), fail);
    expect(binding.header(['y', 'junk', 'x'])).toEqual([true, false, true]);
    const data = new Float64Array(5).fill(-1);
    data[2] = 7;
    binding.csvRow(Float64Array.from([10, 99, 20]), data);
    expect([...data]).toEqual([-1, 10, 7, -1, 20]);
  });

  it('a column wins over --at for the same name', () => {
    const binding = new RowBinding([['x', 0]], new Map([['x', 5]]), fail);
    expect(binding.header(['x'])).toEqual([true]);
    const data = new Float64Array(1);
    binding.csvRow(Float64Array.from([3]), data);
    expect(data[0]).toBe(3);
  });

  it('a variable that is neither a column nor in --at is named, with "did you mean" from the columns', () => {
    const binding = new RowBinding([['alpha', 0], ['beta', 1]], new Map(), fail);
    expect(() => binding.header(['alpha', 'betta'])).toThrow(
      "no value for variable 'beta' (did you mean 'betta'?): not a column of the header, and --at does not give it");
    expect(() => new RowBinding([['a', 0], ['b', 1]], new Map(), fail).header([])).toThrow(
      "no value for variables 'a', 'b': not columns of the header, and --at does not give them");
  });

  it('a used column twice in the header is refused; an unused one may repeat', () => {
    const binding = new RowBinding([['x', 0]], new Map(), fail);
    expect(() => binding.header(['x', 'x'])).toThrow("column 'x' appears twice in the header");
    expect(new RowBinding([['x', 0]], new Map(), fail).header(['x', 'q', 'q'])).toEqual([true, false, false]);
  });

  it('JSON Lines: --at defaults every row, keys override, a missing key is named with "did you mean"', () => {
    const binding = new RowBinding([['speed', 0], ['c', 1]], new Map([['c', 2]]), fail);
    const data = new Float64Array(2);
    binding.jsonRow(['speed', 'c', 'extra'], Float64Array.from([3, 9, 1]), Uint8Array.from([1, 1, 1]), 3, 1, data);
    expect([...data]).toEqual([3, 9]);
    binding.jsonRow(['speed'], Float64Array.from([4]), Uint8Array.from([1]), 1, 2, data);
    expect([...data]).toEqual([4, 2]);
    expect(() => binding.jsonRow(['sped'], Float64Array.from([4]), Uint8Array.from([1]), 1, 3, data))
      .toThrow('missing "speed" (did you mean \'sped\'?) (give it in every row or with --at speed=…)');
    expect(() => binding.jsonRow(['speed'], Float64Array.from([NaN]), Uint8Array.from([0]), 1, 4, data))
      .toThrow('the value of "speed" is not a number');
  });
});

describe('shadowedConstants', () => {
  it('a column named like a constant the program reads makes it a variable, unless --at gives it already', () => {
    const program = parse('x*e + pi');
    expect(shadowedConstants(program, new Map(), ['x', 'e', 'tau'])).toEqual(['e']);
    expect(shadowedConstants(program, new Map([['e', 1]]), ['x', 'e'])).toEqual([]);
    expect(shadowedConstants(parse('x + 1'), new Map(), ['e', 'pi'])).toEqual([]);
  });
});
