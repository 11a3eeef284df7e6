// Builds dist/: the library (index.js, ES module) and the CLI.
//
// The CLI is dist/app.cjs, one CommonJS bundle of autograd and its libraries
// (Chevrotain, commander, chalk), started by dist/cli.cjs (src/cli/boot.ts)
// through a V8 code cache, dist/app.cjs.cache, which this script makes with
// one ordinary run. Cold start then skips parsing and compiling the bundle and
// Node's ES module loader. Three start-up costs are also cut here (measured,
// see the README): commander's eager node:child_process, chalk's module code
// (node:tty) when there is no color, and Chevrotain's 65,536-entry table.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __AUTOGRAD_BUNDLE__: 'true', __AUTOGRAD_VERSION__: JSON.stringify(version) },
};

/** commander requires node:child_process at load, for executable subcommands autograd does not have. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.namespace === 'lazy-child-process'
      ? { path: 'node:child_process', external: true }
      : args.importer.includes(`${'node_modules'}`) && args.importer.includes('commander')
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * Chevrotain fills a 65,536-entry table at every start to map a character code
 * to its lexer bucket; the table is `i < 256 ? i : 255 + ~~(i / 255)`, so the
 * bundle computes that formula instead (same values, no start-up loop).
 */
const chevrotainCharMap = {
  name: 'chevrotain-char-map',
  setup(b) {
    b.onLoad({ filter: /chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const lookup = '        : charCodeToOptimizedIdxMap[charCode];';
      const fill = '    if (isEmpty(charCodeToOptimizedIdxMap)) {';
      if (!text.includes(lookup) || !text.includes(fill)) throw new Error('chevrotain lexer.js changed: revisit chevrotainCharMap in build.mjs');
      return { contents: text.replace(lookup, '        : 255 + ~~(charCode / 255);').replace(fill, '    if (false) {'), loader: 'js' };
    });
  },
};

/**
 * chalk is needed only with color: its module code (which loads node:tty and
 * node:os) runs on first use. Functions and classes are stand-ins forwarding
 * to the real ones; other exports are read where they are imported.
 */
const chalkModule = await import('chalk');
const lazyChalk = {
  name: 'lazy-chalk',
  setup(b) {
    b.onResolve({ filter: /^chalk$/ }, (args) => (args.namespace === 'lazy-chalk' ? undefined : { path: 'chalk', namespace: 'lazy-chalk' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-chalk' }, () => {
      let text = "const real = () => require('chalk');\n";
      for (const key of Object.keys(chalkModule)) {
        const get = `real()[${JSON.stringify(key)}]`;
        const value = typeof chalkModule[key] === 'function'
          ? `new Proxy(function () {}, { get: (_, k) => ${get}[k], apply: (_, self, args) => Reflect.apply(${get}, self, args), construct: (_, args) => Reflect.construct(${get}, args) })`
          : get;
        text += key === 'default' ? `export default /* @__PURE__ */ (() => ${value})();\n`
          : `export const ${key} = /* @__PURE__ */ (() => ${value})();\n`;
      }
      return { contents: text, resolveDir: ROOT, loader: 'js' };
    });
  },
};

/**
 * Plots only: the plotting kit (src/render/plot/, with d3-scale and d3-shape)
 * is its own bundle, dist/plot.mjs, which the CLI imports when a plot is
 * asked for; a static import of it would pull d3 into every start, so it fails the build.
 */
const lazyPlotKit = {
  name: 'lazy-plot-kit',
  setup(b) {
    b.onResolve({ filter: /render[\\/]plot[\\/]index\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') throw new Error(`${args.importer} imports the plotting kit statically: use loadPlotKit()`);
      return { path: './plot.mjs', external: true };
    });
  },
};

await build({
  ...common,
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/app.cjs',
  format: 'cjs',
  minify: !process.env.NO_MINIFY,
  define: { ...common.define, 'import.meta.url': '__autograd_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  plugins: [lazyChildProcess, chevrotainCharMap, lazyChalk, lazyPlotKit],
  // Pictures only: loaded from node_modules when --dot asks for SVG or PNG.
  external: ['graphviz-cli', '@aduh95/viz.js', '@resvg/resvg-wasm', '@resvg/resvg-js'],
});
await build({ ...common, entryPoints: ['src/render/plot/index.ts'], outfile: 'dist/plot.mjs', format: 'esm', minify: !process.env.NO_MINIFY });
// Worker threads of --jobs (--points blocks, fit passes): the engine without the parser or the CLI.
await build({ ...common, entryPoints: ['src/parallel/worker.ts'], outfile: 'dist/worker.cjs', format: 'cjs', minify: !process.env.NO_MINIFY });
// Code run by vm cannot call import() itself: the import() esbuild leaves (of
// external packages: its own modules are bundled) goes through boot.ts.
// The file holds one function expression (see boot.ts), so loading it needs no
// string concatenation of the whole bundle.
const app = readFileSync(`${ROOT}dist/app.cjs`, 'utf8').replace(/(?<![\w$.])import\(/g, '__autograd_import(');
writeFileSync(`${ROOT}dist/app.cjs`,
  `(function (exports, require, module, __filename, __dirname, __autograd_url, __autograd_import) {${app}\n})`);
await build({ ...common, entryPoints: ['src/cli/boot.ts'], outfile: 'dist/cli.cjs', format: 'cjs', minify: true });
// The live page's script (--dot page.html): the engine and the number
// formatting bundled for the browser, a text asset render/page.ts inlines.
// The engine's code generated from its call shapes is compiled here, ahead
// of time: the page's Content-Security-Policy forbids compiling at run time.
await build({ ...common, entryPoints: ['scripts/page-ahead.ts'], outfile: 'dist/page-ahead.mjs', format: 'esm', packages: 'external' });
const ahead = execFileSync(process.execPath, ['dist/page-ahead.mjs'], { encoding: 'utf8' });
rmSync('dist/page-ahead.mjs');
const pageAhead = {
  name: 'page-ahead',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]page[\\/]ahead\.ts$/ }, () => ({ contents: ahead, loader: 'js' }));
  },
};
await build({
  plugins: [pageAhead],
  entryPoints: ['src/page/main.ts'], outfile: 'dist/page.js', bundle: true, format: 'iife', platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'], minify: true, legalComments: 'none', logLevel: 'warning',
  define: { __AUTOGRAD_BUNDLE__: 'true' },
});
await build({ entryPoints: ['src/page/page.css'], outfile: 'dist/page.css', minify: true, logLevel: 'warning' });
// The library bundles Chevrotain: its ES module build pulls in lodash-es as
// hundreds of files, which made `import 'autograd'` take about 250 ms.
await build({
  ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', format: 'esm',
  external: ['graphviz-cli', '@aduh95/viz.js', '@resvg/resvg-wasm', '@resvg/resvg-js', 'dejavu-fonts-ttf'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The code cache: one ordinary run with the cache writer switched on.
const cacheFile = `${ROOT}dist/app.cjs.cache`;
rmSync(cacheFile, { force: true });
for (const stale of ['cli.js', 'vendor.cjs', 'vendor.cjs.cache']) rmSync(`${ROOT}dist/${stale}`, { force: true });
execFileSync(process.execPath, [`${ROOT}bin/autograd.js`, 'eval', 'x*y+sin(x)', '--at', 'x=1,y=2'], {
  env: { ...process.env, AUTOGRAD_WRITE_CODE_CACHE: cacheFile, NO_COLOR: '1' },
  stdio: 'ignore',
});

// The man page, generated from the same commander program as --help.
await build({ ...common, entryPoints: ['src/cli/make-man.ts'], outfile: 'dist/make-man.js', packages: 'external', format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
mkdirSync('man', { recursive: true });
writeFileSync('man/autograd.1', execFileSync(process.execPath, ['dist/make-man.js']));
rmSync('dist/make-man.js');

// Type declarations of the library (dist/types), for `exports` in package.json.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
