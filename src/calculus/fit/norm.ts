// The Euclidean norm without overflow or underflow in the squares (MINPACK's
// `enorm` does the same by three sums; one scaled sum is enough here).

/** sqrt(Σ (s_i·x_i)²) over i < length, with s = 1 when `scale` is omitted. */
export function scaledNorm(x: ArrayLike<number>, scale?: ArrayLike<number>, length = x.length): number {
  let largest = 0;
  for (let i = 0; i < length; i++) largest = Math.max(largest, Math.abs(scale === undefined ? x[i]! : scale[i]! * x[i]!));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const t = (scale === undefined ? x[i]! : scale[i]! * x[i]!) / largest;
    sum += t * t;
  }
  return largest * Math.sqrt(sum);
}

/**
 * The Givens rotation (c, s) with c·a + s·b = ±hypot(a, b) and −s·a + c·b = 0,
 * in MINPACK's form, which never squares a number larger than 1.
 */
export function givens(a: number, b: number, out: Float64Array): void {
  if (b === 0) {
    out[0] = 1;
    out[1] = 0;
  } else if (Math.abs(a) < Math.abs(b)) {
    const cot = a / b;
    const s = 0.5 / Math.sqrt(0.25 + 0.25 * cot * cot);
    out[0] = s * cot;
    out[1] = s;
  } else {
    const t = b / a;
    const c = 0.5 / Math.sqrt(0.25 + 0.25 * t * t);
    out[0] = c;
    out[1] = c * t;
  }
}
