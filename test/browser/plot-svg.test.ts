// The SVG plots (`plot -o`, `optimize --plot`, `fit --plot`) in the same real headless
// Chromium as the page tests: each file parses as SVG (no parser error page),
// logs no console error, and draws its curves and tick labels with real extent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
let browser: BrowserContext;
// The fits' data, written before the cases are listed.
const data = mkdtempSync(join(tmpdir(), 'autograd-plot-browser-data-'));
const line = join(data, 'line.csv');
writeFileSync(line, 'x,y\n0,1.1\n1,2.9\n2,5.2\n3,6.8\n4,9.1\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autograd-plot-browser-'));
  browser = await launchBrowser(dir);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

const CASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['cubic with its tangent', ['plot', 'x^3 - 3*x', '--over', 'x=-2.5:2.5', '--at', 'x=1']],
  ['tan with its poles', ['plot', 'tan(x)', '--over', 'x=-3:3']],
  ['an optimize run', ['optimize', '(x-3)^2 + (y+1)^2', '--at', 'x=0,y=0', '--lr', '0.1', '--steps', '50']],
  ['a curve fit with residuals', ['fit', 'a*x + b', '--data', line, '--y', 'y', '--at', 'a=1,b=0']],
  ['a mean-loss fit', ['fit', '(y - (a*x + b))^2', '--data', line, '--at', 'a=0,b=0', '--method', 'gd', '--lr', '0.02', '--steps', '200']],
];

for (const [name, args] of CASES) {
  it(`${name}: the SVG renders in Chromium without errors`, async () => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.svg`);
    const flag = args[0] === 'plot' ? '-o' : '--plot';
    const r = runCli([...args, flag, path]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path).href);
    const drawn = await page.evaluate(() => {
      const root = document.documentElement;
      const box = (e: Element) => (e as SVGGraphicsElement).getBBox();
      const paths = [...document.querySelectorAll('path')].map(box).filter((b) => b.width > 1 || b.height > 1);
      const texts = [...document.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '' && box(t).width > 0);
      return {
        root: root.localName,
        parserError: document.querySelector('parsererror') !== null,
        paths: paths.length,
        texts: texts.length,
      };
    });
    await page.close();
    expect(errors).toEqual([]);
    expect(drawn.root).toBe('svg');
    expect(drawn.parserError).toBe(false);
    expect(drawn.paths).toBeGreaterThanOrEqual(1);
    expect(drawn.texts).toBeGreaterThanOrEqual(5); // tick labels and the legend
  }, 60_000);
}
