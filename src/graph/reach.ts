// Which nodes an output depends on: one loop down the creation order, which is
// a topological order, so every user is seen before its inputs.
import type { Value } from './value.js';

/** mask[id] = 1 for `output` and every node it depends on. */
export function dependsOn(nodes: readonly Value[], output: Value): Uint8Array {
  const mask = new Uint8Array(nodes.length);
  mask[output.id] = 1;
  for (let i = output.id; i >= 0; i--) {
    if (mask[i] === 0) continue;
    const ins = nodes[i]!.inputs;
    for (let k = 0; k < ins.length; k++) mask[ins[k]!.id] = 1;
  }
  return mask;
}
