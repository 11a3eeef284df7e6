// The NaN/Infinity origin warning, exactly as printed: inputs that can change
// are listed with their values, literals and constant subexpressions are not
// (their value is in the text), and the column is that of the text shown,
// counted in code points from 1, also inside parentheses.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function stderrOf(program: string, at = 'x=-1'): string {
  const r = runCli(['eval', program, '--at', at]);
  expect(r.code).toBe(0);
  return r.stderr;
}

describe('the origin warning lists what can change, at the right column', () => {
  it.each([
    ['log(-2)*x', 'warning: log(-2) at 1:1 gives NaN\n'],
    ['x*log(2-3)', 'warning: log(2-3) at 1:3 gives NaN\n'],
    ['log(pi-4)*x', 'warning: log(pi-4) at 1:1 gives NaN\n'],
    ['x + sqrt(-1)', 'warning: sqrt(-1) at 1:5 gives NaN\n'],
  ])('%s: a constant input is not listed', (program, stderr) => {
    expect(stderrOf(program)).toBe(stderr);
  });

  it.each([
    ['(log(x))', 'warning: log(x) at 1:2 gives NaN (x = -1)\n'],
    ['x*(log(x))', 'warning: log(x) at 1:4 gives NaN (x = -1)\n'],
    ['λ + (log(x))', 'warning: log(x) at 1:6 gives NaN (x = -1)\n'],
    ['a = 2; log(-a)*x', 'warning: log(-a) at 1:8 gives NaN (-a = -2)\n'],
    ['((x-2))^0.5', 'warning: ((x-2))^0.5 at 1:1 gives NaN (x-2 = -3)\n' +
      'warning: ((x-2))^0.5 at 1:1 gives gradient NaN to x-2 in the backward pass (x-2 = -3; upstream 1 × local NaN)\n'],
    ['y = 3*(x - 2)^0.5', 'warning: (x - 2)^0.5 at 1:7 gives NaN (x - 2 = -3)\n' +
      'warning: (x - 2)^0.5 at 1:7 gives gradient NaN to x - 2 in the backward pass (x - 2 = -3; upstream 3 × local NaN)\n'],
  ])('%s: variables and named nodes are listed, the column is where the text starts', (program, stderr) => {
    expect(stderrOf(program, program.includes('λ') ? 'x=-1,λ=1' : 'x=-1')).toBe(stderr);
  });
});
