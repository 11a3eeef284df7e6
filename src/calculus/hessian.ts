// Exact second derivatives by reverse over reverse: the gradient is built as a
// graph (symbolic-gradient.ts), then each of its entries is backpropagated
// numerically. Row i is ∂(∂f/∂x_i)/∂x_j for every j.
import type { Built } from '../graph/build.js';
import { backward } from '../graph/propagate.js';
import type { Value } from '../graph/value.js';
import { symbolicGradient } from './symbolic-gradient.js';

/** A Hessian matrix with the names of its rows (and columns). */
export interface Hessian {
  /** Variable names, in the order of rows and columns. */
  readonly names: readonly string[];
  /** rows[i][j] = ∂²f/∂x_i∂x_j; exactly symmetric. */
  readonly rows: readonly (readonly number[])[];
}

/**
 * The Hessian of the output over `variables` at the built point. A term that
 * is linear in a variable gives an exact 0, never an error.
 */
export function hessian(built: Built, variables: ReadonlyArray<readonly [string, Value]>): Hessian {
  const { graph, targets, gradient } = symbolicGradient(built, variables);
  const n = targets.length;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    backward(graph.nodes, gradient[i]![1]);
    rows.push(targets.map(([, v]) => v.grad));
  }
  // NOTE: both triangles are exact derivatives, but rounding may differ in the
  // last bit; the upper triangle is mirrored so the matrix is exactly symmetric.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) rows[i]![j] = rows[j]![i]!;
  return { names: targets.map(([name]) => name), rows };
}
