// The engine's sweeps as seen from a Value graph: each runs the tape (compiled
// for one run: the tape loop, no kernel) and writes its numbers back into the
// nodes, for views that read Value nodes (pictures, the trace, the library).
import type { Value } from '../graph/value.js';
import { CONST_CODE, Tape, VAR_CODE } from './tape.js';

// NOTE: the structure of a graph is flattened once, then reused by the sweeps
// that follow (eval runs one forward and one backward); a graph that grew or
// whose named nodes changed is flattened again.
const flat = new WeakMap<readonly Value[], Tape>();

function tapeOf(nodes: readonly Value[]): Tape {
  let tape = flat.get(nodes);
  if (tape === undefined || !tape.describes(nodes)) {
    tape = new Tape(nodes, [], { kernel: false });
    flat.set(nodes, tape);
  }
  return tape;
}

/**
 * Called once per backward edge as it is added: `node.inputs[inputIndex].grad
 * += local * node.grad`, with `contribution` = node.grad * local; node.grad
 * and the input's grad hold their values at that moment.
 */
export type ContributionListener = (node: Value, inputIndex: number, local: number, contribution: number) => void;

/** Options of {@link backward}. */
export interface BackwardOptions {
  /** Every node gets its true gradient, constants and constant subexpressions included (for pictures). */
  readonly everyNode?: boolean;
  /** Sees every edge of the sweep. */
  readonly listener?: ContributionListener;
}

/**
 * Recomputes every op node from its inputs, in creation order (after a leaf's
 * `data` was changed).
 *
 * @example
 * const { graph, output, variables } = build(parse('x^2 + 1'), new Map([['x', 3]]));
 * variables.get('x')!.data = 5;
 * forward(graph.nodes);
 * output.data // 26
 */
export function forward(nodes: readonly Value[]): void {
  const tape = tapeOf(nodes);
  const d = tape.data;
  const code = tape.code;
  for (let i = 0; i < nodes.length; i++) {
    const c = code[i]!;
    if (c === CONST_CODE || c === VAR_CODE) d[i] = nodes[i]!.data;
  }
  tape.forward();
  tape.writeBack(nodes);
}

/**
 * Reverse-mode sweep from `output`: sets every node's grad to ∂output/∂node.
 * Only nodes the output depends on are visited, and by default gradient flows
 * only into inputs that require it (a constant keeps grad 0).
 *
 * @example
 * const { graph, output, variables } = build(parse('x*y'), new Map([['x', 2], ['y', 5]]));
 * const locals: number[] = [];
 * backward(graph.nodes, output, { listener: (node, i, local) => locals.push(local) });
 * variables.get('x')!.grad // 5
 * variables.get('y')!.grad // 2
 * locals // [5, 2]
 */
export function backward(nodes: readonly Value[], output: Value, options: BackwardOptions = {}): void {
  if (nodes[output.id] !== output) throw new RangeError('the output is not a node of this graph');
  const flattened = tapeOf(nodes);
  const d = flattened.data;
  for (let i = 0; i < nodes.length; i++) d[i] = nodes[i]!.data;
  const tape = flattened.withOutputs([output.id], { kernel: false, everyNode: options.everyNode === true });
  const listener = options.listener;
  if (listener === undefined) tape.backward(0);
  else {
    for (let i = 0; i < nodes.length; i++) nodes[i]!.grad = 0;
    const g = tape.grad;
    tape.backward(0, (i, slot, input, local, contribution) => {
      const node = nodes[i]!;
      node.grad = g[i]!;
      nodes[input]!.grad = g[input]!;
      listener(node, slot, local, contribution);
    });
  }
  for (let i = 0; i < nodes.length; i++) nodes[i]!.grad = tape.grad[i]!;
}
