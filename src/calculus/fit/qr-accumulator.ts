// A least-squares problem folded row by row into the triangular factor of its
// Jacobian: J = Q·R with R p×p upper triangular, and b = Qᵀr, by one Givens
// rotation per nonzero entry of each new row (MINPACK's `rwupdt`). Memory is
// O(p²) whatever the number of rows, and two accumulators merge by stacking
// their R's and re-triangularizing, so blocks can be summed in a fixed order.
import { givens, scaledNorm } from './norm.js';

/** The p×p factor R (row-major, upper triangle), Qᵀr, Σ rᵢ² and the row count of rows seen so far. */
export class QrAccumulator {
  /** R, row-major: R[i][j] = r[i·size + j], zero below the diagonal. */
  readonly r: Float64Array;
  /** The first p components of Qᵀr. */
  readonly qtr: Float64Array;
  private readonly work: Float64Array;
  private readonly rotation = new Float64Array(2);
  private sum = 0;
  private compensation = 0;
  private count = 0;
  private finite = true;

  constructor(readonly size: number) {
    this.r = new Float64Array(size * size);
    this.qtr = new Float64Array(size);
    this.work = new Float64Array(size);
  }

  /** Σ rᵢ², summed with Neumaier's compensation (no drift over a million rows). */
  get ssr(): number {
    return this.sum + this.compensation;
  }

  /** Rows added (merged rows included). */
  get rows(): number {
    return this.count;
  }

  /** False once a residual, a Jacobian entry or Σ rᵢ² was NaN or infinite. */
  get allFinite(): boolean {
    return this.finite && Number.isFinite(this.ssr);
  }

  /** Forgets every row. */
  reset(): void {
    this.r.fill(0);
    this.qtr.fill(0);
    this.sum = 0;
    this.compensation = 0;
    this.count = 0;
    this.finite = true;
  }

  /** Adds the row rᵢ = `residual` with ∂rᵢ/∂p = `jacobian` (read, not kept). */
  addRow(residual: number, jacobian: ArrayLike<number>): void {
    const w = this.work;
    for (let j = 0; j < this.size; j++) {
      const v = jacobian[j]!;
      if (!Number.isFinite(v)) this.finite = false;
      w[j] = v;
    }
    if (!Number.isFinite(residual)) this.finite = false;
    this.rotateIn(residual);
    this.addSquare(residual * residual);
    this.count++;
  }

  /**
   * Adds every row of `other`, as if they had been added here after this one's.
   * `columns` picks which of other's columns are this one's (default: all, same size).
   */
  merge(other: QrAccumulator, columns?: readonly number[]): void {
    const p = this.size;
    const q = other.size;
    for (let k = 0; k < q; k++) {
      // Row k of other's R with its Qᵀr entry stands for other's rows:
      // [R_a; R_b] has the same R and Qᵀr as [J_a; J_b] (Q_b is orthogonal).
      for (let j = 0; j < p; j++) this.work[j] = other.r[k * q + (columns === undefined ? j : columns[j]!)]!;
      this.rotateIn(other.qtr[k]!);
    }
    this.addSquare(other.sum);
    this.addSquare(other.compensation);
    this.count += other.count;
    this.finite &&= other.finite;
  }

  /** The length of {@link pack}'s record for `size` parameters: R, Qᵀr, Σ rᵢ² and its compensation, the count and the finite flag. */
  static packedLength(size: number): number {
    return size * size + size + 4;
  }

  /** Writes every fact of this accumulator into `out` (at least packedLength(size) long, e.g. shared memory). */
  pack(out: Float64Array): void {
    const p = this.size;
    out.set(this.r);
    out.set(this.qtr, p * p);
    const at = p * p + p;
    out[at] = this.sum;
    out[at + 1] = this.compensation;
    out[at + 2] = this.count;
    out[at + 3] = this.finite ? 1 : 0;
  }

  /** Becomes exactly the accumulator {@link pack} wrote into `from` (same size): the same bits as copyFrom. */
  unpack(from: Float64Array): void {
    const p = this.size;
    this.r.set(from.subarray(0, p * p));
    this.qtr.set(from.subarray(p * p, p * p + p));
    const at = p * p + p;
    this.sum = from[at]!;
    this.compensation = from[at + 1]!;
    this.count = from[at + 2]!;
    this.finite = from[at + 3] === 1;
  }

  /** Copies `other` (same size) into this one. */
  copyFrom(other: QrAccumulator): void {
    this.r.set(other.r);
    this.qtr.set(other.qtr);
    this.sum = other.sum;
    this.compensation = other.compensation;
    this.count = other.count;
    this.finite = other.finite;
  }

  /** ‖column j of J‖ = ‖column j of R‖ (Q is orthogonal), for every j. */
  columnNorms(): Float64Array {
    const p = this.size;
    const norms = new Float64Array(p);
    const column = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      for (let i = 0; i <= j; i++) column[i] = this.r[i * p + j]!;
      norms[j] = scaledNorm(column, undefined, j + 1);
    }
    return norms;
  }

  /** Rotates the row held in `work`, with right side `alpha`, into R and Qᵀr. */
  private rotateIn(alpha: number): void {
    const p = this.size;
    const r = this.r;
    const w = this.work;
    const cs = this.rotation;
    for (let k = 0; k < p; k++) {
      const wk = w[k]!;
      if (wk === 0) continue;
      // [R_kk … R_kp; w_k … w_p] ← G·[…], G chosen to zero w_k.
      givens(r[k * p + k]!, wk, cs);
      const c = cs[0]!;
      const s = cs[1]!;
      r[k * p + k] = c * r[k * p + k]! + s * wk;
      for (let j = k + 1; j < p; j++) {
        const a = r[k * p + j]!;
        const b = w[j]!;
        r[k * p + j] = c * a + s * b;
        w[j] = c * b - s * a;
      }
      const bk = this.qtr[k]!;
      this.qtr[k] = c * bk + s * alpha;
      alpha = c * alpha - s * bk;
    }
  }

  private addSquare(x: number): void {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }
}

