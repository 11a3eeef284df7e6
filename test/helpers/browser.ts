// A real headless Chromium for the page tests: the binary the npm package
// @sparticuz/chromium ships (a devDependency, so `npm ci` alone brings it),
// unpacked once into node_modules/.cache (never into TMPDIR, which the test
// run must leave empty), driven by playwright-core. A missing or broken
// browser throws: the tests fail loudly, they never skip.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { ROOT } from './cli.js';

const CACHE = join(ROOT, 'node_modules', '.cache', 'autograd-chromium');

/** The Chromium binary, unpacked on first use; a half-unpacked folder is never used (unpacked aside, then renamed). */
export async function chromiumPath(): Promise<string> {
  const binary = join(CACHE, 'chromium');
  if (existsSync(binary)) return binary;
  const { default: chromium } = await import('@sparticuz/chromium');
  mkdirSync(join(CACHE, '..'), { recursive: true });
  const aside = mkdtempSync(`${CACHE}.partial-`);
  // NOTE: the package unpacks into os.tmpdir(), which reads TMPDIR on every call.
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = aside;
  try {
    await chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(aside, CACHE);
  } catch {
    // Another test run unpacked it first.
    rmSync(aside, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`no Chromium at ${binary}: @sparticuz/chromium did not unpack (run npm ci)`);
  return binary;
}

/** Flags: headless, and nothing that talks to the network or leaves state behind. */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
  '--no-default-browser-check', '--disable-domain-reliability', '--no-pings',
];

/** One browser for a test file, its profile in `dir` (the test's temp folder); close it in afterAll. */
export async function launchBrowser(dir: string): Promise<BrowserContext> {
  const executablePath = await chromiumPath();
  const { chromium } = await import('playwright-core');
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  // Chromium makes scratch files (.org.chromium.Chromium.*) in TMPDIR and does not always remove them
  // when it exits: give it a temp folder inside the test's own, which the test removes.
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const env = { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp } as Record<string, string>;
  return chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 720 }, env,
  });
}
