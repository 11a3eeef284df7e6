// Malformed programs through the binary: exit 2, nothing on stdout, one
// `error: … at line:column` message, the source line and a caret under the
// column, never a stack frame.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

/** [program, message, "line:column"] */
const MALFORMED: ReadonlyArray<readonly [string, string, string]> = [
  ['(x+1', "expected ')'", '1:5'],
  ['sin(x', "expected ')'", '1:6'],
  ['((x)', "expected ')'", '1:5'],
  ['max(x, (y', "expected ')'", '1:10'],
  ['x+', "expected a number, a name or '('", '1:3'],
  ['1 +* 2', "expected a number, a name or '('", '1:4'],
  ['x^', "expected a number, a name or '('", '1:3'],
  ['x**', "expected a number, a name or '('", '1:4'],
  ['x ** ** 2', "expected a number, a name or '('", '1:6'],
  ['x = ', "expected a number, a name or '('", '1:5'],
  ['sin()', "expected a number, a name or '('", '1:5'],
  ['min()', "expected a number, a name or '('", '1:5'],
  ['sin(,x)', "expected a number, a name or '('", '1:5'],
  ['max(x,)', "expected a number, a name or '('", '1:7'],
  ['(,)', "expected a number, a name or '('", '1:2'],
  ['x)', "unexpected ')' without a matching '('", '1:2'],
  ['(x))', "unexpected ')' without a matching '('", '1:4'],
  [')(', "unexpected ')'", '1:1'],
  ['= 3', "unexpected '='", '1:1'],
  ['*x', "unexpected '*'", '1:1'],
  ['/x', "unexpected '/'", '1:1'],
  ['x = 1 = 2', "unexpected '='", '1:7'],
  ['a=b=c', "unexpected '='", '1:4'],
  ['2 3', "expected an operator, ';' or a newline before '3'", '1:3'],
  ['3x', "expected an operator, ';' or a newline before 'x'", '1:2'],
  ['x y', "expected an operator, ';' or a newline before 'y'", '1:3'],
  ['sin x', "expected an operator, ';' or a newline before 'x'", '1:5'],
  ['1.2.3', "expected an operator, ';' or a newline before '.3'", '1:4'],
  ['x = 2 y', "expected an operator, ';' or a newline before 'y'", '1:7'],
  ['x,y', "unexpected ',' outside a function call", '1:2'],
  ['x $ y', "unexpected character '$' (U+0024)", '1:3'],
  ['.', "unexpected character '.' (U+002E)", '1:1'],
  ['x  @', "unexpected character '@' (U+0040)", '1:4'],
  ['x ! 2', "unexpected character '!' (U+0021)", '1:3'],
  ['x = 1\ny = (x\nz = 3', "expected ')'", '3:1'],
  ['a = 1\nb = a +* 2', "expected a number, a name or '('", '2:8'],
  ['', 'empty program: expected an expression', '1:1'],
  ['   ', 'empty program: expected an expression', '1:1'],
  ['; ;', 'empty program: expected an expression', '1:1'],
  ['# nothing but a comment', 'empty program: expected an expression', '1:1'],
  ['θ + ', "expected a number, a name or '('", '1:5'],
  ['sinn(x)', "unknown function 'sinn' (did you mean 'sin' or 'sinh'?)", '1:1'],
  ['1 + expp(x)', "unknown function 'expp' (did you mean 'exp'?)", '1:5'],
  ['f(x) = 2', "unknown function 'f'", '1:1'],
  ['atan2(x)', 'atan2 expects 2 arguments, got 1', '1:1'],
  ['pow(x)', 'pow expects 2 arguments, got 1', '1:1'],
  ['sin(x, y)', 'sin expects 1 argument, got 2', '1:1'],
  ['log(x,2,3)', 'log expects 1 or 2 arguments, got 3', '1:1'],
  ['hypot(x, y, 1)', 'hypot expects 2 arguments, got 3', '1:1'],
];

describe('malformed programs', () => {
  it(`has at least 30 cases (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  for (const [src, message, where] of MALFORMED) {
    it(JSON.stringify(src), () => {
      const r = runCli(['eval', '--at', 'x=1,y=2', '--', src]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(hasStackFrame(r.stderr)).toBe(false);
      const [line, column] = where.split(':').map(Number) as [number, number];
      const lines = r.stderr.split('\n');
      // the unused --at warnings come first; the error report is the last three lines
      const report = lines.slice(-4);
      expect(report[0]).toBe(`error: ${message} at ${where}`);
      expect(report[1]).toBe(`  ${src.split('\n')[line - 1]}`);
      expect(report[2]).toBe(`  ${' '.repeat(column - 1)}^`);
      expect(report[3]).toBe('');
      for (const l of lines.slice(0, -4)) expect(l).toMatch(/^warning: /);
    });
  }
});

describe('name errors', () => {
  it('a missing variable is named, with "did you mean" from an unused --at name', () => {
    const r = runCli(['eval', 'alpha*beta', '--at', 'alpha=1,betta=2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: no value for variable 'beta' (did you mean 'betta' from --at?): give it with --at beta=…\n");
  });

  it('several missing variables are all named', () => {
    const r = runCli(['eval', 'a*b + c']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: no value for variables 'a', 'b', 'c': give them with --at\n");
  });

  it('an unknown --wrt name suggests the nearest', () => {
    const r = runCli(['eval', 'e = a*b; L = e*2', '--at', 'a=1,b=2', '--wrt', 'aa']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: --wrt 'aa' is neither a variable nor a named node of the program (did you mean 'a'?)\n");
  });

  it('a name used before its assignment in a later statement is a variable', () => {
    const r = runCli(['eval', 'y = x + 1; x = 2; y', '--at', 'x=5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = 6\n∂f/∂x = 1\n');
  });
});

describe('usage errors', () => {
  const cases: ReadonlyArray<readonly [string[], RegExp]> = [
    [['eval'], /^error: missing the expression/],
    [['eval', 'x', '--at', 'x=1', '--precision', '0'], /^error: --precision '0': expected a whole number from 1 to 17\n$/],
    [['eval', 'x', '--at', 'x=1', '--precision', 'abc'], /^error: --precision 'abc'/],
    [['eval', 'x', '--at'], /^error: option '--at <name=value,...>' argument missing\n$/],
    [['eval', 'x', '--bogus'], /^error: unknown option '--bogus'/],
    [['evl', 'x'], /^error: unknown command 'evl'/],
    // Commander's suggestion joins the error line: one line, no escaped line break.
    [['fti', 'x'], /^error: unknown command 'fti' \(did you mean fit\?\)\n$/],
    [['eval', 'x', '--att', 'x=1'], /^error: unknown option '--att' \(did you mean --at\?\)\n$/],
    [['eval', 'x', '-f', 'a.txt'], /^error: give the program either as an argument or with -f, not both\n$/],
    [['eval', 'x', '--at', 'x=1', '--wrt', 'x,,y'], /^error: --wrt 'x,,y': empty name\n$/],
  ];
  for (const [args, pattern] of cases) {
    it(args.join(' '), () => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(hasStackFrame(r.stderr)).toBe(false);
    });
  }
});
