// A reference evaluator written plainly from the op table, independent of the
// engine's generated code: forward calls each op's f, backward each edge's
// df, da, db or dx (one argument at a time, never dxAll), in the order the
// engine promises (nodes from the output down, inputs in order, only inputs
// that require a gradient, the first contribution assigned). The property
// tests compare the engine (kernel and loop) against it bit for bit.
import type { Value } from '../../src/graph/value.js';
import type { OpSpec } from '../../src/ops/spec.js';
import { OPS } from '../../src/ops/table.js';

/** The forward value of an op node from its inputs' current data. */
export function referenceValue(node: Value, spec: OpSpec = specOf(node)): number {
  const x = node.inputs.map((v) => v.data);
  if (spec.arity === 1) return spec.f(x[0]!);
  if (spec.arity === 2) return spec.f(x[0]!, x[1]!);
  return spec.f(x);
}

/** ∂node/∂(its input number i) from current data. */
export function localDerivative(node: Value, i: number, spec: OpSpec = specOf(node)): number {
  const x = node.inputs.map((v) => v.data);
  if (spec.arity === 1) return spec.df(x[0]!, node.data);
  if (spec.arity === 2) return i === 0 ? spec.da(x[0]!, x[1]!, node.data) : spec.db(x[0]!, x[1]!, node.data);
  return spec.dx(x, node.data, i);
}

function specOf(node: Value): OpSpec {
  if (node.op === 'const' || node.op === 'var') throw new Error('a leaf has no op');
  return OPS[node.op];
}

/** Recomputes every op node of `nodes` (any run of a graph's node array, in order). */
export function referenceForward(nodes: readonly Value[]): void {
  for (const node of nodes) if (node.inputs.length > 0) node.data = referenceValue(node);
}

/** Sets every node's grad to ∂output/∂node. */
export function referenceBackward(nodes: readonly Value[], output: Value): void {
  for (const node of nodes) node.grad = 0;
  const reached = new Uint8Array(nodes.length);
  reached[output.id] = 1;
  output.grad = 1;
  for (let i = output.id; i >= 0; i--) {
    if (reached[i] === 0) continue;
    const node = nodes[i]!;
    node.inputs.forEach((input, k) => {
      if (!input.requiresGrad) return;
      const contribution = node.grad * localDerivative(node, k);
      input.grad = reached[input.id] === 1 ? input.grad + contribution : contribution;
      reached[input.id] = 1;
    });
  }
}
