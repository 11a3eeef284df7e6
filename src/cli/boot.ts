// Start-up of the bundled CLI (dist/cli.cjs, required by bin/autograd.js). It
// runs dist/app.cjs, the whole CLI with its libraries, from a V8 code cache
// made at build time (dist/app.cjs.cache), so a cold start skips parsing and
// compiling it. A cache made by another Node or V8 is rejected by V8 and the
// code compiles as usual: the cache changes speed, never behaviour.
// Plain CommonJS on purpose: Node's ES module loader costs more at start-up.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const file = join(__dirname, 'app.cjs');
const cacheFile = `${file}.cache`;
const source = readFileSync(file, 'utf8');
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The file is one function expression (build.mjs wraps the bundle) taking
// CommonJS's five parameters, the file's URL for import.meta.url, and import()
// (code run by vm cannot call it itself).
const script = new Script(source, { filename: file, cachedData });
// Build time only (build.mjs): record the code compiled by one ordinary run.
if (process.env.AUTOGRAD_WRITE_CODE_CACHE === cacheFile) {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const req = createRequire(file);
// `require` on the module object too: lodash looks for it (else it calls process.binding).
const module = { exports: {}, require: req };
(script.runInThisContext() as (...args: unknown[]) => void)(
  module.exports, req, module, file, __dirname, pathToFileURL(file).href,
  (specifier: string) => import(specifier),
);
