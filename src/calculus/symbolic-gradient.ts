// The gradient of a built program as expressions: the program is copied into a
// simplifying builder, then differentiated by the graph-building reverse sweep.
import type { Built } from '../graph/build.js';
import type { Graph, Value } from '../graph/value.js';
import { gradientGraph } from './derivative.js';
import { copyGraph } from './expr-builder.js';

export interface SymbolicGradient {
  /** The graph holding the program's copy and every derivative node. */
  readonly graph: Graph;
  /** The program's output in `graph`. */
  readonly output: Value;
  /** The copies of the targets, in order. */
  readonly targets: ReadonlyArray<readonly [string, Value]>;
  /** ∂output/∂target for each target, in the same order. */
  readonly gradient: ReadonlyArray<readonly [string, Value]>;
  /** The copy of each program node up to the output, by the original's id. */
  readonly copies: readonly Value[];
}

/**
 * ∂output/∂t as graph nodes for each target `t` (variables or named nodes).
 * Node data is evaluated at the built point as the nodes are made.
 */
export function symbolicGradient(built: Built, targets: ReadonlyArray<readonly [string, Value]>): SymbolicGradient {
  const j = symbolicJacobian(built, [built.output], targets);
  return { graph: j.graph, output: j.outputs[0]!, targets: j.targets, gradient: j.rows[0]!, copies: j.copies };
}

/** Several outputs differentiated in one graph: {@link symbolicGradient} per output, sharing the copy. */
export interface SymbolicJacobian {
  /** The graph holding the program's copy and every derivative node. */
  readonly graph: Graph;
  /** Each output's copy in `graph`. */
  readonly outputs: readonly Value[];
  /** The copies of the targets, in order. */
  readonly targets: ReadonlyArray<readonly [string, Value]>;
  /** rows[i]: ∂outputs[i]/∂target for each target, in the same order. */
  readonly rows: ReadonlyArray<ReadonlyArray<readonly [string, Value]>>;
  /** The copy of each program node up to the last output, by the original's id. */
  readonly copies: readonly Value[];
}

/** ∂u/∂t as graph nodes for each output `u` (nodes of `built`) and each target `t`, in one graph. */
export function symbolicJacobian(built: Built, outputs: readonly Value[],
  targets: ReadonlyArray<readonly [string, Value]>): SymbolicJacobian {
  const keep = new Set<Value>();
  for (const [, v] of targets) if (v.op !== 'var') keep.add(v);
  let last = -1;
  for (const u of outputs) last = Math.max(last, u.id);
  const nodes = built.graph.nodes.slice(0, last + 1);
  const { builder, map } = copyGraph(nodes, keep);
  const copies = targets.map(([name, v]) => [name, v.id <= last ? map[v.id]! : builder.num(0)] as const);
  const outs = outputs.map((u) => map[u.id]!);
  const rows = outs.map((u) => {
    const grads = gradientGraph(builder, u, copies.map(([, v]) => v));
    return copies.map(([name], i) => [name, grads[i]!] as const);
  });
  return { graph: builder.graph, outputs: outs, targets: copies, rows, copies: map };
}
