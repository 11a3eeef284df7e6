import { describe, expect, it } from 'vitest';
import { closeTo, hasStackFrame, runCli } from '../helpers/cli.js';

const CLASSIC = '(sin(x2)+1)/(x2+exp(x1))+x1*x2';

describe('autograd diff', () => {
  it('prints one program per variable, shared subexpressions as steps', () => {
    const r = runCli(['diff', CLASSIC]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '# ∂f/∂x2',
      't1 = x2 + exp(x1)',
      'x1 - (sin(x2) + 1)/t1/t1 + 1/t1*cos(x2)',
      '',
      '# ∂f/∂x1',
      't1 = exp(x1)',
      't2 = x2 + t1',
      'x2 - (sin(x2) + 1)/t2/t2*t1',
      '',
    ].join('\n'));
  });

  it('round-trips: eval of the printed derivative equals the gradient from eval', () => {
    const grad = JSON.parse(runCli(['eval', CLASSIC, '--at', 'x1=1.5,x2=0.5', '--json']).stdout).gradient;
    for (const name of ['x1', 'x2']) {
      const program = runCli(['diff', CLASSIC, '--wrt', name]).stdout;
      const r = runCli(['eval', program, '--at', 'x1=1.5,x2=0.5', '--json']);
      expect(r.code).toBe(0);
      const value = JSON.parse(r.stdout).value;
      expect(closeTo(value, grad[name]), `${name}: ${value} vs ${grad[name]}`).toBe(true);
    }
  });

  it('--json gives one program string per variable, in order of first appearance', () => {
    const r = runCli(['diff', 'sigmoid(a*x+b*y+c)', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.output).toBe('f');
    expect(Object.keys(out.gradient)).toEqual(['a', 'x', 'b', 'y', 'c']);
    expect(out.gradient.c).toBe('t1 = sigmoid(a*x + b*y + c); t1*(1 - t1)');
    const e = runCli(['eval', out.gradient.a, '--at', 'a=1,b=2,c=-3,x=-1,y=3', '--json']);
    expect(closeTo(JSON.parse(e.stdout).value, -0.10499358540350662)).toBe(true);
  });

  it('takes the program as eval does: stdin, -f, and -- before a leading minus', () => {
    expect(runCli(['diff', '-'], { input: 'y = x*x\ny + 1\n' }).stdout).toBe('# ∂f/∂x\nx + x\n');
    expect(runCli(['diff', '--', '-x^3']).stdout).toBe('# ∂f/∂x\n-(3*x^2)\n');
    expect(runCli(['diff', '-f', 'no-such-file.txt']).code).toBe(2);
  });

  it('names the output and differentiates with respect to named nodes', () => {
    const src = 'e = a*b; d = e + c; L = d*f';
    expect(runCli(['diff', src, '--wrt', 'a,d']).stdout).toBe('# ∂L/∂a\nf*b\n\n# ∂L/∂d\nf\n');
    // A named node stays itself even when an equal expression appears elsewhere (as in eval).
    expect(runCli(['diff', 'd = sin(x); d*d + sin(x)', '--wrt', 'd']).stdout).toBe('# ∂f/∂d\nt1 = sin(x)\nt1 + t1\n');
  });

  it('reports errors with exit 2 and no stack trace', () => {
    const bad = runCli(['diff', 'sin(x']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("expected ')'");
    expect(hasStackFrame(bad.stderr)).toBe(false);
    const wrt = runCli(['diff', 'x*y', '--wrt', 'z']);
    expect(wrt.code).toBe(2);
    expect(wrt.stderr).toContain("--wrt 'z'");
  });

  it('warns when there is nothing to differentiate', () => {
    const r = runCli(['diff', '2+3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('warning: the program has no variables: there is nothing to differentiate\n');
  });

  it('handles 10,000 levels of nesting', () => {
    const depth = 10_000;
    const r = runCli(['diff', `${'sin('.repeat(depth)}x${')'.repeat(depth)}`]);
    expect(r.code).toBe(0);
    expect(hasStackFrame(r.stderr)).toBe(false);
    expect(r.stdout.split('\n').length).toBeGreaterThan(depth / 200);
  });
});
