// Forward evaluation and reverse-mode backpropagation as loops over the node
// array (creation order = topological order).
import { OPS } from '../ops/table.js';
import { computeForward, localDerivative, type Value } from './value.js';

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
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.inputs.length > 0) node.data = computeForward(node);
  }
}

/**
 * Called once per edge during backward: `input.grad += upstream * local`, with
 * `contribution` = upstream * local and the input `node.inputs[inputIndex]`.
 */
export type ContributionListener = (node: Value, inputIndex: number, local: number, contribution: number) => void;

/**
 * Reverse-mode sweep from `output`: sets every node's grad to ∂output/∂node.
 * Only nodes the output depends on are visited, and gradient flows only into
 * inputs that require it (so a constant's local derivative is never computed).
 *
 * @example
 * const { graph, output, variables } = build(parse('x*y'), new Map([['x', 2], ['y', 5]]));
 * const locals: number[] = [];
 * backward(graph.nodes, output, (node, i, local) => locals.push(local));
 * variables.get('x')!.grad // 5
 * variables.get('y')!.grad // 2
 * locals // [5, 2]
 */
export function backward(nodes: readonly Value[], output: Value, listener?: ContributionListener): void {
  for (let i = 0; i < nodes.length; i++) nodes[i]!.grad = 0;
  const reached = new Uint8Array(nodes.length);
  reached[output.id] = 1;
  output.grad = 1;
  for (let i = output.id; i >= 0; i--) {
    if (reached[i] === 0) continue;
    const node = nodes[i]!;
    const ins = node.inputs;
    const g = node.grad;
    // A call with many arguments (max(…)) gets all its local derivatives in one pass.
    const all = ins.length > 2 ? allLocalDerivatives(node) : undefined;
    for (let k = 0; k < ins.length; k++) {
      const input = ins[k]!;
      if (!input.requiresGrad) continue;
      const local = all !== undefined ? all[k]! : localDerivative(node, k);
      const contribution = g * local;
      // NOTE: the first contribution is assigned, not added to 0, so a gradient of -0 keeps its sign.
      input.grad = reached[input.id] === 1 ? input.grad + contribution : contribution;
      reached[input.id] = 1;
      if (listener !== undefined) listener(node, k, local, contribution);
    }
  }
}

const xs: number[] = [];
const locals: number[] = [];

/** Every local derivative of a variadic node, from one copy of its inputs' data; undefined for other ops. */
function allLocalDerivatives(node: Value): readonly number[] | undefined {
  if (node.op === 'const' || node.op === 'var') return undefined;
  const spec = OPS[node.op];
  if (spec.arity !== 'n') return undefined;
  const ins = node.inputs;
  xs.length = ins.length;
  for (let i = 0; i < ins.length; i++) xs[i] = ins[i]!.data;
  locals.length = ins.length;
  if (spec.dxAll !== undefined) spec.dxAll(xs, node.data, locals);
  else for (let i = 0; i < ins.length; i++) locals[i] = spec.dx(xs, node.data, i);
  return locals;
}
