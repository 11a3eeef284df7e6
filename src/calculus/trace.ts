// The backward pass as data, for --trace: every node in reverse topological
// order with each chain-rule product g · df that flowed into its inputs.
import { backward } from '../compile/sweep.js';
import type { Value } from '../graph/value.js';

export interface TraceStep {
  readonly input: Value;
  /** Which argument of the node the input is (x*x has steps 0 and 1 into x). */
  readonly inputIndex: number;
  /** ∂output/∂node: the grad arriving from above. */
  readonly upstream: number;
  /** ∂node/∂input at the current data. */
  readonly local: number;
  /** upstream · local, added to the input's grad. */
  readonly contribution: number;
  /** The input's grad after this step: the running sum. */
  readonly sum: number;
  /** This is contribution number `nth` (from 1) of `of` that the input receives. */
  readonly nth: number;
  readonly of: number;
}

export interface TraceBlock {
  readonly node: Value;
  readonly steps: readonly TraceStep[];
}

interface MutableStep {
  input: Value; inputIndex: number; upstream: number; local: number; contribution: number; sum: number; nth: number; of: number;
}

/**
 * Runs the engine's backward sweep from `output` and records it: one block per
 * node the gradient reaches (output first, variables last), each with its
 * steps in order. The steps are those into inputs that require a gradient;
 * with `everyNode` the sweep also gives every other node its true gradient
 * (for a picture drawn from the same run).
 */
export function traceBackward(nodes: readonly Value[], output: Value, options: { readonly everyNode?: boolean } = {}): TraceBlock[] {
  const stepsOf = new Map<Value, MutableStep[]>();
  const received = new Uint32Array(nodes.length);
  const listener = (node: Value, inputIndex: number, local: number, contribution: number): void => {
    const input = node.inputs[inputIndex]!;
    if (!input.requiresGrad) return;
    const nth = ++received[input.id]!;
    let list = stepsOf.get(node);
    if (list === undefined) stepsOf.set(node, (list = []));
    list.push({ input, inputIndex, upstream: node.grad, local, contribution, sum: input.grad, nth, of: 0 });
  };
  backward(nodes, output, { everyNode: options.everyNode === true, listener });
  const blocks: TraceBlock[] = [];
  for (let i = output.id; i >= 0; i--) {
    const node = nodes[i]!;
    if (node !== output && received[i] === 0) continue;
    const steps = stepsOf.get(node) ?? [];
    for (const s of steps) s.of = received[s.input.id]!;
    blocks.push({ node, steps });
  }
  return blocks;
}
