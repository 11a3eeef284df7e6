// Builds the bundled CLI once before the CLI tests spawn it, and makes sure
// the tests clean up after themselves: the whole run (every test worker and
// every process a test starts inherits the environment) gets a temp folder of
// its own through TMPDIR, which must be empty again when the run ends; and
// the scratch folders some tests make inside test/ must be gone. Whatever is
// left is removed, and the run fails with the list, so a test that leaks is
// found the first time it runs. (The folder's name is short because messages
// shorten long paths, and some tests compare a message with a path in it.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMP_VARS = ['TMPDIR', 'TMP', 'TEMP'] as const;

/** Every file and folder under `dir`, relative to it, depth first, with an explicit stack; at most `limit`. */
export function leftovers(dir: string, limit = 20): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0 && found.length < limit) {
    const at = stack.pop()!;
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
      // A folder is reported only when it is empty; otherwise its contents are.
      if (isDir && readdirSync(path).length > 0) stack.push(path);
      else found.push(relative(dir, path) + (isDir ? '/' : ''));
      if (found.length >= limit) break;
    }
  }
  return found;
}

export default function setup(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' });

  const saved = TEMP_VARS.map((name) => [name, process.env[name]] as const);
  const runTemp = realpathSync(mkdtempSync(join(tmpdir(), 'agt-')));
  for (const name of TEMP_VARS) process.env[name] = runTemp;
  const testDir = join(root, 'test');
  const before = new Set(readdirSync(testDir));

  return () => {
    const left = leftovers(runTemp).map((p) => `${runTemp}/${p}`);
    rmSync(runTemp, { recursive: true, force: true });
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    for (const name of readdirSync(testDir)) {
      if (before.has(name)) continue;
      left.push(join(testDir, name));
      rmSync(join(testDir, name), { recursive: true, force: true });
    }
    if (left.length > 0) {
      // A throw here is only logged by vitest ("error during close"); the exit code is what CI sees.
      process.stderr.write(`error: the tests left files behind (removed now; the test that made them must clean up):\n  ${left.join('\n  ')}\n`);
      process.exitCode = 1;
    }
  };
}
