// FORCE_COLOR is for text a person reads. Everything a program reads (diff
// programs, JSON, CSV, JSON Lines, DOT, completion scripts) is never colored.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-nocolor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';
const NEURON = ['sigmoid(a*x+b*y+c)', '--at', 'a=1,b=2,c=-3,x=-1,y=3'];
const POINTS = 'x,y\n-1,3\n0.5,2\n';

const STDOUT_CASES: ReadonlyArray<readonly [string, readonly string[], string?]> = [
  ['diff programs', ['diff', 'x^3*sin(x)', '--wrt', 'x']],
  ['diff of several variables', ['diff', 'e = a*b; L = e*c', '--all']],
  ['diff --json', ['diff', 'x^3*sin(x)', '--json']],
  ['eval --json', ['eval', ...NEURON, '--json']],
  ['eval --json --hessian --check --trace', ['eval', ...NEURON, '--json', '--hessian', '--check', '--trace']],
  ['eval --json with a NaN', ['eval', 'log(x)', '--at', 'x=-1', '--json']],
  ['--points CSV', ['eval', 'sigmoid(a*x+b*y+c)', '--at', 'a=1,b=2,c=-3', '--points', '-'], POINTS],
  ['--points JSON Lines', ['eval', 'sigmoid(a*x+b*y+c)', '--at', 'a=1,b=2,c=-3', '--points', '-', '--json'], POINTS],
  ['--points --hessian', ['eval', 'x*y^2', '--points', '-', '--hessian'], POINTS],
  ['--dot -', ['eval', ...NEURON, '--dot', '-']],
  ['optimize --json', ['optimize', ...NEURON, '--json']],
  ['optimize --json --every', ['optimize', ...NEURON, '--json', '--every', '1', '--steps', '3']],
  ['completion bash', ['completion', 'bash']],
  ['completion zsh', ['completion', 'zsh']],
  ['completion fish', ['completion', 'fish']],
];

describe('FORCE_COLOR never colors machine-readable output', () => {
  for (const level of ['1', '3']) {
    it(`FORCE_COLOR=${level} does color text for people (so the cases below are meaningful)`, () => {
      const r = runCli(['eval', ...NEURON], { env: { FORCE_COLOR: level } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(ESC);
    });

    for (const [what, args, input] of STDOUT_CASES) {
      it(`${what} (FORCE_COLOR=${level})`, () => {
        const r = runCli(args, { env: { FORCE_COLOR: level }, input });
        expect(r.code).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        expect(r.stdout.includes(ESC)).toBe(false);
      });
    }
  }

  it('a diff program written under FORCE_COLOR=1 reads back into eval', () => {
    const d = runCli(['diff', 'x^3*sin(x)', '--wrt', 'x'], { env: { FORCE_COLOR: '1' } });
    const file = join(dir, 'd.ag');
    writeFileSync(file, d.stdout);
    const r = runCli(['eval', '-f', file, '--at', 'x=2', '--json'], { env: { FORCE_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).value).toBeCloseTo(3 * 4 * Math.sin(2) + 8 * Math.cos(2), 12);
  });

  it('--dot files (DOT and SVG) under FORCE_COLOR=1', () => {
    for (const name of ['g.dot', 'g.gv', 'g.svg']) {
      const file = join(dir, name);
      const r = runCli(['eval', ...NEURON, '--dot', file], { env: { FORCE_COLOR: '1' } });
      expect(r.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      expect(text.includes(ESC)).toBe(false);
    }
  });
});
