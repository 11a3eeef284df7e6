// The statistics of a least-squares fit from the factor R of its Jacobian at
// the solution (JᵀJ = RᵀR): covariance σ²·(JᵀJ)⁻¹ with σ² = SSR/(n − rank),
// standard errors, correlations and Student-t confidence intervals. The rank
// comes from a pivoted QR of R with unit-norm columns (J·D⁻¹ = Q·T·Pᵀ): a
// diagonal |T_kk| ≤ RANK_TOLERANCE·|T_00| ends the determined block. For the
// determined block T₁₁ and the rest T₁₂, (JᵀJ)⁻¹ on the determined block is
// D⁻¹·T₁₁⁻¹·T₁₁⁻ᵀ·D⁻¹, and it is the variance of a parameter exactly when the
// parameter's row of T₁₁⁻¹·T₁₂ is zero (it is orthogonal to the null space).
import { pivotedQr } from './pivoted-qr.js';
import type { QrAccumulator } from './qr-accumulator.js';
import { normalQuantile, studentTQuantile } from './student-t.js';

/** A scaled diagonal this small next to the first marks rank deficiency: cond(J·D⁻¹) > 1e11. */
const RANK_TOLERANCE = 1e-11;
/** A parameter whose component in a null vector of J·D⁻¹ exceeds this is undetermined. */
const NULL_TOLERANCE = 1e-8;

/** Options of {@link leastSquaresStatistics}. */
export interface StatisticsOptions {
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
  /** The weights are 1/σᵢ with σ absolute: covariance (JᵀJ)⁻¹, normal quantile. Default false: σ relative, scaled by SSR/(n − rank). */
  readonly absoluteSigma?: boolean;
}

/** What {@link leastSquaresStatistics} returns; matrices are p×p, row-major. */
export interface LeastSquaresStatistics {
  readonly rows: number;
  readonly residualSumOfSquares: number;
  /** Numerical rank of J. */
  readonly rank: number;
  /** rows − rank. */
  readonly degreesOfFreedom: number;
  /** sqrt(SSR/(rows − rank)); NaN when there are no degrees of freedom. */
  readonly residualStandardDeviation: number;
  /** Indices of the parameters the data cannot determine (their errors are NaN). */
  readonly undetermined: readonly number[];
  /** sqrt(diag(covariance)). */
  readonly standardErrors: Float64Array;
  /** The quantile of the intervals: Student's t for rows − rank degrees of freedom (normal with absoluteSigma). */
  readonly quantile: number;
  /** parameter ∓ quantile·standard error. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** σ²·(JᵀJ)⁻¹; NaN in the rows and columns of undetermined parameters. */
  readonly covariance: Float64Array;
  /** covariance[i][j]/(se_i·se_j). */
  readonly correlation: Float64Array;
}

/** Statistics of the fit whose rows at `parameters` are in `rows`. */
export function leastSquaresStatistics(
  rows: QrAccumulator,
  parameters: Float64Array,
  options: StatisticsOptions = {},
): LeastSquaresStatistics {
  const p = rows.size;
  const d = rows.columnNorms();
  const scaled = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) scaled[i * p + j] = d[j] === 0 ? 0 : rows.r[i * p + j]! / d[j]!;
  const { t, perm } = pivotedQr(scaled, new Float64Array(p), p);
  let rank = 0;
  while (rank < p && Math.abs(t[rank * p + rank]!) > RANK_TOLERANCE * Math.abs(t[0]!)) rank++;
  // T₁₁⁻¹ (upper triangular, rank×rank) by back substitution, column by column.
  const inv = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    for (let i = c; i >= 0; i--) {
      let sum = i === c ? 1 : 0;
      for (let k = i + 1; k <= c; k++) sum -= t[i * p + k]! * inv[k * rank + c]!;
      inv[i * rank + c] = sum / t[i * p + i]!;
    }
  }
  const determined = new Uint8Array(p);
  for (let i = 0; i < rank; i++) {
    // Row i of T₁₁⁻¹·T₁₂: the parameter's part in the null vectors.
    let largest = 0;
    for (let c = rank; c < p; c++) {
      let sum = 0;
      for (let k = i; k < rank; k++) sum += inv[i * rank + k]! * t[k * p + c]!;
      largest = Math.max(largest, Math.abs(sum));
    }
    if (largest <= NULL_TOLERANCE) determined[perm[i]!] = 1;
  }
  const n = rows.rows;
  const ssr = rows.ssr;
  const dof = n - rank;
  const sigma2 = options.absoluteSigma ? 1 : dof > 0 ? ssr / dof : NaN;
  const covariance = new Float64Array(p * p).fill(NaN);
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < rank; b++) {
      const [ia, ib] = [perm[a]!, perm[b]!];
      if (!determined[ia] || !determined[ib]) continue;
      // (T₁₁⁻¹·T₁₁⁻ᵀ)[a][b] = Σ_k inv[a][k]·inv[b][k].
      let sum = 0;
      for (let k = Math.max(a, b); k < rank; k++) sum += inv[a * rank + k]! * inv[b * rank + k]!;
      covariance[ia * p + ib] = (sigma2 * sum) / (d[ia]! * d[ib]!);
    }
  }
  const standardErrors = Float64Array.from({ length: p }, (_, j) => Math.sqrt(covariance[j * p + j]!));
  const correlation = covariance.map((c, k) => {
    const [i, j] = [Math.floor(k / p), k % p];
    return i === j && !Number.isNaN(c) ? 1 : c / (standardErrors[i]! * standardErrors[j]!);
  });
  const level = options.level ?? 0.95;
  const upperProbability = 0.5 + level / 2;
  const quantile = options.absoluteSigma ? normalQuantile(upperProbability) : studentTQuantile(upperProbability, dof);
  const undetermined: number[] = [];
  for (let j = 0; j < p; j++) if (!determined[j]) undetermined.push(j);
  return {
    rows: n,
    residualSumOfSquares: ssr,
    rank,
    degreesOfFreedom: dof,
    residualStandardDeviation: dof > 0 ? Math.sqrt(ssr / dof) : NaN,
    undetermined,
    standardErrors,
    quantile,
    lower: parameters.map((x, j) => x - quantile * standardErrors[j]!),
    upper: parameters.map((x, j) => x + quantile * standardErrors[j]!),
    covariance,
    correlation,
  };
}
