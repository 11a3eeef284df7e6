// The package as a stranger gets it: npm pack, install the tarball into an
// empty folder (production dependencies only), run the binary. The install
// must not depend on the network or on what the npm cache happens to hold (a
// fresh machine has an empty cache): it uses a cache of its own, empty at the
// start, and the dependencies come as tarballs packed from the checkout's
// node_modules (the exact versions package-lock.json pins), which the stranger's
// package.json substitutes for the registry through `overrides`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, npm_config_cache: join(dir, '.npm-cache'), npm_config_offline: 'true' };
const quiet = { cwd: dir, env, encoding: 'utf8' as const, stdio: 'pipe' as const, timeout: 120_000 };

interface LockEntry { readonly version: string; readonly dev?: boolean; readonly devOptional?: boolean; readonly link?: boolean }

/** The production dependency closure from package-lock.json: folder under the checkout → version. */
function productionPackages(): Map<string, string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const out = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional || entry.link) continue;
    if (path.lastIndexOf('node_modules/') !== 0) throw new Error(`nested package ${path}: overrides by name cannot place it`);
    out.set(path, entry.version);
  }
  return out;
}

beforeAll(() => {
  // dist/ is already built by the global setup; --ignore-scripts avoids rebuilding it under other tests.
  execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { ...quiet, cwd: ROOT });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const deps = join(dir, 'deps');
  mkdirSync(deps);
  const packages = productionPackages();
  // `npm pack --json` reports each tarball's file name, in the order given.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', deps,
    ...[...packages.keys()].map((p) => `./${p}`)], { ...quiet, cwd: ROOT })) as { name: string; filename: string }[];
  const overrides = Object.fromEntries(packed.map((p) => [p.name, `file:./deps/${p.filename}`]));
  expect(Object.keys(overrides).sort()).toEqual([...packages.keys()].map((p) => p.slice('node_modules/'.length)).sort());
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'stranger', private: true, type: 'module', overrides })}\n`);
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--omit=dev', `./${tgz}`], quiet);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function autograd(args: string[]) {
  return spawnSync(join(dir, 'node_modules', '.bin', 'autograd'), args, quiet);
}

describe('npm pack and install', () => {
  it('installs production dependencies only', () => {
    const mods = readdirSync(join(dir, 'node_modules'));
    for (const dev of ['vitest', 'esbuild', 'typescript', 'fast-check']) expect(mods).not.toContain(dev);
    expect(existsSync(join(dir, 'node_modules', 'autograd', 'man', 'autograd.1'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules', 'autograd', 'src'))).toBe(false);
  });

  it('runs --help and eval from the installed package', () => {
    const help = autograd(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: autograd');
    const r = autograd(['eval', 'a*b**2', '--at', 'a=2,b=3', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ output: 'f', value: 18, gradient: { a: 9, b: 12 } });
  });

  it('draws SVG and PNG pictures from the installed package', () => {
    const prog = 'e = a*b; d = e + c; L = d*f';
    for (const ext of ['svg', 'png']) {
      const r = autograd(['eval', prog, '--at', 'a=2,b=-3,c=10,f=-2', '--dot', `classic.${ext}`]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(readFileSync(join(dir, 'classic.svg'), 'utf8')).toContain('grad 6.0000');
    const png = readFileSync(join(dir, 'classic.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('runs through npx, as a user types it', () => {
    const r = spawnSync(npm === 'npm' ? 'npx' : 'npx.cmd', ['--offline', 'autograd', '--help'], quiet);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });

  it('imports the library with its types', () => {
    const file = join(dir, 'use.mjs');
    writeFileSync(file, "import { gradient } from 'autograd';\nconst r = gradient('x*y', { x: 2, y: 5 });\nprocess.stdout.write(JSON.stringify([r.value, [...r.gradient]]));\n");
    const r = spawnSync(process.execPath, [file], quiet);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([10, [['x', 5], ['y', 2]]]);
    expect(existsSync(join(dir, 'node_modules', 'autograd', 'dist', 'types', 'index.d.ts'))).toBe(true);
  });
});
