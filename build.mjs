// Bundles the CLI into one file (dist/cli.js) and the library into dist/index.js.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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
  external: ['graphviz-cli', '@aduh95/viz.js', '@resvg/resvg-wasm', '@resvg/resvg-js'],
});
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  packages: 'external',
});
