// The optimization loop: steps of gradient descent (or ascent) until the step
// count, the tolerance, or a non-finite value ends it.
import { descentStep, runSteps, type Objective } from './descent.js';

/** Options of {@link optimize}. */
export interface OptimizeOptions {
  /** Learning rate, > 0. */
  readonly lr: number;
  /** Most steps to take. */
  readonly steps: number;
  /** Ascend instead of descend. */
  readonly maximize?: boolean;
  /** Stop when the largest |gradient| or |step| component is at most this. */
  readonly tol?: number;
  /** Report a trajectory row at step 0, every `every` steps and at the end. */
  readonly every?: number;
  /** Receives each trajectory row (`point` is reused: copy it to keep it). */
  readonly onRow?: (step: number, value: number, point: Float64Array) => void;
  /** Called after every step with the number of steps taken. */
  readonly onProgress?: (taken: number) => void;
}

/** Why optimize stopped: the step count, a small gradient or step (`tol`), or a non-finite value. */
export type StopReason = 'steps' | 'gradient' | 'step' | 'non-finite';

/** What {@link optimize} returns. */
export interface OptimizeResult {
  /** f at the start. */
  readonly before: number;
  /** f at `point`. */
  readonly value: number;
  /** Steps taken (accepted). */
  readonly steps: number;
  /** Why the run ended. */
  readonly stopped: StopReason;
  /** The final point: the last point whose value and gradient were finite. */
  readonly point: Float64Array;
  /** ∂f at `point`. */
  readonly gradient: Float64Array;
  /** When a step was rejected for a non-finite value or gradient: the value it produced. */
  readonly rejected?: number;
  /**
   * When the rejected step itself overflowed (the next point was not finite, so
   * f was never evaluated there): the index of the first parameter that became
   * ±Infinity or NaN, and that value.
   */
  readonly overflowed?: { readonly index: number; readonly value: number };
}

/** One trajectory row of {@link optimizeSteps}: `point` is reused, copy it to keep it. */
export interface TrajectoryRow {
  readonly step: number;
  readonly value: number;
  readonly point: Float64Array;
}

/** The index of the first non-finite entry, or -1. */
function firstNonFinite(xs: Float64Array): number {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i])) return i;
  return -1;
}

function allFinite(xs: Float64Array): boolean {
  return firstNonFinite(xs) === -1;
}

function largestAbs(xs: Float64Array): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i]!));
  return m;
}

/**
 * Runs gradient descent (or ascent) from `start`. A step whose value or
 * gradient is NaN or infinite is not taken: the run stops at the last finite point.
 *
 * @example
 * const built = build(parse('(x-3)^2'), new Map([['x', 0]]));
 * const { tape, variables } = compileProgram(built, [built.output]);
 * const objective = tapeObjective(tape, Int32Array.of(variables.get('x')!));
 * const r = optimize(objective, Float64Array.of(0), { lr: 0.25, steps: 1 });
 * r.value // 2.25
 * r.point // Float64Array [1.5]
 * optimize(objective, Float64Array.of(0), { lr: 0.1, steps: 1000, tol: 1e-12 }).stopped // 'step'
 */
export function optimize(objective: Objective, start: Float64Array, opts: OptimizeOptions): OptimizeResult {
  return runSteps(optimizeSteps(objective, start, opts), (r) => opts.onRow?.(r.step, r.value, r.point));
}

/**
 * {@link optimize} as a generator: it yields each trajectory row (with
 * `opts.every`) and returns the result, so a caller can pause between rows,
 * e.g. to wait for a slow reader of its output. `opts.onRow` is not called.
 */
export function* optimizeSteps(objective: Objective, start: Float64Array,
  opts: OptimizeOptions): Generator<TrajectoryRow, OptimizeResult, void> {
  const n = objective.size;
  let point = Float64Array.from(start);
  let grad = new Float64Array(n);
  let next = new Float64Array(n);
  let nextGrad = new Float64Array(n);
  let value = objective.evaluate(point, grad);
  const before = value;
  const rate = opts.maximize ? opts.lr : -opts.lr;
  const every = opts.every;
  let taken = 0;
  let lastRow = -1;
  let stopped: StopReason = 'steps';
  let rejected: number | undefined;
  let overflowed: OptimizeResult['overflowed'];
  if (!Number.isFinite(value) || !allFinite(grad)) {
    return { before, value, steps: 0, stopped: 'non-finite', point, gradient: grad };
  }
  if (every !== undefined) {
    yield { step: taken, value, point };
    lastRow = taken;
  }
  while (taken < opts.steps) {
    if (opts.tol !== undefined && largestAbs(grad) <= opts.tol) {
      stopped = 'gradient';
      break;
    }
    const largestStep = descentStep(point, grad, rate, next);
    const bad = firstNonFinite(next);
    const nextValue = bad === -1 ? objective.evaluate(next, nextGrad) : NaN;
    if (!Number.isFinite(nextValue) || !allFinite(nextGrad)) {
      stopped = 'non-finite';
      rejected = nextValue;
      if (bad !== -1) overflowed = { index: bad, value: next[bad]! };
      break;
    }
    [point, next] = [next, point];
    [grad, nextGrad] = [nextGrad, grad];
    value = nextValue;
    taken++;
    if (every !== undefined && taken % every === 0) {
      yield { step: taken, value, point };
      lastRow = taken;
    }
    opts.onProgress?.(taken);
    if (opts.tol !== undefined && largestStep <= opts.tol) {
      stopped = 'step';
      break;
    }
  }
  if (every !== undefined && lastRow !== taken) yield { step: taken, value, point };
  return {
    before, value, steps: taken, stopped, point, gradient: grad,
    ...(rejected === undefined ? {} : { rejected }), ...(overflowed === undefined ? {} : { overflowed }),
  };
}
