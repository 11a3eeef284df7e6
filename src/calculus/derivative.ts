// Backpropagation that builds its result as a graph: the same reverse sweep as
// the engine (compile/), but each adjoint is a Value node made from table ops
// (each op's dExpr), so the gradient can be printed or differentiated again.
import type { ExprOps, OpSpec } from '../ops/spec.js';
import { OPS } from '../ops/table.js';
import type { Value } from '../graph/value.js';
import type { ExprBuilder } from './expr-builder.js';

/**
 * ∂y/∂(input i) of an op as an expression, from its spec's dExpr fields, where
 * `y` is the op applied to `inputs`.
 */
export function ruleExpr<T>(spec: OpSpec, e: ExprOps<T>, inputs: readonly T[], y: T, i: number): T {
  switch (spec.arity) {
    case 1: return spec.dExpr(e, inputs[0]!, y);
    case 2: return i === 0 ? spec.daExpr(e, inputs[0]!, inputs[1]!, y) : spec.dbExpr(e, inputs[0]!, inputs[1]!, y);
    default: return spec.dxExpr(e, inputs, y, i);
  }
}

/** ∂node/∂(input i) as an expression, from the op table's dExpr fields. */
export function localDerivativeExpr(b: ExprBuilder, node: Value, i: number): Value {
  const op = node.op;
  if (op === 'const' || op === 'var') return b.num(0);
  return ruleExpr(OPS[op], b, node.inputs, node, i);
}

/**
 * The expressions ∂output/∂t for each t of `wrt`, built in `b` (which must own
 * the graph holding `output`). A loop down the node array (creation order is
 * topological): no recursion, so million-deep graphs are fine. Adjoints that
 * simplify to 0 are never propagated.
 */
export function gradientGraph(b: ExprBuilder, output: Value, wrt: readonly Value[]): Value[] {
  const nodes = b.graph.nodes;
  const adjoint: Array<Value | undefined> = new Array<Value | undefined>(output.id + 1);
  adjoint[output.id] = b.num(1);
  for (let i = output.id; i >= 0; i--) {
    const g = adjoint[i];
    if (g === undefined) continue;
    const node = nodes[i]!;
    const ins = node.inputs;
    for (let k = 0; k < ins.length; k++) {
      const input = ins[k]!;
      if (!input.requiresGrad) continue;
      const contribution = b.op('mul', g, localDerivativeExpr(b, node, k));
      if (contribution.op === 'const' && contribution.data === 0) continue;
      const before = adjoint[input.id];
      adjoint[input.id] = before === undefined ? contribution : b.op('add', before, contribution);
    }
  }
  return wrt.map((t) => (t.id <= output.id ? adjoint[t.id] : undefined) ?? b.num(0));
}
