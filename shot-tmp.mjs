import { chromium } from 'playwright-core';
const exe = 'node_modules/.cache/autograd-chromium/chromium';
const ctx = await chromium.launchPersistentContext('/tmp/pagetry/profile2', { executablePath: exe, headless: true, deviceScaleFactor: 2,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'], viewport: { width: 1100, height: 560 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto('file:///tmp/pagetry/classic.html');
await page.waitForSelector('html[data-ready]', { state: 'attached' });
for (let i = 0; i < 6; i++) await page.locator('body').press('ArrowRight');
await page.screenshot({ path: '/tmp/pagetry/step.png' });
await page.locator('body').press('Home');
await page.screenshot({ path: '/tmp/pagetry/full.png' });
await page.goto('file:///tmp/pagetry/h.html');
await page.waitForSelector('html[data-ready]', { state: 'attached' });
await page.screenshot({ path: '/tmp/pagetry/big.png' });
await ctx.close();
