// Numbers in --points rows are read exactly as --at reads them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/syntax/number-text.js';
import { parseNumberField } from '../../../src/io/number-field.js';

const read = (s: string): number | undefined => parseNumberField(s, 0, s.length);

describe('parseNumberField', () => {
  it('agrees with --at on numbers and near-numbers', () => {
    const text = fc.oneof(
      fc.double().map((x) => (Object.is(x, -0) ? '-0' : String(x))),
      fc.stringMatching(/^[-+]?[0-9]{0,3}\.?[0-9]{0,3}([eE][-+]?[0-9]{0,3})?$/),
      fc.string({ unit: fc.constantFrom('0', '1', '.', 'e', 'E', '-', '+', 'x', 'b', 'o', '_', 'I', 'n', 'N', 'a') , maxLength: 8 }),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '+Infinity', '0x10', '0b1', '0o7', '1_000', '', '.', '-', '1e', '١'),
    );
    fc.assert(fc.property(text, (s) => {
      const a = read(s);
      const b = parseDecimal(s);
      expect(a === undefined ? 'none' : a, s).toStrictEqual(b === undefined ? 'none' : b);
    }), { numRuns: 2000 });
  });

  it('reads a field inside a line and allows spaces around it', () => {
    expect(read(' 2.5 ')).toBe(2.5);
    expect(parseNumberField('1,-0,3', 2, 4)).toBe(-0);
    expect(read('1 2')).toBeUndefined();
    expect(read('0x1F')).toBeUndefined();
  });
});
