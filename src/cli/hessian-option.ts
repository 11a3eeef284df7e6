// `eval --hessian`: which variables the matrix covers, and its output.
import { hessian, type Hessian } from '../calculus/hessian.js';
import { UsageError } from '../errors.js';
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';
import { quoteText } from '../syntax/unshowable.js';

/**
 * The Hessian over the variables among the gradient's targets: --all adds
 * named nodes to the gradient only; a named node in --wrt is an error, since
 * a second derivative with respect to an intermediate node is not defined here.
 */
export function hessianFor(built: Built, targets: ReadonlyArray<readonly [string, Value]>, wrtGiven: boolean): Hessian {
  return hessian(built, hessianVariables(built, targets, wrtGiven));
}

/** The variables hessianFor covers (the same rule; for --points, which compiles them once). */
export function hessianVariables(built: Built, targets: ReadonlyArray<readonly [string, Value]>,
  wrtGiven: boolean): Array<readonly [string, Value]> {
  const variables = targets.filter(([name, v]) => v.op === 'var' && built.variables.get(name) === v);
  if (wrtGiven && variables.length < targets.length) {
    const named = targets.find((t) => !variables.includes(t))?.[0] ?? '';
    throw new UsageError(`--hessian is over variables, but --wrt '${quoteText(named)}' is a named node of the program`);
  }
  return variables;
}

/** True when every entry is finite. */
export function hessianFinite(h: Hessian): boolean {
  return h.rows.every((row) => row.every(Number.isFinite));
}
