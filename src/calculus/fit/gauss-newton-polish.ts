// The last digits of a least-squares solution. Once a Levenberg–Marquardt
// test fires, SSR no longer tells better points from worse ones (its changes
// are at the rounding level of the residuals), but the gradient Jᵀr still
// does. Steps x ← x − (JᵀJ + λD²)⁻¹Jᵀr, whose fixed point is Jᵀr = 0 for every
// λ, continue while each cuts the scaled gradient max_j |(Jᵀr)_j|/‖J_j‖ by 10%
// and SSR does not rise beyond rounding: Gauss–Newton (λ = 0) first, λ raised
// tenfold after a failure (large residuals, where Gauss–Newton alone diverges).
import type { LeastSquaresProblem } from './levenberg-marquardt.js';
import { dampedStep } from './lm-step.js';
import { pivotedQr } from './pivoted-qr.js';
import { QrAccumulator } from './qr-accumulator.js';

/** Polishing stops after this many passes, or this many failures in a row. */
const MAX_PASSES = 30;
const MAX_FAILURES = 3;
/** A relative rise of SSR above this is more than rounding. */
const SSR_NOISE = Math.sqrt(Number.EPSILON);

/** max_j |(Jᵀr)_j|/‖J_j‖ with Jᵀr = Rᵀ·Qᵀr. */
function scaledGradient(rows: QrAccumulator): number {
  const p = rows.size;
  const norms = rows.columnNorms();
  let largest = 0;
  for (let j = 0; j < p; j++) {
    if (norms[j] === 0) continue;
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += rows.r[i * p + j]! * rows.qtr[i]!;
    largest = Math.max(largest, Math.abs(sum) / norms[j]!);
  }
  return largest;
}

/** The polished point and its rows (`x`, `rows` themselves when no step helps), and the passes spent. */
export function gaussNewtonPolish(
  problem: LeastSquaresProblem,
  x: Float64Array,
  rows: QrAccumulator,
  diag: Float64Array,
  budget: number,
  onPass?: (passes: number, ssr: number) => void,
): { x: Float64Array; rows: QrAccumulator; evaluations: number } {
  const p = problem.size;
  let trial = new QrAccumulator(p);
  let gradient = scaledGradient(rows);
  let evaluations = 0;
  let par = 0;
  let failures = 0;
  // Below cos(r, J_j) ≈ 2·eps the gradient is rounding.
  const floor = 2 * Number.EPSILON * Math.sqrt(rows.ssr);
  while (evaluations < Math.min(MAX_PASSES, budget) && failures < MAX_FAILURES && gradient > floor) {
    const step = dampedStep(pivotedQr(rows.r, rows.qtr, p), diag, par);
    const next = x.map((v, j) => v + step[j]!);
    trial.reset();
    problem.evaluate(next, trial);
    evaluations++;
    onPass?.(evaluations, Math.min(rows.ssr, trial.allFinite ? trial.ssr : Infinity));
    const nextGradient = trial.allFinite && trial.ssr <= rows.ssr * (1 + SSR_NOISE) ? scaledGradient(trial) : NaN;
    if (!(nextGradient <= 0.9 * gradient)) {
      failures++;
      par = par === 0 ? 1e-3 : 10 * par;
      continue;
    }
    failures = 0;
    x = next;
    [rows, trial] = [trial, rows];
    gradient = nextGradient;
  }
  return { x, rows, evaluations };
}
