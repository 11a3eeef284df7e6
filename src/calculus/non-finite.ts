// Where a NaN or ±Infinity came from: the first node that made one out of
// finite numbers, in the forward pass and in the backward pass.
import { dependsOn } from '../graph/reach.js';
import { Tape } from '../compile/tape.js';
import type { Value } from '../graph/value.js';

function finiteInputs(node: Value): boolean {
  for (const v of node.inputs) if (!Number.isFinite(v.data)) return false;
  return true;
}

/** The first op node (creation order) the output depends on whose data is not finite while its inputs are. */
export function firstNonFiniteValue(nodes: readonly Value[], output: Value): Value | undefined {
  // The common case, everything finite, costs one cheap loop.
  let any = false;
  for (let i = 0; i <= output.id && !any; i++) any = !Number.isFinite(nodes[i]!.data);
  if (!any) return undefined;
  const mask = dependsOn(nodes, output);
  for (let i = 0; i <= output.id; i++) {
    const node = nodes[i]!;
    if (mask[i] === 1 && node.inputs.length > 0 && !Number.isFinite(node.data) && finiteInputs(node)) return node;
  }
  return undefined;
}

export interface GradientOrigin {
  readonly node: Value;
  readonly inputIndex: number;
  readonly upstream: number;
  readonly local: number;
  readonly contribution: number;
}

/**
 * After backward(nodes, output): the first edge (in backward order) whose
 * contribution upstream · local is not finite although the upstream grad and
 * the node's inputs are. Only when some grad is not finite, the engine's sweep
 * runs again with a listener that finds it.
 */
export function firstNonFiniteGradient(nodes: readonly Value[], output: Value): GradientOrigin | undefined {
  // A sweep zeroes every grad first, so one loop over the grads decides.
  let any = false;
  for (let i = 0; i <= output.id && !any; i++) any = !Number.isFinite(nodes[i]!.grad);
  if (!any) return undefined;
  const tape = new Tape(nodes, [output], { kernel: false });
  let found: GradientOrigin | undefined;
  tape.backward(0, (i, inputIndex, _input, local, contribution) => {
    if (found !== undefined || Number.isFinite(contribution)) return;
    const node = nodes[i]!;
    const upstream = tape.grad[i]!;
    if (Number.isFinite(upstream) && finiteInputs(node)) found = { node, inputIndex, upstream, local, contribution };
  });
  return found;
}
