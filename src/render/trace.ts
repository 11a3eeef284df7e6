// --trace for people and as JSON: the backward pass node by node, each step
// written as the classic hand walkthrough
// `dL/dc = dL/dd · ∂(e + c)/∂c = -2.0000 · 1.0000 = -2.0000`: d for the
// gradient of the output (a total), ∂ of the node's own expression for the
// local derivative of one op, so the two never share a symbol (dL/dd = dL/dL ·
// dL/dd would read as a tautology at the output).
import type { TraceBlock } from '../calculus/trace.js';
import type { Value } from '../graph/value.js';
import { jsonNumber } from './number.js';
import { nodeName, opSymbol, sourceText } from './node-text.js';
import { jsonObject } from './result.js';
import { formatStep } from './short-number.js';

export interface TraceNames {
  readonly source: string;
  readonly output: Value;
  /** The output's name: the last statement's name, or `f`. */
  readonly outputName: string;
}

export interface TraceStyle {
  readonly name: (s: string) => string;
  readonly dim: (s: string) => string;
}

function nameOf(node: Value, names: TraceNames): string {
  return node === names.output ? names.outputName : nodeName(node, names.source);
}

/** `L = d*f`, `sin(x)`, `a`: how the block's node was written. */
function heading(node: Value, names: TraceNames): string {
  if (node.op === 'var' || node.op === 'const') return node.label ?? sourceText(names.source, node);
  const text = sourceText(names.source, node);
  const name = node === names.output ? names.outputName : node.label;
  return name === undefined ? text : `${name} = ${text}`;
}

/** The local derivative of `node` with respect to one input: `∂(d*f)/∂d`, `∂(sin(x))/∂x`. */
function localText(node: Value, input: Value, names: TraceNames): string {
  return `∂(${sourceText(names.source, node)})/∂${nameOf(input, names)}`;
}

function opText(node: Value): string {
  return node.op === 'var' ? 'variable' : node.op === 'const' ? 'constant' : `op ${opSymbol(node.op)}`;
}

/** The trace as text: one block per node, a blank line between blocks. */
export function formatTrace(blocks: readonly TraceBlock[], names: TraceNames, style: TraceStyle, digits?: number): string {
  const num = (x: number): string => formatStep(x, digits);
  const out = names.outputName;
  let text = style.dim(`backward pass from ${out}, in reverse topological order ` +
    `(d${out}/dn: gradient of ${out}; ∂(…)/∂n: local derivative of one op):`) + '\n';
  for (const { node, steps } of blocks) {
    const self = nameOf(node, names);
    text += `\n${style.name(heading(node, names))}   ${opText(node)}   data ${num(node.data)}   grad ${num(node.grad)}\n`;
    if (node === names.output) text += `  d${out}/d${out} = 1 ${style.dim('(the output)')}\n`;
    for (const s of steps) {
      const input = nameOf(s.input, names);
      const total = `d${out}/d${input}`;
      const chain = `d${out}/d${self} · ${localText(node, s.input, names)}`;
      const values = `${num(s.upstream)} · ${num(s.local)} = ${num(s.contribution)}`;
      if (s.of === 1) text += `  ${total} = ${chain} = ${values}\n`;
      else text += `  ${total} += ${chain} = ${values}   ${style.dim(`(sum ${num(s.sum)}, ${s.nth} of ${s.of})`)}\n`;
    }
  }
  return text;
}

/**
 * The trace as the JSON array of `--json --trace`, full precision. Per input:
 * `upstreamGrad` is the node's grad d(output)/d(node), `localDerivative` the
 * op's ∂(node)/∂(input), `contribution` their product, `sum` the input's grad so far.
 */
export function traceJson(blocks: readonly TraceBlock[], names: TraceNames): string {
  const items = blocks.map(({ node, steps }) => jsonObject([
    ['node', JSON.stringify(nameOf(node, names))],
    ['expression', JSON.stringify(node.op === 'var' ? node.label ?? '' : sourceText(names.source, node))],
    ['op', JSON.stringify(node.op)],
    ['data', jsonNumber(node.data)],
    ['grad', jsonNumber(node.grad)],
    ['inputs', `[${steps.map((s) => jsonObject([
      ['input', JSON.stringify(nameOf(s.input, names))],
      ['index', String(s.inputIndex)],
      ['upstreamGrad', jsonNumber(s.upstream)],
      ['localDerivative', jsonNumber(s.local)],
      ['contribution', jsonNumber(s.contribution)],
      ['sum', jsonNumber(s.sum)],
    ])).join(',')}]`],
  ]));
  return `[${items.join(',')}]`;
}
