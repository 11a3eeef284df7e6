// The option-table machinery: complete tables (a compile error otherwise),
// needs and conflicts, defaults, and the one numeric-flag parser.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  numberOption, numberOptionOr, parseNumberFlag, readOptions, readSwitch, readText, toCommanderOption, type OptionTable,
} from '../../../src/cli/options.js';

interface Demo {
  readonly loud: boolean;
  readonly out: string | undefined;
  readonly rate: number;
  readonly quiet: boolean;
}

const DEMO: OptionTable<Demo> = {
  loud: { description: 'loud', read: readSwitch, conflicts: { quiet: 'pick one' } },
  out: { value: 'file', description: 'out', read: readText },
  rate: { value: 'r', description: 'rate', needs: 'out', ...numberOptionOr({ min: 0, aboveMin: true }, 0.5) },
  quiet: { description: 'quiet', read: readSwitch },
};

// @ts-expect-error a table must have an entry for every key of its interface
const incomplete: OptionTable<Demo> = { loud: DEMO.loud, out: DEMO.out, rate: DEMO.rate };
// @ts-expect-error an entry's reader must give the key's type
const mistyped: OptionTable<Demo> = { ...DEMO, out: { description: 'out', read: readSwitch } };
// @ts-expect-error `needs` and `conflicts` name keys of the same table
const misnamed: OptionTable<Demo> = { ...DEMO, quiet: { description: 'q', read: readSwitch, needs: 'volume' } };
void [incomplete, mistyped, misnamed];

const note = (): void => undefined;

describe('readOptions', () => {
  it('reads every key, with defaults for what is not given', () => {
    expect(readOptions(DEMO, {}, note)).toEqual({ loud: false, out: undefined, rate: 0.5, quiet: false });
    expect(readOptions(DEMO, { out: 'a.txt', rate: '2e-1' }, note)).toEqual({ loud: false, out: 'a.txt', rate: 0.2, quiet: false });
  });

  it('refuses an option without the one it needs, and two that conflict', () => {
    expect(() => readOptions(DEMO, { rate: '1' }, note)).toThrow('--rate works only with --out: add --out, or drop --rate');
    expect(() => readOptions(DEMO, { loud: true, quiet: true }, note)).toThrow('--loud and --quiet cannot be used together: pick one');
  });

  it('commander options from entries: the flag from the key, a second value refused', () => {
    const option = toCommanderOption('out', DEMO.out);
    expect(option.flags).toBe('--out <file>');
    expect(() => option.parseArg?.('b', 'a')).toThrow("--out is given twice ('a', then 'b'): give it once");
  });
});

describe('parseNumberFlag: the one number syntax for every numeric flag', () => {
  it('reads the language\'s numbers', () => {
    for (const [text, x] of [['2', 2], ['0.5', 0.5], ['.5', 0.5], ['1e-3', 1e-3], ['+3', 3], [' 4 ', 4]] as const) {
      expect(parseNumberFlag('--x', text, { min: 0 })).toBe(x);
    }
    expect(parseNumberFlag('--n', '1e3', { whole: true, min: 0 })).toBe(1000);
  });

  it('refuses the rest with one usage error that says what is expected', () => {
    const cases: Array<[string, Parameters<typeof parseNumberFlag>[2], string]> = [
      ['0x10', { min: 0, aboveMin: true, example: '0.01' }, "--x '0x10': expected a positive number, like 0.01 (numbers are written as in a program: 2, 0.5, 1e-3)"],
      ['0', { min: 0, aboveMin: true }, "--x '0': expected a positive number"],
      ['-1', { min: 0 }, "--x '-1': expected a non-negative number"],
      ['1.5', { whole: true, min: 0 }, "--x '1.5': expected a whole number"],
      ['1.5', { whole: true, min: 2 }, "--x '1.5': expected a whole number from 2"],
      ['18', { whole: true, min: 1, max: 17 }, "--x '18': expected a whole number from 1 to 17"],
      ['NaN', { min: 0 }, "--x 'NaN': expected a non-negative number"],
      ['', { min: 0 }, "--x '': expected a non-negative number"],
      ['1_000', { min: 0 }, "--x '1_000': expected a non-negative number"],
      ['0o17', { min: 0 }, "--x '0o17': expected a non-negative number (numbers are written as in a program: 2, 0.5, 1e-3)"],
    ];
    for (const [text, rule, message] of cases) {
      expect(() => parseNumberFlag('--x', text, rule)).toThrow(new UsageError(message));
    }
  });

  it('an option without a default is undefined when not given', () => {
    expect(numberOption({ min: 0 }).read(undefined, '--x', note)).toBeUndefined();
    expect(numberOptionOr({ min: 0 }, 1e-6).default).toBe('1e-6');
    expect(numberOptionOr({ min: 0 }, 0.01).default).toBe('0.01');
  });
});
