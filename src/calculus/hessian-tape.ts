// The Hessian at many points from one symbolic gradient: the gradient graph of
// hessian.ts is compiled once into one tape per gradient entry, all sharing
// one data array, so a point costs one forward sweep and one backward sweep per
// variable, with no allocation. The same graph, the same op-table calls in the
// same order as hessian() at that point, hence the same numbers bit for bit.
import { compile, type Tape } from '../compile/tape.js';
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';
import { symbolicGradient } from './symbolic-gradient.js';

export class HessianTape {
  /** Variable names, in the order of rows and columns. */
  readonly names: readonly string[];
  /** rows[i][j] = ∂²f/∂x_i∂x_j at the last point given to evaluate(); exactly symmetric. */
  readonly rows: readonly Float64Array[];
  /** tapes[i] backpropagates ∂f/∂x_i. */
  private readonly tapes: readonly Tape[];
  /** Tape index of each Hessian variable's copy. */
  private readonly columns: Int32Array;
  /** Each program variable the gradient can read, with its copy's tape index. */
  private readonly leafOf: ReadonlyMap<Value, number>;

  /**
   * Compiles the Hessian of `built`'s output over `variables` (variables of
   * `built`, as hessian() takes them).
   */
  constructor(built: Built, variables: ReadonlyArray<readonly [string, Value]>) {
    const { graph, targets, gradient, copies } = symbolicGradient(built, variables);
    const nodes = graph.nodes;
    const data = new Float64Array(nodes.length);
    this.tapes = gradient.map(([, g]) => compile(nodes, g, { data }));
    this.names = targets.map(([name]) => name);
    this.columns = Int32Array.from(targets, ([, v]) => v.id);
    this.rows = targets.map(() => new Float64Array(targets.length));
    const leafOf = new Map<Value, number>();
    for (const v of built.variables.values()) {
      if (v.id <= built.output.id) leafOf.set(v, copies[v.id]!.id);
    }
    this.leafOf = leafOf;
  }

  /**
   * The Hessian at the point where each program variable `v` has `valueOf(v)`;
   * fills and returns `rows`.
   */
  evaluate(valueOf: (v: Value) => number): readonly Float64Array[] {
    const n = this.tapes.length;
    if (n === 0) return this.rows;
    const first = this.tapes[0]!;
    for (const [v, index] of this.leafOf) first.set(index, valueOf(v));
    first.forward();
    for (let i = 0; i < n; i++) {
      const tape = this.tapes[i]!;
      tape.backward();
      const row = this.rows[i]!;
      for (let j = 0; j < n; j++) row[j] = tape.grad[this.columns[j]!]!;
    }
    // As in hessian(): the upper triangle is mirrored.
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) this.rows[i]![j] = this.rows[j]![i]!;
    return this.rows;
  }
}
