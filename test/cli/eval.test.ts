import { describe, expect, it } from 'vitest';
import { closeTo, hasStackFrame, runCli } from '../helpers/cli.js';

function evalJson(expr: string, at: string, extra: string[] = []) {
  const r = runCli(['eval', expr, '--at', at, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { output: string; value: number; gradient: Record<string, number> };
}

function expectClose(actual: number, expected: number): void {
  expect(closeTo(actual, expected), `${actual} vs ${expected}`).toBe(true);
}

describe('autograd eval: the classic examples', () => {
  it('a*b**2 at a=2,b=3', () => {
    const r = evalJson('a*b**2', 'a=2,b=3');
    expectClose(r.value, 18);
    expect(Object.keys(r.gradient)).toEqual(['a', 'b']);
    expectClose(r.gradient.a!, 9);
    expectClose(r.gradient.b!, 12);
  });

  it('the micrograd program e = a*b; d = e + c; L = d*f', () => {
    const r = evalJson('e = a*b; d = e + c; L = d*f', 'a=2,b=-3,c=10,f=-2');
    expect(r.output).toBe('L');
    expect(r.value).toBe(-8);
    expect(r.gradient).toEqual({ a: 6, b: -4, c: -2, f: 4 });
    const all = evalJson('e = a*b; d = e + c; L = d*f', 'a=2,b=-3,c=10,f=-2', ['--all']);
    expect(all.gradient).toEqual({ a: 6, b: -4, c: -2, f: 4, e: -2, d: -2 });
  });

  it('square(exp(square(x))) at 0.5', () => {
    const r = evalJson('square(exp(square(x)))', 'x=0.5');
    expectClose(r.value, Math.exp(0.5));
    expectClose(r.gradient.x!, 3.297442541400256);
  });

  it('(sin(x2)+1)/(x2+exp(x1))+x1*x2, keys in order of first appearance', () => {
    const r = evalJson('(sin(x2)+1)/(x2+exp(x1))+x1*x2', 'x1=1.5,x2=0.5');
    expect(Object.keys(r.gradient)).toEqual(['x2', 'x1']);
    expectClose(r.value, 1.0469726768804155);
    expectClose(r.gradient.x1!, 0.2328337474755975);
    expectClose(r.gradient.x2!, 1.6165488003791766);
  });

  it('the sigmoid neuron', () => {
    const r = evalJson('sigmoid(a*x+b*y+c)', 'a=1,b=2,c=-3,x=-1,y=3');
    expectClose(r.value, 0.8807970779778823);
    expectClose(r.gradient.a!, -0.10499358540350662);
    expectClose(r.gradient.b!, 0.31498075621051985);
    expectClose(r.gradient.c!, 0.10499358540350662);
    expectClose(r.gradient.x!, 0.10499358540350662);
    expectClose(r.gradient.y!, 0.20998717080701323);
  });

  it('prints text with full precision by default and honours --precision', () => {
    const r = runCli(['eval', '(sin(x2)+1)/(x2+exp(x1))+x1*x2', '--at', 'x1=1.5,x2=0.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = 1.0469726768804155\n∂f/∂x2 = 1.6165488003791766\n∂f/∂x1 = 0.23283374747559749\n');
    const p = runCli(['eval', 'x^2', '--at', 'x=3.14159', '--precision', '3']);
    expect(p.stdout).toBe('f = 9.87\n∂f/∂x = 6.28\n');
  });

  it('names like __proto__ and constructor are ordinary variables', () => {
    const r = evalJson('__proto__*constructor', '__proto__=2,constructor=3');
    expect(r.value).toBe(6);
    expect(Object.keys(r.gradient)).toEqual(['__proto__', 'constructor']);
    expect(r.gradient.constructor).toBe(2);
    expect(JSON.parse(runCli(['eval', '__proto__*constructor', '--at', '__proto__=2,constructor=3', '--json']).stdout)['gradient']['__proto__']).toBe(3);
  });

  it('reads the program from stdin with - and from a file with -f', () => {
    const r = runCli(['eval', '-', '--at', 'x=2'], { input: 'y = x*x # square\ny + 1\n' });
    expect(r.stdout).toBe('f = 5\n∂f/∂x = 4\n');
  });

  it('an expression that starts with - follows --', () => {
    const r = runCli(['eval', '--at', 'x=2', '--', '-x^2']);
    expect(r.stdout).toBe('f = -4\n∂f/∂x = -4\n');
  });

  it('--wrt restricts and orders the gradient', () => {
    const r = evalJson('e = a*b; d = e + c; L = d*f', 'a=2,b=-3,c=10,f=-2', ['--wrt', 'd,a']);
    expect(r.gradient).toEqual({ d: -2, a: 6 });
  });

  it('warns about an unused --at name but still answers', () => {
    const r = runCli(['eval', 'x*2', '--at', 'x=1,xx=3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = 2\n∂f/∂x = 2\n');
    expect(r.stderr).toMatch(/^warning: --at xx is not used by the program \(did you mean 'x'\?\)\n$/);
  });

  it('colors only when asked for, and NO_COLOR wins over a TTY but not over FORCE_COLOR', () => {
    const plain = runCli(['eval', 'x', '--at', 'x=1']);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = runCli(['eval', 'x', '--at', 'x=1'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const off = runCli(['--no-color', 'eval', 'x', '--at', 'x=1'], { env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toContain('\u001b[');
  });

  it('--strict exits 1 on a non-finite result', () => {
    expect(runCli(['eval', 'log(x)', '--at', 'x=0']).code).toBe(0);
    expect(runCli(['eval', 'log(x)', '--at', 'x=0', '--strict']).code).toBe(1);
  });

  it('never prints a stack trace on usage errors', () => {
    const r = runCli(['eval', 'x', '--at', 'x=1', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(hasStackFrame(r.stderr)).toBe(false);
  });
});
