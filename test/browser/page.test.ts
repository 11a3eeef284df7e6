// --dot page.html in a real headless Chromium (one launch for the file): the
// page loads from file:// with no console error and no network request, its
// numbers are the CLI's (formatted text and full precision, bit for bit),
// the URL fragment sets the values and follows them, and the step-through
// marks the right nodes and shows the --trace lines.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { CLASSIC, CLASSIC_AT, hundredNodes, THETA, TWICE } from '../helpers/pages.js';

let dir: string;
let browser: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

/** `--at` and its value, or nothing for a program without variables. */
const atArgs = (at: string): string[] => (at === '' ? [] : ['--at', at]);

/** Writes `--dot name.html` of `program` at `at`; returns its file URL. */
function writePage(name: string, program: string, at: string): string {
  const path = join(dir, `${name}.html`);
  const r = runCli(['eval', program, ...atArgs(at), '--dot', path]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return pathToFileURL(path).href;
}

/** The CLI's numbers at `at`: eval --json. */
function cliJson(program: string, at: string): { value: number; gradient: Record<string, number> } {
  const r = runCli(['eval', program, '--at', at, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { value: number; gradient: Record<string, number> };
}

/** The texts of every value node of the CLI's --dot .svg at `at`, read by the browser's own SVG parser. */
async function cliSvgTexts(program: string, at: string): Promise<Record<string, string[]>> {
  const path = join(dir, 'expected.svg');
  expect(runCli(['eval', program, ...atArgs(at), '--dot', path]).code).toBe(0);
  const other = await browser.newPage();
  await other.goto(pathToFileURL(path).href);
  const texts = await nodeTexts(other);
  await other.close();
  rmSync(path);
  return texts;
}

/** Title → texts of every value node group in the page's SVG (`v3` → [label, data …, grad …]). */
function nodeTexts(p: Page): Promise<Record<string, string[]>> {
  return p.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const g of document.querySelectorAll('g.node')) {
      const title = g.querySelector('title')?.textContent ?? '';
      const m = /^v\d+$/.exec(title);
      const dataNode = (g as SVGGElement).dataset.node;
      const key = m !== null ? title : dataNode !== undefined ? `v${dataNode}` : undefined;
      if (key !== undefined) out[key] = [...g.querySelectorAll('text')].map((t) => t.textContent ?? '');
    }
    return out;
  });
}

/** Loads the page afresh (a URL that differs only in its fragment would not reload it). */
async function open(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
}

/** Types a value into a variable's number field as a person does. */
async function type(name: string, value: string): Promise<void> {
  const field = page.locator(`input[type=number][name="${name}"]`);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(value);
}

/** The full-precision numbers the page shows: each ∂out/∂VAR (title of its output) and the output node's data. */
async function pageNumbers(): Promise<{ value: string; gradient: Record<string, string> }> {
  return page.evaluate(() => {
    const gradient: Record<string, string> = {};
    for (const row of document.querySelectorAll('#variables .var')) {
      const name = row.querySelector('input[type=number]')!.getAttribute('name')!;
      gradient[name] = row.querySelector('output')!.title;
    }
    const nodes = [...document.querySelectorAll('#graph g.node[data-node]')];
    const last = nodes.reduce((a, b) => (Number((a as SVGGElement).dataset.node) > Number((b as SVGGElement).dataset.node) ? a : b));
    const value = /data ([^,]+),/.exec(last.querySelector('title')!.textContent ?? '')![1]!;
    return { value, gradient };
  });
}

/** Same double: the page's full-precision text read back as a number, and the CLI's JSON number. */
function sameNumber(text: string, expected: number | string): boolean {
  return Object.is(Number(text), typeof expected === 'string' ? Number(expected) : expected);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autograd-page-'));
  browser = await launchBrowser(dir);
  // Nothing but the page's own file may be fetched: everything else is blocked and recorded.
  await browser.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  browser.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('--dot page.html in Chromium', () => {
  it('the classic example: loads with the CLI\'s numbers, updates to the CLI\'s numbers as a value is typed', async () => {
    const url = writePage('classic', CLASSIC, CLASSIC_AT);
    await open(url);
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(CLASSIC, CLASSIC_AT));
    expect(await page.locator('label', { hasText: 'a' }).first().getAttribute('for')).toBe(await page.locator('input[name=a]').getAttribute('id'));
    await type('b', '5');
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(CLASSIC, 'a=2,b=5,c=10,f=-2'));
    expect(await page.locator('#variables output').allTextContents()).toEqual(
      ['∂L/∂a = -10.0000', '∂L/∂b = -4.0000', '∂L/∂c = -2.0000', '∂L/∂f = 20.0000']);
    // The fragment follows the state, so a link shares it.
    expect(new URL(page.url()).hash).toBe('#a=2,b=5,c=10,f=-2');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('the fragment sets the values at load; one that is not a number is shown as such and changes nothing', async () => {
    const url = writePage('classic', CLASSIC, CLASSIC_AT);
    await open(`${url}#a=3,f=0.5`);
    expect(await page.locator('input[name=a]').inputValue()).toBe('3');
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(CLASSIC, 'a=3,b=-3,c=10,f=0.5'));
    await open(`${url}#a=abc,f=0.5`);
    expect(await page.locator('#problems').textContent()).toContain("a: 'abc' is not a number");
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(CLASSIC, 'a=2,b=-3,c=10,f=0.5'));
    // Typed: a lone minus sign is not a number yet.
    const before = await nodeTexts(page);
    await type('c', '-');
    expect(await page.locator('#problem-2').textContent()).toBe('that is not a number');
    expect(await nodeTexts(page)).toEqual(before);
    await type('c', '4');
    expect(await page.locator('#problem-2').textContent()).toBe('');
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(CLASSIC, 'a=2,b=-3,c=4,f=0.5'));
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('every program: the page\'s full-precision numbers equal eval --json bit for bit at random points', async () => {
    const programs: Array<readonly [string, string, readonly string[]]> = [
      [CLASSIC, CLASSIC_AT, ['a', 'b', 'c', 'f']],
      [THETA, 'r=1', ['r']],
      [TWICE, 'a=3', ['a']],
      [hundredNodes(), 'a=0.5,b=0.25', ['a', 'b']],
    ];
    const points = fc.sample(fc.array(fc.double({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 4 }),
      { numRuns: 3, seed: 13 });
    for (const [k, [program, at, names]] of programs.entries()) {
      const url = writePage(`program-${k}`, program, at);
      for (const xs of points) {
        const point = names.map((n, i) => `${n}=${xs[i]}`).join(',');
        await open(`${url}#${point}`);
        const got = await pageNumbers();
        const want = cliJson(program, point);
        expect(sameNumber(got.value, want.value), `${program} at ${point}: value ${got.value} vs ${want.value}`).toBe(true);
        expect(Object.keys(got.gradient)).toEqual(Object.keys(want.gradient));
        for (const n of names) {
          expect(sameNumber(got.gradient[n]!, want.gradient[n]!), `${program} at ${point}: ∂/∂${n} ${got.gradient[n]} vs ${want.gradient[n]}`).toBe(true);
        }
      }
      // And the formatted texts of every node, after typing a value.
      await type(names[0]!, '0.75');
      const typed = names.map((n, i) => `${n}=${i === 0 ? 0.75 : points[2]![i]}`).join(',');
      expect(await nodeTexts(page)).toEqual(await cliSvgTexts(program, typed));
    }
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('programs without variables, a lone variable, and names such as __proto__ load and match the CLI', async () => {
    for (const [k, [program, at]] of ([['2*3', ''], ['x', 'x=NaN'], ['__proto__*constructor + -0', '__proto__=2,constructor=-1']] as const).entries()) {
      const url = writePage(`edge-${k}`, program, at);
      await open(url);
      expect(await nodeTexts(page)).toEqual(await cliSvgTexts(program, at));
      await page.getByRole('button', { name: 'Next step' }).click();
      expect(await page.locator('[aria-current="step"]').count()).toBe(1);
    }
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a unicode name: θ = 2*pi*r; sin(θ/8) at #r=0.5', async () => {
    const url = writePage('theta', THETA, 'r=1');
    await open(`${url}#r=0.5`);
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(THETA, 'r=0.5'));
    expect(await page.locator('#variables output').textContent()).toBe(`∂f/∂r = ${cliFormatted(THETA, 'r=0.5', 'r')}`);
    expect(consoleErrors).toEqual([]);
  });

  it('steps through the forward and the backward pass, marking the node and showing the --trace lines', async () => {
    const url = writePage('twice', TWICE, 'a=3');
    await open(url);
    const trace = runCli(['eval', TWICE, '--at', 'a=3', '--trace'], { env: { NO_COLOR: '1' } }).stdout;
    const current = (): Promise<string | null> => page.evaluate(() => {
      const g = document.querySelector('[aria-current="step"]');
      return g === null ? null : g.querySelector('text')!.textContent;
    });
    await page.getByRole('button', { name: 'Next step' }).click();
    expect(await current()).toBe('b');
    expect(await page.locator('#step').textContent()).toContain('b = a + a = 3.0000 + 3.0000 = 6.0000');
    expect(await page.locator('#step').getAttribute('aria-live')).toBe('polite');
    // c is not yet computed.
    const texts = await nodeTexts(page);
    const c = Object.values(texts).find((t) => t[0] === 'c')!;
    expect(c[1]).toBe('data ?');
    await page.locator('body').press('ArrowRight');
    expect(await current()).toBe('c');
    // The backward pass starts at the output: dc/dc = 1.
    await page.locator('body').press('ArrowRight');
    expect(await current()).toBe('c');
    expect(await page.locator('#step').textContent()).toContain('dc/dc = 1');
    await page.locator('body').press('ArrowRight');
    expect(await current()).toBe('b');
    const lines = (await page.locator('#lines').textContent())!.split('\n');
    expect(lines.length).toBe(3);
    for (const line of lines) expect(trace.split('\n')).toContain(line);
    expect(lines[2]).toContain('+=');
    expect(await page.locator('g.edge.active').count()).toBe(2);
    await page.locator('body').press('ArrowLeft');
    expect(await current()).toBe('c');
    await page.locator('body').press('Home');
    expect(await current()).toBe(null);
    expect(await page.locator('#lines').textContent()).toBe('');
    expect(await nodeTexts(page)).toEqual(await cliSvgTexts(TWICE, 'a=3'));
    // Tab reaches the nodes; a focused node shows its full precision.
    await page.locator('g.node[data-node="0"]').focus();
    expect(await page.locator('#focused').textContent()).toBe('a: data 3, grad 24');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });
});

/** The CLI's gradient of `name` formatted as the picture formats it (its --dot .svg text of that variable). */
function cliFormatted(program: string, at: string, name: string): string {
  const svg = join(dir, 'one.svg');
  runCli(['eval', program, '--at', at, '--dot', svg]);
  const text = readFileSync(svg, 'utf8');
  rmSync(svg);
  const m = new RegExp(`>${name}</text>[\\s\\S]*?>data [^<]*</text>[\\s\\S]*?>grad ([^<]*)</text>`).exec(text);
  return m![1]!.replace(/&#45;/g, '-');
}
