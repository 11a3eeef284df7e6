// The README's TypeScript example type-checks against the package's own types
// (self-reference through package.json `exports`) and runs, printing what its comments say.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(ROOT, 'test', '.readme-ts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the README library example type-checks and its commented results hold', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(1);
  const code = blocks[0]!;
  // Each `expr; // value` line becomes an assertion.
  const checked = code.replace(/^(.*?);\s*\/\/ (.+)$/gm, (_all, expr: string, want: string) =>
    `${expr};\nif (JSON.stringify(${expr.trim()}) !== JSON.stringify(${want})) throw new Error(${JSON.stringify(`${expr.trim()} is not ${want}`)});`);
  const file = join(dir, 'example.ts');
  writeFileSync(file, checked);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--skipLibCheck', '--types', 'node', file], { cwd: ROOT, stdio: 'pipe' });
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const r = spawnSync(process.execPath, [tsx, file], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
