// `fit --plot` through the built CLI: the three figures (the curve through the
// data with residuals below, residuals against the fit, a mean loss over the
// steps) read back from the SVG's coordinates, a PNG, and bad file names.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';
import { xmlProblems } from '../helpers/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-fit-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MISRA = [
  [77.6, 10.07], [114.9, 14.73], [141.1, 17.94], [190.8, 23.93], [239.9, 29.61], [289.0, 35.18], [332.8, 40.02],
  [378.4, 44.82], [434.8, 50.76], [477.3, 55.05], [536.8, 61.01], [593.1, 66.40], [689.1, 75.47], [760.0, 81.78],
] as const;
const misra = join(dir, 'misra.csv');
writeFileSync(misra, `x,y\n${MISRA.map((r) => r.join(',')).join('\n')}\n`);
const MISRA_ARGS = ['fit', 'b1*(1-exp(-b2*x))', '--data', misra, '--y', 'y', '--at', 'b1=500,b2=1e-4', '--json'];

/** Pixel → value maps of each panel's axes, read from the labelled ticks (x, then y, panel by panel). */
function axisMaps(svg: string): Array<{ x: (px: number) => number; y: (px: number) => number; log: boolean }> {
  const groups = [...svg.matchAll(/<g class="(x|y)-axis"[\s\S]*?<\/g>/g)];
  const map = (group: string, coord: 'x' | 'y', log: boolean): ((px: number) => number) => {
    const ticks = [...group.matchAll(new RegExp(`<text class="tick" x="([-\\d.]+)" y="([-\\d.]+)" data-value="([^"]+)"`, 'g'))]
      .map((m) => ({ px: Number(coord === 'x' ? m[1] : m[2]) - (coord === 'y' ? 4 : 0), v: Number(m[3]) }));
    const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
    const t = (v: number): number => (log ? Math.log10(v) : v);
    return (px) => {
      const u = t(a.v) + ((px - a.px) * (t(b.v) - t(a.v))) / (b.px - a.px);
      return log ? 10 ** u : u;
    };
  };
  const out = [];
  for (let i = 0; i + 1 < groups.length; i += 2) {
    const log = groups[i + 1]![0].includes('(log scale)');
    out.push({ x: map(groups[i]![0], 'x', false), y: map(groups[i + 1]![0], 'y', log), log });
  }
  return out;
}

/** The inverse: value → pixel, for comparing within a pixel. */
function toPixel(f: (px: number) => number): (v: number) => number {
  const [p0, p1] = [0, 1000];
  const [v0, v1] = [f(p0), f(p1)];
  return (v) => p0 + ((v - v0) * (p1 - p0)) / (v1 - v0);
}

function circleGroups(svg: string): Array<Array<[number, number]>> {
  return [...svg.matchAll(/<g class="points"[^>]*>([\s\S]*?)<\/g>/g)]
    .map((g) => [...g[1]!.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]));
}

function pathVertices(svg: string): Array<[number, number]> {
  const d = /<path class="curve" [^>]*d="([^"]*)"/.exec(svg)![1]!;
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('fit --plot of a least-squares fit with one data column', () => {
  const file = join(dir, 'misra.svg');
  const r = runCli([...MISRA_ARGS, '--plot', file]);

  it('writes the data as points, the fitted curve through them and the residuals below', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { b1, b2 } = JSON.parse(r.stdout).parameters as { b1: number; b2: number };
    const model = (x: number): number => b1 * (1 - Math.exp(-b2 * x));
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<rect class="frame"/g)).toHaveLength(2);
    const [top, bottom] = axisMaps(svg);
    const groups = circleGroups(svg);
    expect(groups.map((g) => g.length)).toEqual([MISRA.length, MISRA.length]);
    const [tx, ty, bx, by] = [toPixel(top!.x), toPixel(top!.y), toPixel(bottom!.x), toPixel(bottom!.y)];
    MISRA.forEach(([x, y], i) => {
      const [cx, cy] = groups[0]![i]!;
      expect(Math.abs(cx - tx(x))).toBeLessThan(1);
      expect(Math.abs(cy - ty(y))).toBeLessThan(1);
      const [rx, ry] = groups[1]![i]!;
      expect(Math.abs(rx - bx(x))).toBeLessThan(1);
      expect(Math.abs(ry - by(y - model(x)))).toBeLessThan(1);
    });
    // The curve: dense, from the first x of the data to the last, on the fitted model.
    const curve = pathVertices(svg);
    expect(curve.length).toBeGreaterThanOrEqual(200);
    expect(Math.abs(curve[0]![0] - tx(77.6))).toBeLessThan(1);
    expect(Math.abs(curve[curve.length - 1]![0] - tx(760))).toBeLessThan(1);
    for (const [px, py] of curve) expect(Math.abs(py - ty(model(top!.x(px))))).toBeLessThan(1);
    const legend = /<g class="legend"[\s\S]*?<\/g>/.exec(svg)![0];
    expect([...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['data', 'fit']);
  });

  it('writes a PNG through resvg', () => {
    const png = join(dir, 'misra.png');
    expect(runCli([...MISRA_ARGS, '--plot', png]).code).toBe(0);
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

describe('fit --plot of a least-squares fit with several data columns', () => {
  it('draws the residuals against the fitted values', () => {
    const rows = [[0, 0, 1], [1, 0, 2.1], [0, 1, 2.9], [1, 1, 4.2], [2, 1, 5.0], [2, 2, 6.9]] as const;
    const data = join(dir, 'multi.csv');
    writeFileSync(data, `u,v,z\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const file = join(dir, 'multi.svg');
    const r = runCli(['fit', 'a*u + b*v + c', '--data', data, '--y', 'z', '--at', 'a=1,b=1,c=0', '--json', '--plot', file]);
    expect(r.code).toBe(0);
    const { a, b, c } = JSON.parse(r.stdout).parameters as { a: number; b: number; c: number };
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<rect class="frame"/g)).toHaveLength(1);
    expect(svg).not.toContain('<path class="curve"');
    expect(svg).toContain('>fitted z</text>');
    const [panel] = axisMaps(svg);
    const [px, py] = [toPixel(panel!.x), toPixel(panel!.y)];
    const [points] = circleGroups(svg);
    expect(points).toHaveLength(rows.length);
    rows.forEach(([u, v, z], i) => {
      const f = a * u + b * v + c;
      expect(Math.abs(points![i]![0] - px(f))).toBeLessThan(1);
      expect(Math.abs(points![i]![1] - py(z - f))).toBeLessThan(1);
    });
  });
});

describe('fit --plot of a mean-loss fit', () => {
  const data = join(dir, 'line.csv');
  writeFileSync(data, 'x,y\n0,1\n1,3.1\n2,4.9\n3,7.2\n4,8.8\n');
  const loss = (a: number, b: number): number =>
    [[0, 1], [1, 3.1], [2, 4.9], [3, 7.2], [4, 8.8]].reduce((s, [x, y]) => s + (y! - (a * x! + b)) ** 2, 0) / 5;

  it('draws the mean loss over the steps, on a log scale when it spans decades', () => {
    const file = join(dir, 'loss.svg');
    const r = runCli(['fit', '(y - (a*x + b))^2', '--data', data, '--at', 'a=0,b=0', '--method', 'gd', '--lr', '0.02',
      '--steps', '300', '--json', '--plot', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { loss: number; parameters: { a: number; b: number } };
    expect(out.loss).toBeCloseTo(loss(out.parameters.a, out.parameters.b), 12);
    const svg = readFileSync(file, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('mean f (log scale)');
    const [panel] = axisMaps(svg);
    expect(panel!.log).toBe(true);
    const vertices = pathVertices(svg);
    expect(vertices).toHaveLength(301); // the start and 300 steps
    const [px, py] = [toPixel(panel!.x), toPixel((p) => Math.log10(panel!.y(p)))];
    expect(Math.abs(vertices[0]![0] - px(0))).toBeLessThan(1);
    expect(Math.abs(vertices[0]![1] - py(Math.log10(loss(0, 0))))).toBeLessThan(1);
    expect(Math.abs(vertices[300]![0] - px(300))).toBeLessThan(1);
    expect(Math.abs(vertices[300]![1] - py(Math.log10(out.loss)))).toBeLessThan(1);
    for (let i = 1; i < vertices.length; i++) expect(vertices[i]![1]).toBeGreaterThanOrEqual(vertices[i - 1]![1]);
  });

  it('keeps a bounded number of points of a long run, the last step among them', () => {
    const file = join(dir, 'long.svg');
    const r = runCli(['fit', '(y - (a*x + b))^2', '--data', data, '--at', 'a=0,b=0', '--method', 'gd', '--lr', '0.00001',
      '--steps', '20000', '--plot', file]);
    expect(r.code).toBe(0);
    const n = pathVertices(readFileSync(file, 'utf8')).length;
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThanOrEqual(2001);
    expect(readFileSync(file, 'utf8')).toContain('>20,000</text>');
  });
});

describe('fit --plot: bad file names', () => {
  it.each([
    ['an unknown extension', 'fit.jpg', /--plot '.*fit\.jpg': unknown extension '\.jpg' \(expected \.svg or \.png\)/],
    ['no extension', 'fit', /--plot '.*fit': no extension \(expected \.svg or \.png\)/],
    ['a missing folder', join('no-such-dir', 'fit.svg'), /--plot '.*fit\.svg': no such directory/],
  ])('%s: exit 2, one message, nothing run or written', (_name, name, message) => {
    const before = readdirSync(dir).sort();
    const r = runCli([...MISRA_ARGS, '--plot', join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(hasStackFrame(r.stderr)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(join(dir, name))).toBe(false);
  });
});
