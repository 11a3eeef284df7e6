// Every TypeScript example in the README and the docs pages type-checks against
// the package's own types (self-reference through package.json `exports`) and
// runs, and what its comments say holds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { DOC_PAGES } from '../helpers/docs.js';

const dir = mkdtempSync(join(ROOT, 'test', '.readme-ts-'));
// tsx keeps its cache and an IPC pipe in the temp folder: a short path of this test's own, removed with it.
const tsxTemp = mkdtempSync(join(tmpdir(), 'autograd-tsx-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(tsxTemp, { recursive: true, force: true });
});

const blocks = DOC_PAGES.flatMap((page) => [...readFileSync(join(ROOT, page), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m, k) => ({ page, k, code: m[1]! })));

it('the docs have TypeScript examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(1);
  expect(blocks.some((b) => b.page === 'docs/library.md')).toBe(true);
});

for (const { page, k, code } of blocks) {
  it(`${page}: TypeScript example ${k + 1} type-checks and its commented results hold`, () => {
    // Each `expr; // value` line becomes an assertion.
    const checked = code.replace(/^(.*?);\s*\/\/ (.+)$/gm, (_all, expr: string, want: string) =>
      `${expr};\nif (JSON.stringify(${expr.trim()}) !== JSON.stringify(${want})) throw new Error(${JSON.stringify(`${expr.trim()} is not ${want}`)});`);
    const file = join(dir, `${page.replace(/\W/g, '_')}-${k}.ts`);
    writeFileSync(file, checked);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--target', 'es2022', '--skipLibCheck', '--types', 'node', file], { cwd: ROOT, stdio: 'pipe' });
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const r = spawnSync(process.execPath, [tsx, file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: tsxTemp } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
}
