// `npm install` must print no warning the project could have avoided: npm 11
// warns about every dependency whose install script package.json `allowScripts`
// neither allows nor denies, so each one in the lockfile must be covered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

it('allowScripts covers every dependency with an install script', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
  };
  const covered = new Set(Object.keys(pkg.allowScripts ?? {}));
  const scripted = Object.entries(lock.packages).filter(([path, e]) => path !== '' && e.hasInstallScript === true);
  expect(scripted.length).toBeGreaterThan(0);
  const uncovered = scripted
    .map(([path, e]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), version: e.version }))
    .filter(({ name, version }) => !covered.has(name) && !covered.has(`${name}@${version}`))
    .map(({ name, version }) => `${name}@${version}`);
  expect(uncovered).toEqual([]);
});
