// Exact second derivatives by reverse over reverse: the gradient is built as a
// graph (symbolic-gradient.ts) and compiled once into one tape whose outputs
// are its entries, so a point costs one forward sweep and one backward sweep
// per variable, with no allocation. Row i is ∂(∂f/∂x_i)/∂x_j for every j.
import { Tape, type TapeOptions } from '../compile/tape.js';
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';
import { symbolicGradient } from './symbolic-gradient.js';

/** A Hessian matrix with the names of its rows (and columns). */
export interface Hessian {
  /** Variable names, in the order of rows and columns. */
  readonly names: readonly string[];
  /** rows[i][j] = ∂²f/∂x_i∂x_j; exactly symmetric. */
  readonly rows: readonly (readonly number[])[];
}

/** The Hessian of a program, compiled once, at any number of points. */
export class HessianTape {
  /** Variable names, in the order of rows and columns. */
  readonly names: readonly string[];
  /** rows[i][j] = ∂²f/∂x_i∂x_j at the last point given to evaluate(); exactly symmetric. */
  readonly rows: readonly Float64Array[];
  /** Output i of the tape is ∂f/∂x_i. */
  private readonly tape: Tape;
  /** Tape index of each Hessian variable's copy. */
  private readonly columns: Int32Array;
  /** Each program variable the gradient can read, with its copy's tape index. */
  private readonly leafOf: ReadonlyMap<Value, number>;

  /**
   * Compiles the Hessian of `built`'s output over `variables` (variables of
   * `built`). A term that is linear in a variable gives an exact 0.
   */
  constructor(built: Built, variables: ReadonlyArray<readonly [string, Value]>, options?: Pick<TapeOptions, 'kernel'>) {
    const { graph, targets, gradient, copies } = symbolicGradient(built, variables);
    this.tape = new Tape(graph.nodes, gradient.map(([, g]) => g), options);
    this.names = targets.map(([name]) => name);
    this.columns = Int32Array.from(targets, ([, v]) => v.id);
    this.rows = targets.map(() => new Float64Array(targets.length));
    const leafOf = new Map<Value, number>();
    for (const v of built.variables.values()) {
      const copy = copies[v.id];
      if (copy !== undefined) leafOf.set(v, copy.id);
    }
    this.leafOf = leafOf;
  }

  /**
   * The Hessian at the point where each program variable `v` has `valueOf(v)`;
   * fills and returns `rows`.
   */
  evaluate(valueOf: (v: Value) => number): readonly Float64Array[] {
    const n = this.rows.length;
    if (n === 0) return this.rows;
    const tape = this.tape;
    for (const [v, index] of this.leafOf) tape.set(index, valueOf(v));
    tape.forward();
    for (let i = 0; i < n; i++) {
      tape.backward(i);
      const row = this.rows[i]!;
      for (let j = 0; j < n; j++) row[j] = tape.grad[this.columns[j]!]!;
    }
    // NOTE: both triangles are exact derivatives, but rounding may differ in the
    // last bit; the upper triangle is mirrored so the matrix is exactly symmetric.
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) this.rows[i]![j] = this.rows[j]![i]!;
    return this.rows;
  }
}

/**
 * The Hessian of the output over `variables` at the built point (one run of a
 * {@link HessianTape}).
 */
export function hessian(built: Built, variables: ReadonlyArray<readonly [string, Value]>): Hessian {
  const h = new HessianTape(built, variables, { kernel: false });
  const rows = h.evaluate((v) => v.data);
  return { names: h.names, rows: rows.map((row) => Array.from(row)) };
}
