// Levenberg–Marquardt with a scaled trust region, after MINPACK `lmder`/`lmstr`
// (Moré 1978): minimize SSR(x) = Σ rᵢ(x)² from the exact Jacobian rows the
// problem streams into a QrAccumulator. Each trial point is one pass over the
// rows that yields both SSR and the factor R, so an accepted step needs no
// second pass. A step is taken only when SSR falls (ratio of actual to
// predicted reduction ≥ 1e-4); a trial that overflows or gives NaN counts as
// no reduction at all, and the radius shrinks tenfold. After convergence,
// Gauss–Newton steps polish the last digits (gauss-newton-polish.ts).
import { gaussNewtonPolish } from './gauss-newton-polish.js';
import { lmStep } from './lm-step.js';
import { scaledNorm } from './norm.js';
import { pivotedQr } from './pivoted-qr.js';
import { QrAccumulator } from './qr-accumulator.js';

/** A relative change of SSR this small, at a radius below xtol, is rounding. */
const NOISE = Math.sqrt(Number.EPSILON);

/** The ftol test, and xtol after a rejected step, mean convergence only where every |cos(r, J_j)| is at most this. */
const STATIONARY = 1e-4;

/**
 * Where a problem's rows go: one at a time, or blocks already folded into
 * QrAccumulators. The sink holds no rows when a pass begins.
 */
export interface RowSink {
  /** One row: rᵢ and ∂rᵢ/∂p (read, not kept). */
  addRow(residual: number, jacobian: ArrayLike<number>): void;
  /** A block of rows, e.g. from a worker; blocks must come in a fixed order for reproducible sums. */
  merge(block: QrAccumulator): void;
  /** The first block of a pass, taken as it is (the same bits as computing it here). */
  copyFrom(block: QrAccumulator): void;
}

/** p parameters and rows streamed at a point: rᵢ = wᵢ·(yᵢ − fᵢ) and its row ∂rᵢ/∂p (= −wᵢ·∂fᵢ/∂p). */
export interface LeastSquaresProblem {
  /** p, the number of parameters. */
  readonly size: number;
  /** Sends every row at `params` to `rows`, always in the same order. */
  evaluate(params: Float64Array, rows: RowSink): void;
}

/**
 * Why the solver stopped. The first three are convergence:
 * - `converged-ssr`: actual and predicted relative reduction of SSR both ≤ ftol;
 *   and every |cos(r, J_j)| ≤ 1e-4 (near a stationary point, not a tiny radius);
 * - `converged-step`: the trust radius ≤ xtol·‖D·x‖ after an accepted step, or
 *   after a rejected one that changed SSR only by rounding (relatively ≤ √eps)
 *   where every |cos(r, J_j)| ≤ 1e-4;
 * - `converged-gradient`: every |cos| between r and a column of J ≤ gtol (SSR = 0 included);
 * - `max-evaluations`: the budget of passes over the rows is spent;
 * - `cannot-improve`: the trust radius fell below xtol·‖D·x‖ otherwise: the last
 *   trial overflowed or raised SSR beyond rounding (a kink, a wall of NaN), or
 *   the point drifts without being stationary (a minimum at infinity);
 * - `non-finite`: SSR or the Jacobian is NaN or infinite at the start.
 */
export type LeastSquaresStop =
  | 'converged-ssr'
  | 'converged-step'
  | 'converged-gradient'
  | 'max-evaluations'
  | 'cannot-improve'
  | 'non-finite';

/** Options of {@link levenbergMarquardt}; the defaults reach float64 precision. */
export interface LevenbergMarquardtOptions {
  /** Relative reduction of SSR (actual and predicted) to stop at; default 1e-15. */
  readonly ftol?: number;
  /** Relative size of the trust radius, ‖D·Δx‖ ≤ xtol·‖D·x‖, to stop at; default 1e-10. */
  readonly xtol?: number;
  /** Largest |cos(r, column of J)| to stop at; default 1e-15. */
  readonly gtol?: number;
  /** Most passes over the rows (one per trial point); default 200·(p + 1). */
  readonly maxEvaluations?: number;
  /** Initial trust radius as a multiple of ‖D·x₀‖ (MINPACK `factor`); default 100. */
  readonly factor?: number;
  /** After every pass: the evaluations so far, and the best SSR. */
  readonly onEvaluation?: (evaluations: number, ssr: number) => void;
}

/** What {@link levenbergMarquardt} returns. */
export interface LevenbergMarquardtResult {
  /** The best point: the start or the last accepted step. */
  readonly parameters: Float64Array;
  /** The rows at `parameters`: SSR, row count and the factor R for the statistics. */
  readonly rows: QrAccumulator;
  /** Outer iterations: Jacobians used to choose steps. */
  readonly iterations: number;
  /** Passes over the rows (trial points, the start included). */
  readonly evaluations: number;
  readonly stopped: LeastSquaresStop;
}

/** Levenberg–Marquardt from `start`. Never throws for non-finite values. */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  start: Float64Array,
  options: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const p = problem.size;
  const ftol = options.ftol ?? 1e-15;
  const xtol = options.xtol ?? 1e-10;
  const gtol = options.gtol ?? 1e-15;
  const maxEvaluations = options.maxEvaluations ?? 200 * (p + 1);
  const factor = options.factor ?? 100;
  let x: Float64Array = Float64Array.from(start);
  let current = new QrAccumulator(p);
  let trial = new QrAccumulator(p);
  problem.evaluate(x, current);
  let evaluations = 1;
  options.onEvaluation?.(evaluations, current.ssr);
  const diag = new Float64Array(p);
  const done = (stopped: LeastSquaresStop, iterations: number): LevenbergMarquardtResult => {
    if (stopped.startsWith('converged') && current.ssr > 0) {
      const base = evaluations;
      const report = options.onEvaluation && ((k: number, ssr: number): void => options.onEvaluation!(base + k, ssr));
      const polished = gaussNewtonPolish(problem, x, current, diag, maxEvaluations - evaluations, report);
      [x, current] = [polished.x, polished.rows];
      evaluations += polished.evaluations;
    }
    return { parameters: x, rows: current, iterations, evaluations, stopped };
  };
  if (!current.allFinite) return done('non-finite', 0);
  let fnorm = Math.sqrt(current.ssr);
  const trialX = new Float64Array(p);
  const jp = new Float64Array(p);
  let delta = 0;
  let xnorm = 0;
  let par = 0;
  for (let iteration = 1; ; iteration++) {
    const colNorms = current.columnNorms();
    const qr = pivotedQr(current.r, current.qtr, p);
    if (iteration === 1) {
      // D from the column norms of J (1 for a zero column), Δ₀ = factor·‖D·x₀‖.
      for (let j = 0; j < p; j++) diag[j] = colNorms[j] === 0 ? 1 : colNorms[j]!;
      xnorm = scaledNorm(x, diag);
      delta = xnorm === 0 ? factor : factor * xnorm;
    }
    // gnorm = max_j |(Jᵀr)_j| / (‖r‖·‖J_j‖), with Jᵀr = Rᵀ·Qᵀr.
    let gnorm = 0;
    if (fnorm !== 0) {
      for (let j = 0; j < p; j++) {
        if (colNorms[j] === 0) continue;
        let sum = 0;
        for (let i = 0; i <= j; i++) sum += current.r[i * p + j]! * (current.qtr[i]! / fnorm);
        gnorm = Math.max(gnorm, Math.abs(sum / colNorms[j]!));
      }
    }
    if (gnorm <= gtol) return done('converged-gradient', iteration);
    for (let j = 0; j < p; j++) diag[j] = Math.max(diag[j]!, colNorms[j]!);
    for (;;) {
      const solved = lmStep(qr, diag, delta, par);
      par = solved.par;
      const step = solved.step;
      for (let j = 0; j < p; j++) trialX[j] = x[j]! + step[j]!;
      const pnorm = scaledNorm(step, diag);
      if (iteration === 1) delta = Math.min(delta, pnorm);
      trial.reset();
      problem.evaluate(trialX, trial);
      evaluations++;
      const fnorm1 = trial.allFinite ? Math.sqrt(trial.ssr) : Infinity;
      options.onEvaluation?.(evaluations, Math.min(fnorm, fnorm1) ** 2);
      // Relative reductions: actual 1 − (‖r₁‖/‖r‖)², predicted by the linear
      // model ‖J·Δx‖²/‖r‖² + 2λ‖D·Δx‖²/‖r‖², and the directional derivative.
      const actred = 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) ** 2 : -1;
      for (let i = 0; i < p; i++) {
        let sum = 0;
        for (let j = i; j < p; j++) sum += qr.t[i * p + j]! * step[qr.perm[j]!]!;
        jp[i] = sum;
      }
      const temp1 = scaledNorm(jp) / fnorm;
      const temp2 = (Math.sqrt(par) * pnorm) / fnorm;
      const prered = temp1 * temp1 + (temp2 * temp2) / 0.5;
      const dirder = -(temp1 * temp1 + temp2 * temp2);
      const ratio = prered !== 0 ? actred / prered : 0;
      if (ratio <= 0.25) {
        // Shrink Δ: by the minimizer of the quadratic through the reduction when it is sensible, within [0.1, 0.5].
        let shrink = actred >= 0 ? 0.5 : (0.5 * dirder) / (dirder + 0.5 * actred);
        if (0.1 * fnorm1 >= fnorm || shrink < 0.1 || !Number.isFinite(shrink)) shrink = 0.1;
        delta = shrink * Math.min(delta, pnorm / 0.1);
        par = par / shrink;
      } else if (par === 0 || ratio >= 0.75) {
        delta = pnorm / 0.5;
        par = 0.5 * par;
      }
      const accepted = ratio >= 1e-4;
      if (accepted) {
        x = Float64Array.from(trialX);
        [current, trial] = [trial, current];
        fnorm = fnorm1;
        xnorm = scaledNorm(x, diag);
      }
      // NOTE: with r far from orthogonal to J the small steps come from a tiny
      // radius (a badly scaled start, Δ₀ ∝ ‖D·x₀‖), not from a solution: go on.
      if (gnorm <= STATIONARY && Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1) {
        return done('converged-ssr', iteration);
      }
      // The radius collapsed. Converged after an accepted step (MINPACK's xtol),
      // or after a rejected one that changed SSR only by rounding where r ⟂ J;
      // stuck otherwise (overflow, a kink, a drift towards a minimum at infinity).
      if (delta <= xtol * xnorm) {
        const settled = accepted || (Math.abs(actred) <= NOISE && gnorm <= STATIONARY);
        return done(settled ? 'converged-step' : 'cannot-improve', iteration);
      }
      if (evaluations >= maxEvaluations) return done('max-evaluations', iteration);
      if (accepted) break;
    }
  }
}
