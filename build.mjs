// Bundles the CLI into dist/cli.js and the library into dist/index.js.
// The CLI's third-party libraries (Chevrotain, commander, chalk) go into
// dist/vendor.cjs, which dist/cli.js loads with a V8 code cache
// (dist/vendor.cjs.cache, made here by one warm-up run): cold start then
// skips parsing and compiling them (see src/cli/vendor.ts and the README).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __AUTOGRAD_BUNDLE__: 'true', __AUTOGRAD_VERSION__: JSON.stringify(version) },
};

const VENDORED = ['chevrotain', 'commander', 'chalk'];
const exportNames = new Map();
for (const name of VENDORED) exportNames.set(name, Object.keys(await import(name)).filter((k) => k !== 'default'));

/**
 * commander requires node:child_process at load, for executable subcommands,
 * which autograd does not have: hand it a stand-in that loads the real module
 * only if a property is ever read.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.namespace === 'lazy'
      ? { path: 'node:child_process', external: true }
      : { path: 'child_process', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  plugins: [lazyChildProcess],
  stdin: {
    contents: VENDORED.map((n) => `exports[${JSON.stringify(n)}] = require(${JSON.stringify(n)});`).join('\n'),
    resolveDir: ROOT,
    loader: 'js',
  },
  format: 'cjs',
  outfile: 'dist/vendor.cjs',
  minify: !process.env.NO_MINIFY,
});

/** `import … from 'chevrotain'` in the CLI bundle reads the vendored module instead. */
const vendorPlugin = {
  name: 'vendor',
  setup(b) {
    const filter = new RegExp(`^(${VENDORED.join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `import { vendor } from ${JSON.stringify(`${ROOT}src/cli/vendor.ts`)};\n`
        + `const m = vendor()[${JSON.stringify(args.path)}];\n`
        + `export const { ${exportNames.get(args.path).join(', ')} } = m;\nexport default m.default;\n`,
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/cli.js',
  minify: !process.env.NO_MINIFY,
  plugins: [vendorPlugin],
  // Pictures only: loaded from node_modules when --dot asks for SVG or PNG.
  external: ['graphviz-cli', '@resvg/resvg-wasm', '@resvg/resvg-js'],
});
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  packages: 'external',
});

// The code cache: one ordinary run with the cache writer switched on.
const cacheFile = `${ROOT}dist/vendor.cjs.cache`;
rmSync(cacheFile, { force: true });
execFileSync(process.execPath, [`${ROOT}bin/autograd.js`, 'eval', 'x*y+sin(x)', '--at', 'x=1,y=2'], {
  env: { ...process.env, AUTOGRAD_WRITE_CODE_CACHE: cacheFile, NO_COLOR: '1' },
  stdio: 'ignore',
});
void require;
