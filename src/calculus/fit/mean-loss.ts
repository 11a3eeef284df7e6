// The tutorial training loop: minimize the mean of a per-row loss, one full
// pass over the rows per step, by plain gradient descent or Adam (Kingma & Ba
// 2015). The objective gives the mean loss and its gradient at a point.
import { runSteps, type Objective } from '../descent.js';

export type MeanLossMethod = 'gd' | 'adam';

/** Options of {@link minimizeMeanLoss}. */
export interface MeanLossOptions {
  readonly method: MeanLossMethod;
  /** Learning rate (step size), > 0. */
  readonly lr: number;
  /** Most steps (full passes) to take. */
  readonly steps: number;
  /** Stop when a step changes the loss by at most tol·|loss before it| (relative change). */
  readonly tol?: number;
  /** Adam's decay rates and denominator guard; defaults 0.9, 0.999, 1e-8. */
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Report a trajectory row at step 0, every `every` steps and at the end. */
  readonly every?: number;
  /** Receives each trajectory row (`point` is reused: copy it to keep it). */
  readonly onRow?: (step: number, loss: number, point: Float64Array) => void;
  /** Called after every step with the number of steps taken. */
  readonly onProgress?: (taken: number) => void;
}

/** Why the loop stopped: the step budget, the `tol` test, or a non-finite loss or gradient. */
export type MeanLossStop = 'steps' | 'tol' | 'non-finite';

/** What {@link minimizeMeanLoss} returns. */
export interface MeanLossResult {
  /** The mean loss at the start and at `point`. */
  readonly before: number;
  readonly loss: number;
  /** Steps taken. */
  readonly steps: number;
  readonly stopped: MeanLossStop;
  /** The final point: the last one whose loss and gradient were finite. */
  readonly point: Float64Array;
  readonly gradient: Float64Array;
  /** When a step was refused for a non-finite loss or gradient: the loss it produced. */
  readonly rejected?: number;
}

const allFinite = (xs: Float64Array): boolean => xs.every((v) => Number.isFinite(v));

/** One trajectory row of {@link meanLossSteps}: `point` is reused, copy it to keep it. */
export interface MeanLossRow {
  readonly step: number;
  readonly loss: number;
  readonly point: Float64Array;
}

/** Runs `method` from `start`. Never throws for non-finite values. */
export function minimizeMeanLoss(objective: Objective, start: Float64Array, options: MeanLossOptions): MeanLossResult {
  return runSteps(meanLossSteps(objective, start, options), (r) => options.onRow?.(r.step, r.loss, r.point));
}

/**
 * {@link minimizeMeanLoss} as a generator: it yields each trajectory row (with
 * `options.every`) and returns the result, so a caller can pause between rows
 * (a slow reader of its output). `options.onRow` is not called.
 */
export function* meanLossSteps(objective: Objective, start: Float64Array,
  options: MeanLossOptions): Generator<MeanLossRow, MeanLossResult, void> {
  const n = objective.size;
  const { lr, every } = options;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  let point = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let next = new Float64Array(n);
  let nextGradient = new Float64Array(n);
  const m = new Float64Array(n); // Adam: running mean of g
  const v = new Float64Array(n); // Adam: running mean of g²
  let loss = objective.evaluate(point, gradient);
  const before = loss;
  let taken = 0;
  let lastRow = -1;
  /** A trajectory row is due (with `every`, once per step count). */
  const due = (): boolean => every !== undefined && lastRow !== taken;
  const row = (): MeanLossRow => {
    lastRow = taken;
    return { step: taken, loss, point };
  };
  const result = (stopped: MeanLossStop, rejected?: number): MeanLossResult =>
    ({ before, loss, steps: taken, stopped, point, gradient, ...(rejected === undefined ? {} : { rejected }) });
  if (!Number.isFinite(loss) || !allFinite(gradient)) return result('non-finite');
  if (due()) yield row();
  while (taken < options.steps) {
    const t = taken + 1;
    for (let i = 0; i < n; i++) {
      const g = gradient[i]!;
      if (options.method === 'gd') {
        next[i] = point[i]! - lr * g;
      } else {
        // m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), x ← x − lr·m̂/(√v̂ + ε).
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const mHat = m[i]! / (1 - beta1 ** t);
        const vHat = v[i]! / (1 - beta2 ** t);
        next[i] = point[i]! - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
      }
    }
    const nextLoss = allFinite(next) ? objective.evaluate(next, nextGradient) : NaN;
    if (!Number.isFinite(nextLoss) || !allFinite(nextGradient)) {
      if (taken > 0 && due()) yield row();
      return result('non-finite', nextLoss);
    }
    const change = Math.abs(nextLoss - loss);
    const previous = loss;
    [point, next] = [next, point];
    [gradient, nextGradient] = [nextGradient, gradient];
    loss = nextLoss;
    taken++;
    if (every !== undefined && taken % every === 0) yield row();
    options.onProgress?.(taken);
    if (options.tol !== undefined && change <= options.tol * Math.abs(previous)) {
      if (due()) yield row();
      return result('tol');
    }
  }
  if (due()) yield row();
  return result('steps');
}
