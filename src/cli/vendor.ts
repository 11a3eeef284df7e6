// Loads the bundled third-party libraries (dist/vendor.cjs: Chevrotain,
// commander, chalk) through a V8 code cache written at build time, so a cold
// start does not parse and compile them again. If the cache is missing or was
// made by another Node or V8, V8 rejects it and compiles as usual: the cache
// changes speed, never behaviour. Used only by the bundle (see build.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

let loaded: Record<string, unknown> | undefined;

/** The vendored modules by package name. */
export function vendor(): Record<string, unknown> {
  if (loaded !== undefined) return loaded;
  const file = fileURLToPath(new URL('./vendor.cjs', import.meta.url));
  const cacheFile = `${file}.cache`;
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown) => void)(module.exports, createRequire(file), module);
  // Build time only (build.mjs): record the code compiled by a typical run.
  if (process.env.AUTOGRAD_WRITE_CODE_CACHE === cacheFile) {
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  loaded = module.exports;
  return loaded;
}
