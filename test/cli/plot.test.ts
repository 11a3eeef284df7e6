// `autograd plot` and `optimize --plot` through the built CLI: the terminal
// plot on a pipe (a golden), SVG and PNG files, and one clear message with
// exit 2 for every bad input.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStackFrame, ROOT, runCli } from '../helpers/cli.js';
import { xmlProblems } from '../helpers/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('autograd plot in the terminal', () => {
  it('draws f and ∂f/∂x in braille on a pipe, 80 × 24, with ranges and a legend (golden)', () => {
    const r = runCli(['plot', 'x^2', '--over', 'x=-1:1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'test/cli/golden/plot-x2.txt'), 'utf8'));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(24);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[lines.length - 1]).toContain('⠒⠒ f = x^2   ⠂⠂ ∂f/∂x');
  });

  it('is never colored on a pipe, even with --at marking a tangent', () => {
    const r = runCli(['plot', 'x^3 - 3*x', '--over', 'x=-2.5:2.5', '--at', 'x=1']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain('tangent at x = 1 (slope 0)');
  });

  it('colors the curves when FORCE_COLOR asks, as every command does', () => {
    const r = runCli(['plot', 'x^2', '--over', 'x=-1:1'], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\x1b[36m');
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(readFileSync(join(ROOT, 'test/cli/golden/plot-x2.txt'), 'utf8'));
  });
});

describe('autograd plot -o', () => {
  it('writes an SVG with both curves, broken at the poles of tan(x)', () => {
    const file = join(dir, 'tan.svg');
    const r = runCli(['plot', 'tan(x)', '--over', 'x=-3:3', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    const paths = [...svg.matchAll(/<path [^>]*data-label="([^"]*)" d="([^"]*)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['f = tan(x)', '∂f/∂x']);
    // tan(x) over -3:3 is three branches: the path moves (M) three times and never draws across a pole.
    expect(paths[0]![2]!.match(/M/g)).toHaveLength(3);
  });

  it('writes a PNG through resvg', () => {
    const file = join(dir, 'cubic.png');
    const r = runCli(['plot', 'x^3 - 3*x', '--over', 'x=-2.5:2.5', '--at', 'x=1', '-o', file]);
    expect(r.code).toBe(0);
    expect([...readFileSync(file).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('draws another partial with --wrt, other variables from --at', () => {
    const file = join(dir, 'wrt.svg');
    const r = runCli(['plot', 'sin(a*x)', '--over', 'x=0:6', '--at', 'a=2', '--wrt', 'a', '-o', file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('∂f/∂a');
  });
});

describe('autograd plot: bad input', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['a reversed interval', ['x^2', '--over', 'x=3:-3'], /--over 'x=3:-3': the interval is reversed \(give the smaller end first: x=-3:3\)/],
    ['an empty interval', ['x^2', '--over', 'x=1:1'], /--over 'x=1:1': the interval is empty/],
    ['ends that are not numbers', ['x^2', '--over', 'x=a:b'], /--over 'x=a:b': 'a' is not a finite number/],
    ['an infinite end', ['x^2', '--over', 'x=0:Infinity'], /'Infinity' is not a finite number/],
    ['no interval', ['x^2', '--over', 'x'], /--over 'x': expected name=from:to/],
    ['a missing --over', ['x^2'], /plot needs --over <name>=<from>:<to>/],
    ['a variable the program lacks', ['x^2', '--over', 'y=0:1'], /--over 'y': the program has no variable of that name: its variables are x/],
    ['a variable missing from --at', ['x*y', '--over', 'x=0:1'], /no value for variable 'y': give it with --at y=/],
    ['a marked point off the plot', ['x^2', '--over', 'x=0:1', '--at', 'x=2'], /--at x=2 is outside --over x=0:1/],
    ['an unknown --wrt', ['x^2', '--over', 'x=0:1', '--wrt', 'z'], /--wrt 'z' is neither a variable nor a named node/],
    ['a bad picture extension', ['x^2', '--over', 'x=0:1', '-o', 'plot.jpg'], /-o 'plot.jpg': unknown extension '.jpg' \(expected .svg or .png\)/],
    ['NaN everywhere', ['log(x)', '--over', 'x=-2:-1'], /f is NaN or infinite everywhere on x = -2…-1: nothing to plot/],
  ];
  it.each(cases)('%s: one line, exit 2', (_, args, message) => {
    const r = runCli(['plot', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(hasStackFrame(r.stderr)).toBe(false);
  });

  it('writes no file when it fails', () => {
    const file = join(dir, 'nothing.svg');
    expect(runCli(['plot', 'log(x)', '--over', 'x=-2:-1', '-o', file]).code).toBe(2);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('nothing'))).toEqual([]);
  });
});

describe('optimize --plot', () => {
  it('draws the value over the steps on a log scale when it spans decades', () => {
    const file = join(dir, 'steps.svg');
    const r = runCli(['optimize', '(x-3)^2', '--at', 'x=0', '--lr', '0.1', '--steps', '100', '--plot', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^before: f = 9\n/);
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('f (log scale)');
    const d = /<path [^>]*d="([^"]*)"/.exec(svg)![1]!;
    // 101 values (start and 100 steps): one vertex each, falling all the way.
    const ys = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[2]));
    expect(ys).toHaveLength(101);
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThanOrEqual(ys[i - 1]!);
  });

  it('keeps at most 2000 points of a long run, the last step among them', () => {
    const file = join(dir, 'long.svg');
    const r = runCli(['optimize', '(x-3)^2 + 1', '--at', 'x=0', '--lr', '0.0001', '--steps', '50000', '--plot', file]);
    expect(r.code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).not.toContain('log scale');
    const d = /<path [^>]*d="([^"]*)"/.exec(svg)![1]!;
    const n = [...d.matchAll(/[ML]/g)].length;
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThanOrEqual(2001);
    expect(svg).toContain('>50,000</text>');
  });

  it('refuses a bad file name before running', () => {
    const r = runCli(['optimize', '(x-3)^2', '--at', 'x=0', '--plot', join(dir, 'no-such-dir', 'p.svg')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--plot '.*p\.svg': no such directory/);
  });
});

describe('the plotting kit is loaded only for a plot', () => {
  it('is a bundle of its own, and the CLI bundle holds no d3', () => {
    const app = readFileSync(join(ROOT, 'dist/app.cjs'), 'utf8');
    const kit = readFileSync(join(ROOT, 'dist/plot.mjs'), 'utf8');
    expect(kit).toContain('stroke-dasharray');
    expect(app).toContain('./plot.mjs');
    expect(app).not.toContain('stroke-dasharray');
    expect(app).not.toMatch(/tickFormat|scaleLinear/);
  });
});
