// dist/cli.cjs starts dist/app.cjs from a V8 code cache: without the cache, or
// with a cache V8 rejects, the CLI behaves exactly the same; import() and
// import.meta.url reach the bundle through the boot loader.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'autograd-boot-'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  return dir;
}

function run(dir: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'autograd.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ARGS = ['eval', '(sin(x2)+1)/(x2+exp(x1))+x1*x2', '--at', 'x1=1.5,x2=0.5', '--json'];

describe('boot loader and code cache', () => {
  it('gives the same answer with the cache, without it, and with a corrupt one', () => {
    const dir = copyOfBuild();
    const cached = run(dir, ARGS);
    expect(cached.stderr).toBe('');
    expect(cached.code).toBe(0);
    writeFileSync(join(dir, 'dist', 'app.cjs.cache'), Buffer.from('not a V8 code cache'));
    expect(run(dir, ARGS)).toEqual(cached);
    rmSync(join(dir, 'dist', 'app.cjs.cache'));
    expect(run(dir, ARGS)).toEqual(cached);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes import() and the bundle URL into the bundle', () => {
    const dir = copyOfBuild();
    rmSync(join(dir, 'dist', 'app.cjs.cache'));
    writeFileSync(join(dir, 'dist', 'app.cjs'),
      "(function (exports, require, module, __filename, __dirname, __autograd_url, __autograd_import) {"
      + "__autograd_import('node:path').then((m) => process.stdout.write(typeof m.join + ' ' + __autograd_url.endsWith('/dist/app.cjs')));\n})");
    expect(run(dir, [])).toEqual({ code: 0, stdout: 'function true', stderr: '' });
    rmSync(dir, { recursive: true, force: true });
  });
});
