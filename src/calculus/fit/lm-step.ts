// The Levenberg–Marquardt subproblem (Moré 1978, MINPACK `lmpar`/`qrsolv`):
// given J·P = Q·T, the scaling D and the trust radius Δ, find λ ≥ 0 and
//   x(λ) = argmin ‖T·Pᵀx − Qᵀr‖² + λ‖D·x‖²
// with ‖D·x‖ within 10% of Δ (or λ = 0 when the Gauss–Newton step fits).
// The step is then −x. A zero diagonal of T (rank deficiency) gives the
// Gauss–Newton step of the leading full-rank block, the rest left at 0.
import type { PivotedQr } from './pivoted-qr.js';
import { givens, scaledNorm } from './norm.js';

/** x(λ), with the triangle S of Tᵀ·T + λ·PᵀD²P = SᵀS kept for the Newton correction of λ. */
interface Solved {
  readonly x: Float64Array;
  /** Diagonal of S. */
  readonly sdiag: Float64Array;
  /** Strict lower triangle: Sᵀ below the diagonal. */
  readonly s: Float64Array;
}

/** Back substitution on the leading block whose diagonal is nonzero; later components 0. */
function solveTriangular(m: Float64Array, diag: ArrayLike<number>, rhs: Float64Array, p: number, lower: boolean): void {
  let rank = p;
  for (let j = 0; j < p; j++) if (diag[j] === 0 && rank === p) rank = j;
  for (let j = rank; j < p; j++) rhs[j] = 0;
  for (let j = rank - 1; j >= 0; j--) {
    let sum = 0;
    for (let i = j + 1; i < rank; i++) sum += (lower ? m[i * p + j]! : m[j * p + i]!) * rhs[i]!;
    rhs[j] = (rhs[j]! - sum) / diag[j]!;
  }
}

/** x = argmin ‖T·Pᵀx − Qᵀr‖² + ‖diag(λ^½·D)·x‖² by Givens rotations of [T; λ^½·D·P] (MINPACK `qrsolv`). */
function qrSolve(qr: PivotedQr, scaledDiag: Float64Array): Solved {
  const p = qr.size;
  const s = Float64Array.from(qr.t);
  const sdiag = new Float64Array(p);
  const rhs = Float64Array.from(qr.qtb);
  const cs = new Float64Array(2);
  for (let j = 0; j < p; j++) for (let i = j + 1; i < p; i++) s[i * p + j] = qr.t[j * p + i]!;
  for (let j = 0; j < p; j++) {
    // Eliminate the row d_j·e_j of the diagonal block against the (transposed) triangle.
    const dj = scaledDiag[qr.perm[j]!]!;
    if (dj !== 0) {
      sdiag.fill(0, j);
      sdiag[j] = dj;
      let extra = 0; // the right side of the appended row: 0
      for (let k = j; k < p; k++) {
        if (sdiag[k] === 0) continue;
        const kk = k * p + k;
        givens(s[kk]!, sdiag[k]!, cs);
        const c = cs[0]!;
        const sn = cs[1]!;
        s[kk] = c * s[kk]! + sn * sdiag[k]!;
        const rk = rhs[k]!;
        rhs[k] = c * rk + sn * extra;
        extra = c * extra - sn * rk;
        for (let i = k + 1; i < p; i++) {
          const a = s[i * p + k]!;
          s[i * p + k] = c * a + sn * sdiag[i]!;
          sdiag[i] = c * sdiag[i]! - sn * a;
        }
      }
    }
    sdiag[j] = s[j * p + j]!;
  }
  solveTriangular(s, sdiag, rhs, p, true);
  const x = new Float64Array(p);
  for (let j = 0; j < p; j++) x[qr.perm[j]!] = rhs[j]!;
  return { x, sdiag, s };
}

/** λ and the step −x(λ) for trust radius `delta`, starting the search at `par`. */
export function lmStep(qr: PivotedQr, diag: Float64Array, delta: number, par: number): { par: number; step: Float64Array } {
  const p = qr.size;
  const t = qr.t;
  const perm = qr.perm;
  const tdiag = Float64Array.from({ length: p }, (_, j) => t[j * p + j]!);
  const work = new Float64Array(p);
  const negate = (x: Float64Array): Float64Array => x.map((v) => -v);
  // Gauss–Newton: T·Pᵀx = Qᵀr on the full-rank block.
  work.set(qr.qtb);
  solveTriangular(t, tdiag, work, p, false);
  let x: Float64Array = new Float64Array(p);
  for (let j = 0; j < p; j++) x[perm[j]!] = work[j]!;
  const dx = new Float64Array(p);
  const scaledX = (): number => {
    for (let j = 0; j < p; j++) dx[j] = diag[j]! * x[j]!;
    return scaledNorm(dx);
  };
  let dxnorm = scaledX();
  let fp = dxnorm - delta;
  if (fp <= 0.1 * delta) return { par: 0, step: negate(x) };
  // Bounds on λ: φ(λ) = ‖D·x(λ)‖ − Δ, parl from φ'(0) (full rank only), paru from ‖(J·D⁻¹)ᵀr‖/Δ.
  const fullRank = tdiag.every((d) => d !== 0);
  let parl = 0;
  if (fullRank) {
    for (let j = 0; j < p; j++) work[j] = diag[perm[j]!]! * (dx[perm[j]!]! / dxnorm);
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let i = 0; i < j; i++) sum += t[i * p + j]! * work[i]!;
      work[j] = (work[j]! - sum) / tdiag[j]!;
    }
    const n = scaledNorm(work);
    parl = fp / delta / n / n;
  }
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += t[i * p + j]! * qr.qtb[i]!;
    work[j] = sum / diag[perm[j]!]!;
  }
  const gnorm = scaledNorm(work);
  let paru = gnorm / delta;
  if (paru === 0) paru = Number.MIN_VALUE / Math.min(delta, 0.1);
  par = Math.min(Math.max(par, parl), paru);
  if (par === 0) par = gnorm / dxnorm;
  const scaledDiag = new Float64Array(p);
  for (let iter = 1; ; iter++) {
    if (par === 0) par = Math.max(Number.MIN_VALUE, 0.001 * paru);
    const root = Math.sqrt(par);
    for (let j = 0; j < p; j++) scaledDiag[j] = root * diag[j]!;
    const solved = qrSolve({ size: p, t, perm, qtb: qr.qtb }, scaledDiag);
    x = solved.x;
    dxnorm = scaledX();
    const previous = fp;
    fp = dxnorm - delta;
    // Stop within 10% of Δ, when φ has crossed to negative from the lower bound 0, or after 10 tries.
    if (Math.abs(fp) <= 0.1 * delta || (parl === 0 && fp <= previous && previous < 0) || iter === 10) break;
    // Newton's correction of λ for φ(λ) = 0 on the secular equation, through S.
    for (let j = 0; j < p; j++) work[j] = diag[perm[j]!]! * (dx[perm[j]!]! / dxnorm);
    for (let j = 0; j < p; j++) {
      work[j] = work[j]! / solved.sdiag[j]!;
      for (let i = j + 1; i < p; i++) work[i] = work[i]! - solved.s[i * p + j]! * work[j]!;
    }
    const n = scaledNorm(work);
    const parc = fp / delta / n / n;
    if (fp > 0) parl = Math.max(parl, par);
    if (fp < 0) paru = Math.min(paru, par);
    par = Math.max(parl, par + parc);
  }
  return { par, step: negate(x) };
}

/** The step −x(λ) for a given λ ≥ 0 (λ = 0: Gauss–Newton on the full-rank block). */
export function dampedStep(qr: PivotedQr, diag: Float64Array, par: number): Float64Array {
  if (par === 0) return lmStep(qr, diag, Infinity, 0).step;
  const root = Math.sqrt(par);
  return qrSolve(qr, diag.map((d) => root * d)).x.map((v) => -v);
}
