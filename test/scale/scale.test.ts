// Huge inputs through the built binary: a 24 MB program of 1,000,000 chained
// assignments, a sum of 1,000,000 terms, a call with 200,000 arguments and
// 20,000 --at names. Each must give the exact answer (no timing assertions:
// speed is the benchmark's job, but a quadratic path would hit the test timeout).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 1_000_000;

describe('scale', () => {
  it('a 24 MB program: a 1,000,000-deep chain of assignments', () => {
    // x1 = x0 + 1; x2 = x1 * 1.0001; … one statement per line
    const lines = ['x0 = x'];
    for (let i = 1; i <= N; i++) lines.push(i % 2 === 1 ? `x${i} = x${i - 1} + 1` : `x${i} = x${i - 1} * 1.0001`);
    const path = join(dir, 'chain.txt');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(statSync(path).size).toBeGreaterThan(20_000_000);

    // the same arithmetic in the same order; the gradient is 1.0001^(N/2), multiplied from the output down
    let y = 0.5;
    let dy = 1;
    for (let i = 1; i <= N; i++) {
      if (i % 2 === 1) y += 1;
      else {
        y *= 1.0001;
        dy *= 1.0001;
      }
    }
    const r = runCli(['eval', '-f', path, '--at', 'x=0.5', '--json'], { timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`{"output":"x${N}","value":${y},"gradient":{"x":${dy}}}\n`);
  });

  it('a sum of 1,000,000 terms from stdin', () => {
    const terms: string[] = [];
    for (let i = 1; i <= N; i++) terms.push(`${i}*x`);
    // every partial sum of i*1.5 is an integer multiple of 0.5 below 2^53: exact
    const value = (1.5 * N * (N + 1)) / 2;
    const r = runCli(['eval', '-', '--at', 'x=1.5', '--json'], { input: terms.join(' + '), timeout: 120_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`{"output":"f","value":${value},"gradient":{"x":${(N * (N + 1)) / 2}}}\n`);
  });

  it('a call with 200,000 arguments, and a 200,000-way tie', () => {
    const n = 200_000;
    const args = Array.from({ length: n }, (_, i) => `x*${i + 1}`).join(',');
    const r = runCli(['eval', '-', '--at', 'x=2', '--json'], { input: `max(${args})` });
    expect(r.stdout).toBe(`{"output":"f","value":${2 * n},"gradient":{"x":${n}}}\n`);
    const tie = runCli(['eval', '-', '--at', 'x=2', '--json'], { input: `min(${Array(n).fill('x').join(',')})` });
    const out = JSON.parse(tie.stdout) as { value: number; gradient: { x: number } };
    expect(out.value).toBe(2);
    expect(out.gradient.x).toBeCloseTo(1, 9); // n shares of 1/n
  });

  it('20,000 --at names, half of them unused: answers, with at most 10 warnings and a count', () => {
    const used = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const unused = Array.from({ length: 10_000 }, (_, i) => `u${i}`);
    const names = [...used, ...unused];
    const at: string[] = [];
    for (let i = 0; i < names.length; i += 5000) at.push('--at', names.slice(i, i + 5000).map((n) => `${n}=1`).join(','));
    const r = runCli(['eval', '-', ...at], { input: used.join(' + ') });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('f = 10000');
    expect(r.stdout.split('\n').length).toBe(10_002);
    const warnings = r.stderr.split('\n').filter((l) => l !== '');
    expect(warnings.length).toBe(11);
    expect(warnings[0]).toBe("warning: --at u0 is not used by the program (did you mean 'v0'?)");
    expect(warnings[10]).toBe('warning: 9990 more --at names are not used by the program');
  });

  it('10,000 missing variables: one line naming the first ten', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `w${i}`);
    const r = runCli(['eval', '-'], { input: names.join('*') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: no value for variables ${names.slice(0, 10).map((n) => `'${n}'`).join(', ')} and 9990 more: give them with --at\n`);
  });
});
