// The page's step-through, as data: the forward pass (one op node per step, in
// creation order, with its values `e = a*b = 2.0000 · -3.0000 = -6.0000`) then
// the backward pass (one node per step from the output, with the chain-rule
// lines exactly as --trace prints them). No DOM: tested in Node.
import { traceBackward, type TraceBlock } from '../calculus/trace.js';
import { dependsOn } from '../graph/reach.js';
import type { Value } from '../graph/value.js';
import { OPS, type OpName } from '../ops/table.js';
import { opSymbol, sourceText } from '../render/node-text.js';
import { formatShort } from '../render/short-number.js';
import { formatTrace } from '../render/trace.js';
import type { PageGraph } from './model.js';

/** One step of the walk-through. */
export interface Step {
  readonly pass: 'forward' | 'backward';
  /** The node the step computes (forward) or backpropagates through (backward). */
  readonly node: number;
  /** One line saying what happens. */
  readonly text: string;
  /** The --trace lines of the node (backward), or none. */
  readonly lines: readonly string[];
  /** Ids of the inputs whose edges into the node carry the step. */
  readonly inputs: readonly number[];
}

/** What a step shows of every node: known (computed) or not yet, and the grad it holds so far. */
export interface StepView {
  /** 1 where the node's data is computed by this step. */
  readonly computed: Uint8Array;
  /** 1 where the node's grad has all its contributions (backward), 0 where it is pending. */
  readonly gradDone: Uint8Array;
  /** The node's grad so far (its running sum) where some contribution landed, NaN where none. */
  readonly grad: Float64Array;
}

const PLAIN = { name: (s: string) => s, dim: (s: string) => s };

/** `2.0000 · -3.0000`, `-6.0000 + 10.0000`, `sin(0.7854)`, `-(1.0000)`: the op applied to its inputs' values. */
function applied(node: Value): string {
  const op = node.op as OpName;
  const values = node.inputs.map((x) => formatShort(x.data));
  const spec = OPS[op];
  if (spec.infix !== undefined && values.length >= 2) {
    const symbol = spec.infix.symbol === '*' ? '·' : spec.infix.symbol;
    return values.join(` ${symbol} `);
  }
  return `${opSymbol(op)}(${values.join(', ')})`;
}

/** How the node was written: `e = a*b`, `L = d*f`, `sin(θ/8)`. */
function written(node: Value, source: string, output: Value, outputName: string): string {
  const text = sourceText(source, node);
  const name = node === output ? outputName : node.label;
  return name === undefined || name === text ? text : `${name} = ${text}`;
}

/** The --trace lines of one block: formatTrace of that block alone, without the heading line. */
function traceLines(block: TraceBlock, source: string, g: PageGraph, outputName: string): string[] {
  const text = formatTrace([block], { source, output: g.output, outputName }, PLAIN);
  return text.split('\n').slice(1).filter((line) => line.trim() !== '');
}

/**
 * The steps of the graph at its current numbers (after evaluate): its op
 * nodes the output depends on, in creation order, then the blocks of the
 * backward pass. Runs one traced backward sweep, which leaves every node's
 * grad as evaluate left it.
 */
export function buildSteps(g: PageGraph, source: string, outputName: string): Step[] {
  const mask = dependsOn(g.nodes, g.output);
  const steps: Step[] = [];
  for (let i = 0; i <= g.output.id; i++) {
    const v = g.nodes[i]!;
    if (mask[i] === 0 || v.op === 'var' || v.op === 'const') continue;
    steps.push({
      pass: 'forward', node: i, lines: [], inputs: v.inputs.map((x) => x.id),
      text: `${written(v, source, g.output, outputName)} = ${applied(v)} = ${formatShort(v.data)}`,
    });
  }
  const blocks = traceBackward(g.nodes, g.output, { everyNode: true });
  for (const block of blocks) {
    const v = block.node;
    const lines = traceLines(block, source, g, outputName);
    const text = v === g.output ? `d${outputName}/d${outputName} = 1: the backward pass starts at the output`
      : block.steps.length === 0 ? `${written(v, source, g.output, outputName)}: a leaf, its grad is complete`
        : `backward through ${written(v, source, g.output, outputName)}`;
    steps.push({ pass: 'backward', node: v.id, text, lines, inputs: block.steps.map((s) => s.input.id) });
  }
  return steps;
}

/** What step number `at` of `steps` shows (see StepView); `g` holds the numbers of the full run. */
export function stepView(g: PageGraph, steps: readonly Step[], at: number): StepView {
  const n = g.nodes.length;
  const computed = new Uint8Array(n);
  const gradDone = new Uint8Array(n);
  const grad = new Float64Array(n).fill(Number.NaN);
  const step = steps[at]!;
  for (let i = 0; i < n; i++) {
    const v = g.nodes[i]!;
    if (v.op === 'var' || v.op === 'const') computed[i] = 1;
  }
  for (let k = 0; k < steps.length && (k <= at || step.pass === 'backward'); k++) {
    if (steps[k]!.pass === 'forward') computed[steps[k]!.node] = 1;
  }
  if (step.pass === 'forward') return { computed, gradDone, grad };
  // Backward: replay the trace's contributions up to this step.
  const blocks = traceBackward(g.nodes, g.output, { everyNode: true });
  const first = steps.findIndex((s) => s.pass === 'backward');
  grad[g.output.id] = 1;
  for (let b = 0; b <= at - first && b < blocks.length; b++) {
    for (const s of blocks[b]!.steps) {
      grad[s.input.id] = s.sum;
      if (s.nth === s.of) gradDone[s.input.id] = 1;
    }
  }
  gradDone[g.output.id] = 1;
  return { computed, gradDone, grad };
}
