// Bundles the CLI into one file (dist/cli.js) and the library into dist/index.js.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
await build({
  ...common,
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/cli.js',
  minify: true,
  // commander is CommonJS and requires Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // Pictures only: loaded from node_modules when --dot asks for SVG or PNG.
  external: ['graphviz-cli', '@resvg/resvg-wasm', '@resvg/resvg-js'],
});
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  packages: 'external',
});

// The man page, generated from the same commander program as --help.
await build({ ...common, entryPoints: ['src/cli/make-man.ts'], outfile: 'dist/make-man.js', packages: 'external',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
mkdirSync('man', { recursive: true });
writeFileSync('man/autograd.1', execFileSync(process.execPath, ['dist/make-man.js']));
rmSync('dist/make-man.js');

// Type declarations of the library (dist/types), for `exports` in package.json.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
