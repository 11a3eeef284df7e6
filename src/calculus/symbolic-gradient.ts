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
  const keep = new Set<Value>();
  for (const [, v] of targets) if (v.op !== 'var') keep.add(v);
  const nodes = built.graph.nodes.slice(0, built.output.id + 1);
  const { builder, map } = copyGraph(nodes, keep);
  const copies = targets.map(([name, v]) => [name, v.id <= built.output.id ? map[v.id]! : builder.num(0)] as const);
  const output = map[built.output.id]!;
  const grads = gradientGraph(builder, output, copies.map(([, v]) => v));
  return {
    graph: builder.graph, output, targets: copies,
    gradient: copies.map(([name], i) => [name, grads[i]!] as const),
    copies: map,
  };
}
