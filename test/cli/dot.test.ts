// --dot: DOT text, SVG and PNG of the classic micrograd example, atomic writes,
// and the errors that must leave nothing behind.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackFrame, ROOT, runCli } from '../helpers/cli.js';
import { svgTexts, xmlProblems } from '../helpers/xml.js';

const CLASSIC = 'e = a*b; d = e + c; L = d*f';
const AT = 'a=2,b=-3,c=10,f=-2';
const RESULT = 'L = -8\n∂L/∂a = 6\n∂L/∂b = -4\n∂L/∂c = -2\n∂L/∂f = 4\n';

const GOLDEN_DOT = `digraph "autograd" {
  graph [rankdir=LR, bgcolor="white", nodesep=0.2, ranksep=0.35, pad=0.2, nslimit=2, nslimit1=2, mclimit=0.5];
  edge [color="#718096", arrowsize=0.6, penwidth=1.1, tailport=e];
  node [shape=record, style=filled, fillcolor="#ffffff", color="#4a5568", penwidth=1.2, margin="0.11,0.055", width=0.75, height=0.5, fontname="Courier", fontsize=12];
  v0 [fillcolor="#e3f0ff", label="{ a | data 2.0000 | grad 6.0000 }"];
  v1 [fillcolor="#e3f0ff", label="{ b | data -3.0000 | grad -4.0000 }"];
  v2 [label="{ e | data -6.0000 | grad -2.0000 }"];
  v3 [fillcolor="#e3f0ff", label="{ c | data 10.0000 | grad -2.0000 }"];
  v4 [label="{ d | data 4.0000 | grad -2.0000 }"];
  v5 [fillcolor="#e3f0ff", label="{ f | data -2.0000 | grad 4.0000 }"];
  v6 [fillcolor="#fde2e2", penwidth=2, label="{ L | data -8.0000 | grad 1.0000 }"];
  node [shape=ellipse, style=filled, fillcolor="#fff4d6", color="#b7791f", penwidth=1.2, margin="0.04,0.02", width=0.3, height=0.3, fontname="Courier", fontsize=14];
  v2_op [label="*"];
  v4_op [label="+"];
  v6_op [label="*"];
  v0 -> v2_op;
  v1 -> v2_op;
  v2_op -> v2;
  v2 -> v4_op;
  v3 -> v4_op;
  v4_op -> v4;
  v4 -> v6_op;
  v5 -> v6_op;
  v6_op -> v6;
}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autograd-dot-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function filesIn(d: string): string[] {
  return readdirSync(d).sort();
}

describe('--dot DOT text', () => {
  it('- writes the DOT alone to stdout, byte-identical on every run', () => {
    const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', '-']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(GOLDEN_DOT);
    expect(runCli(['eval', CLASSIC, '--at', AT, '--dot', '-']).stdout).toBe(r.stdout);
  });

  it('.dot and .gv files hold the same text; stdout keeps the result', () => {
    const sub = mkdtempSync(join(dir, 'text-'));
    for (const name of ['g.dot', 'g.gv', 'G.DOT']) {
      const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', join(sub, name)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(RESULT);
      expect(readFileSync(join(sub, name), 'utf8')).toBe(GOLDEN_DOT);
    }
    expect(filesIn(sub)).toEqual(['G.DOT', 'g.dot', 'g.gv']);
  });

  it('an input used twice has two edges', () => {
    const r = runCli(['eval', 'b = a + a; c = b * b', '--at', 'a=3', '--dot', '-']);
    expect(r.stdout.match(/v0 -> v1_op;/g)).toHaveLength(2);
    expect(r.stdout.match(/v1 -> v2_op;/g)).toHaveLength(2);
  });

  it('replaces an existing file atomically and leaves no temporary file', () => {
    const sub = mkdtempSync(join(dir, 'atomic-'));
    const target = join(sub, 'g.dot');
    writeFileSync(target, 'old');
    expect(runCli(['eval', CLASSIC, '--at', AT, '--dot', target]).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(GOLDEN_DOT);
    expect(filesIn(sub)).toEqual(['g.dot']);
  });
});

describe('--dot pictures', () => {
  it('.svg: well-formed XML holding every label and the grads', () => {
    const target = join(dir, 'classic.svg');
    const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', target]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(RESULT);
    const svg = readFileSync(target, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const texts = svgTexts(svg);
    for (const label of ['a', 'b', 'c', 'd', 'e', 'f', 'L', '*', '+']) expect(texts).toContain(label);
    for (const grad of ['6.0000', '-4.0000', '-2.0000', '4.0000', '1.0000']) expect(texts).toContain(`grad ${grad}`);
    for (const data of ['2.0000', '-3.0000', '10.0000', '-2.0000', '-6.0000', '4.0000', '-8.0000']) expect(texts).toContain(`data ${data}`);
  });

  it('a Unicode name is drawn, and Graphviz warnings stay off stderr', () => {
    const target = join(dir, 'theta.svg');
    const r = runCli(['eval', 'θ = atan2(y, x); L = θ*θ', '--at', 'x=3,y=4', '--dot', target]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const svg = readFileSync(target, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toContain('θ');
  });

  it('.png: a valid PNG of plausible size', () => {
    const target = join(dir, 'classic.png');
    const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', target]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = readFileSync(target);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    // Seven records and three ops side by side, left to right, drawn at 2x.
    expect(width).toBeGreaterThan(1500);
    expect(width).toBeLessThan(8000);
    expect(height).toBeGreaterThan(200);
    expect(height).toBeLessThan(width);
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
  });

  it('a picture of a very large graph asks for --force and says how to get DOT', () => {
    const sub = mkdtempSync(join(dir, 'big-'));
    const chain = Array.from({ length: 250 }, () => 'sin(').join('') + 'x' + ')'.repeat(250) + '+x';
    const r = runCli(['eval', chain, '--at', 'x=1', '--dot', join(sub, 'big.svg')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the graph has 252 value nodes, more than 200 for an SVG or PNG picture .*--force.*--dot graph\.dot/);
    expect(filesIn(sub)).toEqual([]);
    const dot = runCli(['eval', chain, '--at', 'x=1', '--dot', join(sub, 'big.dot')]);
    expect(dot.code).toBe(0);
    expect(filesIn(sub)).toEqual(['big.dot']);
  });
});

describe('--dot errors leave nothing written', () => {
  it('unknown extension, no extension: exit 2', () => {
    const sub = mkdtempSync(join(dir, 'ext-'));
    for (const name of ['g.jpg', 'graph', 'g.svg.bak']) {
      const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', join(sub, name)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: --dot '.*': (unknown extension|no extension).*\.dot, \.gv, \.svg, \.png/);
      expect(hasStackFrame(r.stderr)).toBe(false);
    }
    expect(filesIn(sub)).toEqual([]);
  });

  it('missing directory: exit 2', () => {
    const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', join(dir, 'no', 'such', 'g.png')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --dot '.*g\.png': no such directory/);
  });

  it('a target that cannot be replaced: exit 2, no temporary file left', () => {
    const sub = mkdtempSync(join(dir, 'busy-'));
    mkdirSync(join(sub, 'g.dot'));
    const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', join(sub, 'g.dot')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: cannot write '.*g\.dot'/);
    expect(filesIn(sub)).toEqual(['g.dot']);
  });

  it('--dot - with --json, --trace or --check is a usage error', () => {
    for (const flag of ['--json', '--trace', '--check']) {
      const r = runCli(['eval', CLASSIC, '--at', AT, '--dot', '-', flag]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('lazy loading', () => {
  it('the CLI bundle imports Graphviz and resvg only dynamically', () => {
    // dist/app.cjs routes every dynamic import() through boot.ts's __autograd_import.
    const bundle = readFileSync(join(ROOT, 'dist', 'app.cjs'), 'utf8');
    for (const pkg of ['@aduh95/viz.js', '@resvg/resvg-wasm']) {
      expect(bundle).toContain(`__autograd_import("${pkg}")`);
      expect(bundle).not.toContain(`require("${pkg}")`);
    }
  });
});
