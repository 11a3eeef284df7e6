// Options that conflict, repeat, do nothing, or come after `--` are refused
// with one clear line and exit 2; numeric flags all read numbers one way.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

function refused(args: readonly string[], message: string, input = ''): void {
  const r = runCli(args, { input });
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`error: ${message}\n`);
  expect(r.code).toBe(2);
  expect(hasStackFrame(r.stderr)).toBe(false);
}

describe('options after --', () => {
  it('an option after -- is named, with the command line that works', () => {
    refused(['eval', '--', '-x^2', '--at', 'x=3'],
      "options after -- are taken as arguments: put '--at' before -- (autograd eval --at x=3 -- '-x^2')");
  });

  it('the fixed command line runs', () => {
    const r = runCli(['eval', '--at', 'x=3', '--', '-x^2']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'f = -9\n∂f/∂x = -6\n', '']);
  });

  it('extra arguments without -- are "too many", with how to quote a program', () => {
    refused(['eval', 'x', '+', 'y'],
      "too many arguments: autograd eval takes one, got 3 ('x', '+', 'y'); quote a program that has spaces, as in \"x + y\"");
    refused(['functions', 'sin'], "autograd functions takes no arguments, got 'sin'");
  });
});

describe('conflicting, repeated and useless options', () => {
  const cases: Array<[string, string[], string]> = [
    ['--all with --wrt (eval)', ['eval', 'a = x; a*y', '--at', 'x=1,y=2', '--all', '--wrt', 'x'],
      '--all and --wrt cannot be used together: --wrt names the targets, --all takes every named node: list the nodes you want in --wrt'],
    ['--all with --wrt (diff)', ['diff', 'a = x; a*y', '--all', '--wrt', 'x'],
      '--all and --wrt cannot be used together: --wrt names the targets, --all takes every named node: list the nodes you want in --wrt'],
    ['--force without --dot', ['eval', 'x', '--at', 'x=1', '--force'], '--force works only with --dot: add --dot, or drop --force'],
    ['--tolerance without --check', ['eval', 'x', '--at', 'x=1', '--tolerance', '1e-3'],
      '--tolerance works only with --check: add --check, or drop --tolerance'],
    ['a repeated --wrt (eval)', ['eval', 'x*y', '--at', 'x=1,y=2', '--wrt', 'x', '--wrt', 'y'],
      "--wrt is given twice ('x', then 'y'): give it once (one comma-separated list: --wrt x,y)"],
    ['a repeated --wrt (optimize)', ['optimize', 'x*y', '--at', 'x=1,y=2', '--wrt', 'x', '--wrt', 'y'],
      "--wrt is given twice ('x', then 'y'): give it once (one comma-separated list: --wrt x,y)"],
    ['a repeated --lr', ['optimize', 'x^2', '--at', 'x=1', '--lr', '0.1', '--lr', '0.2'], "--lr is given twice ('0.1', then '0.2'): give it once"],
    ['a repeated -f / --file', ['eval', '-f', 'a.ag', '--file', 'b.ag'], "--file is given twice ('a.ag', then 'b.ag'): give it once"],
    ['--wrt x,x (eval)', ['eval', 'x*y', '--at', 'x=1,y=2', '--wrt', 'x,x', '--json'], "--wrt 'x,x': 'x' is given twice"],
    ['--wrt x,x (diff)', ['diff', 'x*y', '--wrt', 'x,x', '--json'], "--wrt 'x,x': 'x' is given twice"],
    ['--precision with --json', ['eval', 'x', '--at', 'x=1', '--json', '--precision', '3'],
      '--precision and --json cannot be used together: JSON always carries full precision'],
    ['--precision with --points', ['eval', 'x', '--points', '-', '--precision', '3'],
      '--precision and --points cannot be used together: the rows of --points always carry full precision'],
    ['--points with --trace', ['eval', 'x', '--points', '-', '--trace'],
      '--points and --trace cannot be used together: --points gives one result per row, and this works on a single point'],
    ['--dot - with --hessian', ['eval', 'x^2', '--at', 'x=1', '--dot', '-', '--hessian'],
      '--dot - writes the DOT text alone to stdout: write it to a file to combine it with --json, --trace, --check, --hessian or --precision'],
    ['--every beyond --steps', ['optimize', 'x^2', '--at', 'x=1', '--every', '5'],
      '--every 5 is more than --steps 1: only the start and the end would be reported (give --steps 5 or more, or drop --every)'],
    ['--maximize on diff (not a diff option)', ['diff', 'x^2', '--maximize'], "unknown option '--maximize'"],
  ];
  it.each(cases)('%s', (_what, args, message) => {
    if (message.startsWith('unknown option')) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(`error: ${message}`);
      return;
    }
    refused(args, message);
  });

  it('--at may be repeated: the values are merged', () => {
    const r = runCli(['eval', 'x*y', '--at', 'x=2', '--at', 'y=3', '--json']);
    expect([r.code, r.stdout]).toEqual([0, '{"output":"f","value":6,"gradient":{"x":3,"y":2}}\n']);
  });
});

describe('numeric flags: one number syntax, the language\'s', () => {
  const flags: Array<[string[], string, string]> = [
    [['eval', 'x', '--at', 'x=1', '--check', '--tolerance'], '--tolerance', 'a positive number, like 1e-6'],
    [['optimize', 'x^2', '--at', 'x=1', '--lr'], '--lr', 'a positive number'],
    [['optimize', 'x^2', '--at', 'x=1', '--tol'], '--tol', 'a non-negative number'],
    [['optimize', 'x^2', '--at', 'x=1', '--steps'], '--steps', 'a whole number'],
    [['optimize', 'x^2', '--at', 'x=1', '--steps', '100', '--every'], '--every', 'a whole number from 1'],
    [['eval', 'x', '--at', 'x=1', '--precision'], '--precision', 'a whole number from 1 to 17'],
  ];
  for (const [args, flag, expected] of flags) {
    it(`${flag} refuses hex, underscores and words the same way; hex is told how numbers are written`, () => {
      for (const text of ['0x10', '0b11']) {
        refused([...args, text], `${flag} '${text}': expected ${expected} (numbers are written as in a program: 2, 0.5, 1e-3)`);
      }
      for (const text of ['1_000', 'ten', 'Infinity']) refused([...args, text], `${flag} '${text}': expected ${expected}`);
    });
  }

  it('exponents and leading dots read as in a program', () => {
    const r = runCli(['optimize', 'x^2', '--at', 'x=1', '--lr', '.25', '--steps', '2e0', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ steps: 2, point: { x: 0.25 } });
    const c = runCli(['eval', 'x^2', '--at', 'x=1', '--check', '--tolerance', '1e-3', '--json']);
    expect(c.code).toBe(0);
  });
});
