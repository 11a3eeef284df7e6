// --dot page.html as a file: one self-contained page within its size budget,
// a Content-Security-Policy that allows only its own inline script and style
// (by hash), the same Graphviz layout as --dot .svg, written atomically; and
// a plain eval never reads the page's script.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { CLASSIC, CLASSIC_AT, hundredNodes } from '../helpers/pages.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autograd-page-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writePage(name: string, program: string, at: string): string {
  const path = join(dir, name);
  const r = runCli(['eval', program, '--at', at, '--dot', path]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(path, 'utf8');
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('--dot page.html', () => {
  it('is one page within 64 KB for the classic example, its script and style allowed by hash and nothing else', () => {
    const html = writePage('classic.html', CLASSIC, CLASSIC_AT);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(64 * 1024);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect([scripts.length, styles.length]).toEqual([1, 1]);
    expect(csp.split(';').map((s) => s.trim())).toEqual([
      "default-src 'none'", `script-src ${hash(scripts[0]!)}`, `style-src ${hash(styles[0]!)}`,
      "img-src 'none'", "base-uri 'none'", "form-action 'none'",
    ]);
    // Nothing to fetch: no external script, style, image or link; the only URLs are SVG's namespace names.
    expect(html).not.toMatch(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=/);
    expect([...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => !/^http:\/\/www\.w3\.org\/(?:2000\/svg|1999\/xlink)$/.test(u))).toEqual([]);
    expect(html).toContain('<script type="application/json" id="autograd-data">');
  });

  it('holds the same Graphviz drawing as --dot .svg, every value node a g.node of label, data and grad', () => {
    const html = writePage('same.html', CLASSIC, CLASSIC_AT);
    runCli(['eval', CLASSIC, '--at', CLASSIC_AT, '--dot', join(dir, 'same.svg')]);
    const svg = readFileSync(join(dir, 'same.svg'), 'utf8');
    const element = svg.slice(svg.indexOf('<svg'));
    expect(html).toContain(element);
    const nodes = [...element.matchAll(/<g id="node\d+" class="node">\n<title>v(\d+)<\/title>([\s\S]*?)<\/g>/g)];
    expect(nodes).toHaveLength(7);
    for (const [, , body] of nodes) {
      const texts = [...body!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(texts).toHaveLength(3);
      expect(texts[1]).toMatch(/^data /);
      expect(texts[2]).toMatch(/^grad /);
    }
  });

  it('stays within 1 MB for a 100-node program', () => {
    const program = hundredNodes();
    const count = runCli(['eval', program, '--at', 'a=0.5,b=0.25', '--dot', '-']).stdout.match(/^ {2}v\d+ \[/gm)!.length;
    expect(count).toBeGreaterThanOrEqual(100);
    const html = writePage('hundred.html', program, 'a=0.5,b=0.25');
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(1024 * 1024);
    expect(html.match(/class="node"/g)!.length).toBeGreaterThan(count);
  });

  it('replaces a file atomically and leaves no temporary file; .htm and .HTML are pages too', () => {
    const sub = mkdtempSync(join(dir, 'atomic-'));
    writeFileSync(join(sub, 'p.html'), 'old');
    for (const name of ['p.html', 'q.htm', 'R.HTML']) {
      expect(runCli(['eval', 'x*y', '--at', 'x=1,y=2', '--dot', join(sub, name)]).code).toBe(0);
      expect(readFileSync(join(sub, name), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    }
    expect(readdirSync(sub).sort()).toEqual(['R.HTML', 'p.html', 'q.htm']);
  });

  it('--help lists .html among the --dot formats', () => {
    expect(runCli(['eval', '--help']).stdout).toMatch(/--dot <file>[^\n]*\.html/);
  });

  it('a plain eval never reads the page\'s script or style; --dot page.html does', () => {
    // A probe logs every file read of page.js or page.css.
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, `const fs = require('node:fs');
const log = (p) => { if (/page\\.(?:js|css)$/.test(String(p))) process.stderr.write('READ ' + p + '\\n'); };
for (const k of ['readFileSync', 'openSync', 'readFile', 'open']) { const f = fs[k]; fs[k] = function (p, ...a) { log(p); return f.call(this, p, ...a); }; }
for (const k of ['readFile', 'open']) { const f = fs.promises[k]; fs.promises[k] = function (p, ...a) { log(p); return f.call(this, p, ...a); }; }
`);
    const env = { NODE_OPTIONS: `--require ${probe}` };
    const plain = runCli(['eval', CLASSIC, '--at', CLASSIC_AT], { env });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    const svg = runCli(['eval', CLASSIC, '--at', CLASSIC_AT, '--dot', join(dir, 'probe.svg')], { env });
    expect(svg.stderr).toBe('');
    const page = runCli(['eval', CLASSIC, '--at', CLASSIC_AT, '--dot', join(dir, 'probe.html')], { env });
    expect(page.code).toBe(0);
    expect(page.stderr).toMatch(/^READ .*dist[\\/]page\.js$/m);
    expect(page.stderr).toMatch(/^READ .*dist[\\/]page\.css$/m);
    expect(BIN).toMatch(/autograd\.js$/);
  });
});
