import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
await initWasm(readFileSync('node_modules/@resvg/resvg-wasm/index_bg.wasm'));
const [inp, out, w] = process.argv.slice(2);
const r = new Resvg(readFileSync(inp, 'utf8'), { fitTo: { mode: 'width', value: Number(w) }, background: 'white' });
writeFileSync(out, r.render().asPng());
