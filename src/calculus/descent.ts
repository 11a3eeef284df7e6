// Gradient descent over an Objective: a function from a point to its value and
// gradient, provided by the compiled tape (the one objective: optimize, fit).
import type { Tape } from '../compile/tape.js';

/** A function to optimize: its value at a point, with its gradient written into `grad`. */
export interface Objective {
  /** Number of parameters. */
  readonly size: number;
  /** f at `point`; writes ∂f/∂point into `grad`. */
  evaluate(point: Float64Array, grad: Float64Array): number;
}

/**
 * The objective of a compiled program's first output over the tape indices
 * `params`; other leaves keep their data. No allocation per evaluation.
 *
 * @example
 * const built = build(parse('x^2 + y'), new Map([['x', 3], ['y', 1]]));
 * const { tape, variables } = compileProgram(built, [built.output]);
 * const f = tapeObjective(tape, Int32Array.of(variables.get('x')!));
 * const grad = new Float64Array(1);
 * f.evaluate(Float64Array.of(2), grad) // 5
 * grad // Float64Array [4]
 */
export function tapeObjective(tape: Tape, params: Int32Array): Objective {
  return {
    size: params.length,
    evaluate(point, grad) {
      for (let i = 0; i < params.length; i++) tape.set(params[i]!, point[i]!);
      tape.forward();
      tape.backward();
      for (let i = 0; i < params.length; i++) grad[i] = tape.grad[params[i]!]!;
      return tape.value;
    },
  };
}

/**
 * One step `next = point + rate·grad` (rate < 0 descends); returns the largest
 * |next_i - point_i|.
 */
export function descentStep(point: Float64Array, grad: Float64Array, rate: number, next: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < point.length; i++) {
    next[i] = point[i]! + rate * grad[i]!;
    largest = Math.max(largest, Math.abs(next[i]! - point[i]!));
  }
  return largest;
}

/** Runs a stepping generator (optimizeSteps, meanLossSteps) to its end, handing each yielded row to `onRow`; returns its result. */
export function runSteps<Row, Result>(run: Generator<Row, Result, void>, onRow: (row: Row) => void): Result {
  for (let r = run.next(); ; r = run.next()) {
    if (r.done === true) return r.value;
    onRow(r.value);
  }
}
