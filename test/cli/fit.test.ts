// `autograd fit` end to end: the lab report, the JSON object and its key
// order, data errors with their lines, start values, --wrt, --weights,
// undetermined parameters, overflowing trial steps, exit codes, the tutorial
// loops and --every into a closed pipe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, hasStackFrame, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (header: string, rows: ReadonlyArray<readonly number[]>): string =>
  `${header}\n${rows.map((r) => r.map((v) => String(v)).join(',')).join('\n')}\n`;

// Misra1a's model on data made from its certified parameters.
const B1 = 238.94212918;
const B2 = 5.5015643181e-4;
const MISRA = csv('x,y', Array.from({ length: 14 }, (_, i) => {
  const x = 77.6 + 55 * i;
  return [x, B1 * (1 - Math.exp(-B2 * x))];
}));
const misraFile = join(dir, 'misra.csv');
writeFileSync(misraFile, MISRA);

const LINE = csv('x,y', [[1, 2.9], [2, 5.1], [3, 7], [4, 9.1]]);

function fitJson(args: readonly string[], input = ''): Record<string, unknown> {
  const r = runCli(['fit', ...args, '--json'], { input });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('autograd fit: least squares', () => {
  it('recovers Misra1a-like parameters from the documented far start to 1e-10 relative', () => {
    const j = fitJson(['b1*(1-exp(-b2*x))', '--data', misraFile, '--y', 'y', '--at', 'b1=500,b2=1e-4']);
    const p = j.parameters as Record<string, number>;
    expect(Math.abs(p.b1! / B1 - 1)).toBeLessThan(1e-10);
    expect(Math.abs(p.b2! / B2 - 1)).toBeLessThan(1e-10);
    expect(String(j.stopped)).toMatch(/^converged/);
  });

  it('NIST StRD Misra1a (the real data): every certified digit of the parameters and their errors, from start 1', () => {
    const x = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
    const y = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78];
    const j = fitJson(['b1*(1-exp(-b2*x))', '--data', '-', '--y', 'y', '--at', 'b1=500,b2=1e-4'], csv('x,y', x.map((v, i) => [v, y[i]!])));
    const p = j.parameters as Record<string, number>;
    const se = j.standardErrors as Record<string, number>;
    // Certified values (11 significant digits).
    for (const [got, want] of [[p.b1!, 2.3894212918e2], [p.b2!, 5.5015643181e-4], [se.b1!, 2.7070075241], [se.b2!, 7.2668688436e-6],
      [j.residualSumOfSquares as number, 1.2455138894e-1], [j.residualStandardDeviation as number, 1.0187876330e-1]] as const) {
      expect(Math.abs(got / want - 1)).toBeLessThan(5e-10);
    }
    expect(j.degreesOfFreedom).toBe(12);
  });

  it('--json has exactly the documented keys, in order, and full precision numbers', () => {
    const r = runCli(['fit', 'a*x + b', '--data', '-', '--y', 'y', '--at', 'a=1,b=0', '--json'], { input: LINE });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['output', 'method', 'parameters', 'standardErrors', 'confidenceIntervals',
      'residualSumOfSquares', 'residualStandardDeviation', 'degreesOfFreedom', 'rows', 'iterations', 'stopped', 'correlation', 'covariance']);
    expect(j.method).toBe('lm');
    expect(j.rows).toBe(4);
    expect(j.degreesOfFreedom).toBe(2);
    // Ordinary least squares by hand: slope Sxy/Sxx, intercept ȳ − a·x̄.
    const x = [1, 2, 3, 4];
    const y = [2.9, 5.1, 7, 9.1];
    const sxy = x.reduce((s, v, i) => s + (v - 2.5) * (y[i]! - 6.025), 0);
    const a = sxy / 5;
    expect(Math.abs((j.parameters as Record<string, number>).a! - a)).toBeLessThan(1e-13);
    expect(Object.keys(j.parameters as object)).toEqual(['a', 'b']);
    expect(Object.keys(j.correlation as object)).toEqual(['a', 'b']);
    expect((j.correlation as Record<string, Record<string, number>>).a!.a).toBe(1);
    expect((j.confidenceIntervals as Record<string, number[]>).a!.length).toBe(2);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('the text report: method, why it stopped, value ± error with the interval, SSR, s, degrees of freedom, correlation', () => {
    const r = runCli(['fit', 'b1*(1-exp(-b2*x))', '--data', misraFile, '--y', 'y', '--at', 'b1=500,b2=1e-4'], { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^method: Levenberg–Marquardt \(lm\), \d+ iterations, converged/);
    expect(lines[1]).toMatch(/^b1 = 238\.94212918 ± \S+ \(\S+%; 95% interval \S+ to \S+\)$/);
    expect(lines[2]).toMatch(/^b2 = 0\.00055015643181 ± /);
    expect(r.stdout).toMatch(/residual sum of squares: +\S+\nresidual standard deviation: +\S+\ndegrees of freedom: +12 \(14 rows\)\ncorrelation:\n/);
  });

  it('--wrt holds the other parameters at their --at values', () => {
    const j = fitJson(['a*x + b', '--data', '-', '--y', 'y', '--at', 'a=1,b=1', '--wrt', 'a'], LINE);
    expect((j.parameters as Record<string, number>).b).toBe(1);
    expect(Object.keys(j.standardErrors as object)).toEqual(['a']);
    expect(j.degreesOfFreedom).toBe(3);
  });

  it('--weights: σ per row, relative (scaling every σ changes neither the parameters nor the errors)', () => {
    const rows = [[1, 2.9, 0.1], [2, 5.1, 0.2], [3, 7, 0.1], [4, 9.1, 0.4], [5, 10.8, 0.2]] as const;
    const scaled = rows.map(([x, y, s]) => [x, y, 10 * s]);
    const one = fitJson(['a*x + b', '--data', '-', '--y', 'y', '--weights', 's', '--at', 'a=1,b=0'], csv('x,y,s', rows));
    const ten = fitJson(['a*x + b', '--data', '-', '--y', 'y', '--weights', 's', '--at', 'a=1,b=0'], csv('x,y,s', scaled));
    const plain = fitJson(['a*x + b', '--data', '-', '--y', 'y', '--at', 'a=1,b=0'], csv('x,y,s', rows));
    const a = (j: Record<string, unknown>): number => (j.parameters as Record<string, number>).a!;
    const se = (j: Record<string, unknown>): number => (j.standardErrors as Record<string, number>).a!;
    expect(Math.abs(a(ten) / a(one) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(se(ten) / se(one) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(a(plain) / a(one) - 1)).toBeGreaterThan(1e-4);
  });

  it('a parameter the model does not use: a warning naming it, its error undetermined, exit 0', () => {
    const r = runCli(['fit', 'a*x + b + 0*c', '--data', '-', '--y', 'y', '--at', 'a=1,b=0,c=2'], { input: LINE, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("the data cannot determine 'c'");
    expect(r.stdout).toMatch(/^c = 2 ± undetermined/m);
    const j = runCli(['fit', 'a*x + b + 0*c', '--data', '-', '--y', 'y', '--at', 'a=1,b=0,c=2', '--json'], { input: LINE });
    expect((JSON.parse(j.stdout) as { standardErrors: Record<string, unknown> }).standardErrors.c).toBe('NaN');
  });

  it('a trial step that overflows is survived: exp(b*x) from a start whose first step overflows', () => {
    const data = csv('x,y', Array.from({ length: 30 }, (_, i) => [10 * i, 3 * Math.exp(0.5 * i)]));
    const j = fitJson(['a*exp(b*x)', '--data', '-', '--y', 'y', '--at', 'a=1,b=-0.1'], data);
    const p = j.parameters as Record<string, number>;
    expect(Math.abs(p.a! / 3 - 1)).toBeLessThan(1e-10);
    expect(Math.abs(p.b! / 0.05 - 1)).toBeLessThan(1e-10);
  });

  it('exit 1 when lm stops without converging: the best point still printed, a warning says why', () => {
    const r = runCli(['fit', 'b1*(1-exp(-b2*x))', '--data', misraFile, '--y', 'y', '--at', 'b1=500,b2=1e-4', '--steps', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^b1 = /m);
    expect(r.stderr).toMatch(/warning: the fit did not converge \(the budget of passes over the data \(--steps\) is spent\)/);
  });
});

describe('autograd fit: usage and data errors (exit 2, nothing on stdout)', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[], string, RegExp]> = [
    ['a parameter without a start value', ['b1*(1-exp(-b2*x))', '--y', 'y', '--at', 'b1=5'], MISRA, /no start value for parameter 'b2'/],
    ['a misspelled column: did you mean', ['b1*(1-exp(-b2*xx))', '--y', 'y', '--at', 'b1=5,b2=1'], MISRA, /'xx' \(did you mean 'x' among the columns\?\)/],
    ['--y not a column', ['a*x', '--y', 'yy', '--at', 'a=1'], LINE, /--y 'yy' is not a column of the data \(did you mean 'y'\?\)/],
    ['a bad number names its line', ['a*x', '--y', 'y', '--at', 'a=1'], 'x,y\n1,2\n\n2,4x\n', /<stdin>:4: '4x' in column 'y' is not a number/],
    ['a NaN names its line', ['a*x', '--y', 'y', '--at', 'a=1'], 'x,y\n1,2\n2,NaN\n', /<stdin>:3: y is NaN/],
    ['a σ that is not positive names its line', ['a*x', '--y', 'y', '--weights', 's', '--at', 'a=1'], 'x,y,s\n1,2,1\n2,4,0\n', /<stdin>:3: .*σ must be positive/],
    ['a JSON row without a column names its line', ['a*x', '--y', 'y', '--at', 'a=1'], '{"x":1,"y":2}\n{"x":2}\n', /<stdin>:2: missing "y"/],
    ['a short CSV row names its line', ['a*x', '--y', 'y', '--at', 'a=1'], 'x,y\n1,2\n3\n', /<stdin>:3:/],
    ['no rows', ['a*x', '--y', 'y', '--at', 'a=1'], 'x,y\n', /no rows/],
    ['lm without --y', ['a*x', '--method', 'lm', '--at', 'a=1'], LINE, /--y/],
    ['--weights without --y', ['a*x', '--weights', 'y', '--at', 'a=1'], LINE, /--weights works only with --y/],
    ['an unknown method', ['a*x', '--y', 'y', '--method', 'bfgs', '--at', 'a=1'], LINE, /--method 'bfgs': expected lm, gd or adam/],
    ['--wrt not a parameter', ['a*x + b', '--y', 'y', '--at', 'a=1,b=1', '--wrt', 'aa'], LINE, /--wrt names 'aa'.*did you mean 'a'/],
  ];
  for (const [what, args, input, message] of cases) {
    it(what, () => {
      const r = runCli(['fit', ...args, '--data', '-'], { input });
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(hasStackFrame(r.stderr)).toBe(false);
    });
  }

  it('no --data, and a missing file', () => {
    expect(runCli(['fit', 'a*x', '--y', 'y', '--at', 'a=1']).code).toBe(2);
    const r = runCli(['fit', 'a*x', '--y', 'y', '--at', 'a=1', '--data', join(dir, 'nothing.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing.csv');
  });
});

describe('autograd fit: the mean of a per-row loss', () => {
  const points = csv('x,y', [[0, 1], [1, 3], [2, 5], [3, 7]]);

  it('the tutorial loop y_hat = w*x + b; (y - y_hat)^2 with gd converges to the line', () => {
    const j = fitJson(['y_hat = w*x + b; (y - y_hat)^2', '--data', '-', '--at', 'w=0,b=0', '--method', 'gd', '--lr', '0.05', '--steps', '2000'], points);
    expect(Object.keys(j)).toEqual(['output', 'method', 'parameters', 'loss', 'rows', 'iterations', 'stopped']);
    const p = j.parameters as Record<string, number>;
    expect(Math.abs(p.w! - 2)).toBeLessThan(1e-9);
    expect(Math.abs(p.b! - 1)).toBeLessThan(1e-9);
    expect(j.stopped).toBe('steps');
  });

  it('logistic regression with adam (the default without --y) lowers the cross-entropy', () => {
    const data = csv('x,t', [[-2, 0], [-1, 0], [-0.5, 1], [0.5, 0], [1, 1], [2, 1]]);
    const r = runCli(['fit', 'p = sigmoid(w*x+b); -(t*log(p) + (1-t)*log(1-p))', '--data', '-', '--at', 'w=0,b=0'], { input: data, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^method: Adam \(adam\), lr 0\.01, 1000 steps/);
    const [, start, end] = /mean f over 6 rows: (\S+) at the start, (\S+) at the end/.exec(r.stdout) ?? [];
    expect(Number(start)).toBeCloseTo(Math.log(2), 12);
    expect(Number(end)).toBeLessThan(Number(start));
  });

  it('--every streams the trajectory; --every 1 into head -1 ends at once with status 0', () => {
    const file = join(dir, 'points.csv');
    writeFileSync(file, points);
    const r = spawnSync('bash', ['-c', `set -o pipefail; "$0" "$1" fit "(y - w*x)^2" --data "$2" --at w=0 --lr 1e-9 --steps 100000000 --every 1 | head -1; echo "status=$?" >&2`,
      process.execPath, BIN, file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('step 0: mean f = 21 at w=0\n');
    expect(r.stderr).toBe('status=0\n');
    const three = runCli(['fit', '(y - w*x)^2', '--data', file, '--at', 'w=0', '--method', 'gd', '--steps', '3', '--every', '1', '--json']);
    const j = JSON.parse(three.stdout) as { trajectory: Array<{ step: number }>; iterations: number };
    expect(j.trajectory.map((t) => t.step)).toEqual([0, 1, 2, 3]);
    expect(j.iterations).toBe(3);
  });

  it('--strict: exit 1 when gd stops at a non-finite step; without it exit 0 with a warning', () => {
    const args = ['fit', '(y - w*x)^2', '--data', '-', '--at', 'w=0', '--method', 'gd', '--lr', '100', '--steps', '1000'];
    const loose = runCli(args, { input: points });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toMatch(/warning: step \d+ gave/);
    expect(runCli([...args, '--strict'], { input: points }).code).toBe(1);
  });
});
