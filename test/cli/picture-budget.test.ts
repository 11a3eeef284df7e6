// Pictures are bounded by what they cost: a PNG too deep to fit at a readable
// size is refused before any work, one too large after the layout is refused
// before anything is drawn; an SVG of the same graph is drawn. Exit 2, never 3.
// (The heavier cases, every shape up to 200 nodes, are in test/scale/pictures.test.ts.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { svgSize } from '../../src/render/picture.js';
import { runCli } from '../helpers/cli.js';
import { shapedProgram } from '../helpers/shapes.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('picture budget', () => {
  it('a PNG of a 150-deep chain is refused before the layout, with the way out', () => {
    const { source, at } = shapedProgram('chain', 150);
    const target = join(dir, 'chain.png');
    const r = runCli(['eval', source, '--at', at, '--dot', target]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the graph is too deep for a PNG: laid out left to right it is at least \d+ points wide, more than 32767 pixels even with 12-pixel text: write --dot graph\.svg instead/);
    expect(existsSync(target)).toBe(false);
  });

  it('--force does not lift the PNG budget', () => {
    const { source, at } = shapedProgram('chain', 250);
    const r = runCli(['eval', source, '--at', at, '--dot', join(dir, 'forced.png'), '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the graph is too deep for a PNG/);
  });

  it('a PNG whose layout is too large is refused before it is drawn', () => {
    const { source, at } = shapedProgram('fan', 190);
    const target = join(dir, 'fan.png');
    const r = runCli(['eval', source, '--at', at, '--dot', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the picture is too large for a PNG: Graphviz laid it out at \d+ × \d+ points, more than 24 million pixels or 32767 pixels across even with 12-pixel text: write --dot graph\.svg instead/);
    expect(existsSync(target)).toBe(false);
  });

  it('the SVG of the same chain is drawn', () => {
    const { source, at } = shapedProgram('chain', 150);
    const r = runCli(['eval', source, '--at', at, '--dot', join(dir, 'chain.svg')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'chain.svg'))).toBe(true);
  });

  it('a long sum keeps its computed values on one line, so it stays low enough for a PNG', () => {
    const { source, at } = shapedProgram('sum', 190);
    const r = runCli(['eval', source, '--at', at, '--dot', join(dir, 'sum.svg')]);
    expect(r.code).toBe(0);
    const { width, height } = svgSize(readFileSync(join(dir, 'sum.svg'), 'utf8'));
    // 95 variables, each beside the + it feeds: two records high, not a staircase of 95.
    expect(height).toBeLessThan(300);
    expect(width).toBeGreaterThan(20 * height);
    const png = runCli(['eval', source, '--at', at, '--dot', join(dir, 'sum.png')]);
    expect(png.code).toBe(0);
    expect(readFileSync(join(dir, 'sum.png')).readUInt32BE(16)).toBeLessThanOrEqual(32_767);
  });
});
