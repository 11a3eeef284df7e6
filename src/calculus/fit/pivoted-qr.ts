// QR with column pivoting of a small square matrix (the p×p factor R of the
// Jacobian, or R with its columns scaled): A·P = Q·T by Householder
// reflections, choosing at each step the remaining column of largest norm, so
// that |T_00| ≥ |T_11| ≥ … and a rank deficiency shows as a tiny trailing
// diagonal (MINPACK `qrfac` with pivot = true). Qᵀ is applied to `b` as well.
import { scaledNorm } from './norm.js';

/** T upper triangular (row-major), the permutation and Qᵀb. */
export interface PivotedQr {
  readonly size: number;
  /** T[i][j] = t[i·size + j]: column j of T belongs to parameter perm[j]. */
  readonly t: Float64Array;
  /** perm[j] = the original column in position j. */
  readonly perm: Int32Array;
  /** Qᵀb. */
  readonly qtb: Float64Array;
}

/** Factors the row-major size×size matrix `a` (not modified) with right side `b`. */
export function pivotedQr(a: Float64Array, b: Float64Array, size: number): PivotedQr {
  const p = size;
  const t = Float64Array.from(a);
  const qtb = Float64Array.from(b);
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  const column = new Float64Array(p);
  const norm = (j: number, from: number): number => {
    for (let i = from; i < p; i++) column[i - from] = t[i * p + j]!;
    return scaledNorm(column, undefined, p - from);
  };
  for (let k = 0; k < p; k++) {
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < p; j++) {
      const nj = norm(j, k);
      if (nj > bestNorm) [best, bestNorm] = [j, nj];
    }
    if (best !== k) {
      for (let i = 0; i < p; i++) [t[i * p + k], t[i * p + best]] = [t[i * p + best]!, t[i * p + k]!];
      [perm[k], perm[best]] = [perm[best]!, perm[k]!];
    }
    if (bestNorm === 0) break; // the remaining columns are all zero
    // H = I − 2·u·uᵀ/uᵀu with u = x/‖x‖ − α·e₁, α = −sign(x₀) (no cancellation
    // in u₀, no overflow in uᵀu); H·x = α·‖x‖·e₁.
    const alpha = t[k * p + k]! > 0 ? -1 : 1;
    for (let i = k; i < p; i++) t[i * p + k] = t[i * p + k]! / bestNorm;
    t[k * p + k] = t[k * p + k]! - alpha;
    let vv = 0;
    for (let i = k; i < p; i++) vv += t[i * p + k]! * t[i * p + k]!;
    for (let j = k + 1; j <= p; j++) {
      // Column j of T, or b for j = p: y ← y − u·(2·uᵀy/uᵀu).
      let dot = 0;
      for (let i = k; i < p; i++) dot += t[i * p + k]! * (j < p ? t[i * p + j]! : qtb[i]!);
      const f = (2 * dot) / vv;
      for (let i = k; i < p; i++) {
        if (j < p) t[i * p + j] = t[i * p + j]! - f * t[i * p + k]!;
        else qtb[i] = qtb[i]! - f * t[i * p + k]!;
      }
    }
    t[k * p + k] = alpha * bestNorm;
    for (let i = k + 1; i < p; i++) t[i * p + k] = 0;
  }
  return { size: p, t, perm, qtb };
}
