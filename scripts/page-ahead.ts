// Run by build.mjs: compiles ahead of time the engine's generated code that
// does not depend on a program (the tape loop, the one-node calls), for the
// live page, whose Content-Security-Policy forbids compiling at run time.
// Prints a JavaScript module: `export const AHEAD = new Map([[key, function]])`.
import { applyOp, localDerivatives, recordGenerated } from '../src/ops/calls.js';
import { tapeLoop } from '../src/compile/kernel.js';
import { OPS } from '../src/ops/table.js';

const entries: string[] = [];
recordGenerated((key, params, body) => {
  entries.push(`[${JSON.stringify(key)}, function (${params.join(', ')}) {"use strict";\n${body}\n}]`);
});
tapeLoop();
applyOp(OPS.add, [1, 2]);
localDerivatives(OPS.add, [1, 2], 3, []);
recordGenerated(undefined);
process.stdout.write(`export const AHEAD = new Map([\n${entries.join(',\n')}\n]);\n`);
