// Where a NaN or ±Infinity came from: the first node that made one out of
// finite numbers, named as written, forward and backward; exit 1 only with --strict.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

function both(args: string[]) {
  const plain = runCli(args);
  const strict = runCli([...args, '--strict']);
  expect(hasStackFrame(plain.stderr)).toBe(false);
  expect(strict.stderr).toBe(plain.stderr);
  expect(strict.stdout).toBe(plain.stdout);
  return { plain, strict };
}

describe('non-finite values name their origin', () => {
  it('log(x) at x = -1 (forward)', () => {
    const { plain, strict } = both(['eval', 'y = log(x)', '--at', 'x=-1']);
    expect(plain.stderr).toBe('warning: log(x) at 1:5 gives NaN (x = -1)\n');
    expect(plain.stdout).toBe('y = NaN\n∂y/∂x = -1\n');
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
  });

  it('0/0 (forward, literal inputs not listed)', () => {
    const { plain, strict } = both(['eval', '1 + 0/0']);
    expect(plain.stderr).toBe('warning: 0/0 at 1:5 gives NaN\n');
    expect(plain.stdout).toBe('f = NaN\n');
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
  });

  it('sqrt(x) at x = 0 (backward)', () => {
    const { plain, strict } = both(['eval', 'sqrt(x) + x', '--at', 'x=0']);
    expect(plain.stderr).toBe('warning: sqrt(x) at 1:1 gives gradient Infinity to x in the backward pass (x = 0; upstream 1 × local Infinity)\n');
    expect(plain.stdout).toBe('f = 0\n∂f/∂x = Infinity\n');
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
  });

  it('exp(1000) overflows (forward), and its gradient too', () => {
    const { plain, strict } = both(['eval', 'exp(x)', '--at', 'x=1000']);
    expect(plain.stderr).toBe('warning: exp(x) at 1:1 gives Infinity (x = 1000)\n' +
      'warning: exp(x) at 1:1 gives gradient Infinity to x in the backward pass (x = 1000; upstream 1 × local Infinity)\n');
    expect(plain.stdout).toBe('f = Infinity\n∂f/∂x = Infinity\n');
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
    const literal = both(['eval', 'y = 2*exp(1000)']);
    expect(literal.plain.stderr).toBe('warning: exp(1000) at 1:7 gives Infinity\n');
    expect(literal.plain.stdout).toBe('y = Infinity\n');
    expect(literal.strict.code).toBe(1);
  });

  it('the first origin is named, not what it spread to; positions count lines', () => {
    const r = runCli(['eval', 'a = x*2\nb = log(a - 4) * 3\nc = sqrt(b)', '--at', 'x=1']);
    expect(r.stderr).toBe('warning: log(a - 4) at 2:5 gives NaN (a - 4 = -2)\n');
  });

  it('a finite result with a NaN gradient: forward -Infinity, then 0 · Infinity backward', () => {
    const r = runCli(['eval', 'relu(log(x))', '--at', 'x=0']);
    expect(r.stderr).toBe('warning: log(x) at 1:6 gives -Infinity (x = 0)\n' +
      'warning: log(x) at 1:6 gives gradient NaN to x in the backward pass (x = 0; upstream 0 × local Infinity)\n');
    expect(r.stdout).toBe('f = 0\n∂f/∂x = NaN\n');
    expect(r.code).toBe(0);
    expect(runCli(['eval', 'relu(log(x))', '--at', 'x=0', '--strict']).code).toBe(1);
  });

  it('with --json the warning is on stderr and stdout stays JSON', () => {
    const { plain, strict } = both(['eval', 'y = log(x)', '--at', 'x=-1', '--json']);
    expect(plain.stderr).toBe('warning: log(x) at 1:5 gives NaN (x = -1)\n');
    expect(JSON.parse(plain.stdout)).toEqual({ output: 'y', value: 'NaN', gradient: { x: -1 } });
    expect(strict.code).toBe(1);
  });

  it('finite everywhere: no warning', () => {
    const r = runCli(['eval', 'sigmoid(-1000) + softplus(1000)']);
    expect(r.stderr).toBe('');
  });
});
