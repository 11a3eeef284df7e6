// Exit 1 never comes alone: --strict says which value, gradient or Hessian
// entry is not finite (and on which row), and optimize says which variable
// overflowed at which step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eval --strict says why it exits 1', () => {
  it('an overflowing literal: the value', () => {
    const r = runCli(['eval', '1e400', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('f = Infinity\n');
    expect(r.stderr).toBe('error: --strict: f = Infinity is not finite\n');
    const plain = runCli(['eval', '1e400']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
  });

  it('the value and a gradient, with --json (stdout stays JSON)', () => {
    const r = runCli(['eval', 'L = 1e400*x + y', '--at', 'x=1,y=2', '--strict', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ output: 'L', value: 'Infinity', gradient: { x: 'Infinity', y: 1 } });
    expect(r.stderr).toBe('error: --strict: L = Infinity and ∂L/∂x = Infinity are not finite\n');
  });

  it('a Hessian entry', () => {
    const r = runCli(['eval', 'abs(x)^1.5', '--at', 'x=0', '--hessian', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --strict: ∂²f/∂x∂x = NaN is not finite\n');
  });

  it('many entries: the first three named, the rest counted', () => {
    const r = runCli(['eval', '1e400*(a+b+c+d+e1)', '--at', 'a=1,b=1,c=1,d=1,e1=1', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --strict: f = Infinity, ∂f/∂a = Infinity, ∂f/∂b = Infinity and 3 more are not finite\n');
  });
});

describe('--points --strict names the row', () => {
  it('CSV from stdin: the first bad row by its line, and how many rows were bad', () => {
    const r = runCli(['eval', 'log(x)', '--points', '-', '--strict'], { input: 'x\n1\n\n-1\n2\n0\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('f,df/dx\n0,1\nNaN,-1\n0.6931471805599453,0.5\n-Infinity,Infinity\n');
    expect(r.stderr).toBe('error: --strict: <stdin>:4: f = NaN is not finite (the first of 2 rows of 4 with a non-finite result)\n');
  });

  it('JSON Lines from a file, one bad row, a gradient', () => {
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, '{"x":1}\n{"x":0}\n');
    const r = runCli(['eval', 'sqrt(x)', '--points', file, '--json', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: --strict: ${file}:2: ∂f/∂x = Infinity is not finite (the only row of 2 with a non-finite result)\n`);
  });

  it('a Hessian entry of a row', () => {
    const r = runCli(['eval', 'abs(x)^1.5', '--points', '-', '--hessian', '--strict'], { input: 'x\n1\n0\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: --strict: <stdin>:3: ∂²f/∂x∂x = NaN is not finite (the only row of 2 with a non-finite result)\n');
  });

  it('every row finite: exit 0, nothing on stderr', () => {
    const r = runCli(['eval', 'log(x)', '--points', '-', '--strict'], { input: 'x\n1\n2\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('optimize: a step that overflows the point', () => {
  const args = ['optimize', 'x^2 + y', '--at', 'x=1,y=0', '--lr', '1e308'];
  const message = 'warning: step 1 overflowed: x would become -Infinity (x - lr × ∂f/∂x is not a finite number); ' +
    'stopped at the last finite point (after 0 steps); try a smaller --lr\n';

  it('names the variable and the step (exit 0; exit 1 with --strict)', () => {
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe('before: f = 1\nafter:  f = 1 (stopped after 0 steps: the next step overflowed)\npoint:  x=1,y=0\n');
    const strict = runCli([...args, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(message);
  });

  it('--json carries the overflow', () => {
    const r = runCli([...args, '--json', '--maximize']);
    expect(JSON.parse(r.stdout)).toMatchObject({ stopped: 'non-finite', steps: 0, overflowed: { variable: 'x', value: 'Infinity' } });
    expect(r.stderr).toContain('step 1 overflowed: x would become Infinity (x + lr × ∂f/∂x');
  });

  it('a later step: the step number counts the steps taken', () => {
    const r = runCli(['optimize', 'x + y', '--at', 'x=0,y=1', '--wrt', 'x', '--lr', '1e308', '--steps', '5', '--maximize']);
    expect(r.stderr).toBe('warning: step 2 overflowed: x would become Infinity (x + lr × ∂f/∂x is not a finite number); ' +
      'stopped at the last finite point (after 1 step); try a smaller --lr\n');
    expect(r.stdout).toContain('point:  x=1e+308,y=1\n');
  });
});

describe('--check --json says on stderr which gradient disagrees', () => {
  it('a kink: exit 1, stdout stays JSON, stderr names the entry', () => {
    const r = runCli(['eval', 'relu(x) + y', '--at', 'x=0,y=1', '--check', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).check.x.ok).toBe(false);
    expect(JSON.parse(r.stdout).check.y.ok).toBe(true);
    expect(r.stderr).toBe('error: --check: ∂f/∂x disagrees with the finite difference\n');
  });

  it('in text the table says FAIL, and stderr stays quiet', () => {
    const r = runCli(['eval', 'relu(x)', '--at', 'x=0', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/∂f\/∂x .* FAIL\n$/);
    expect(r.stderr).toBe('');
  });
});
