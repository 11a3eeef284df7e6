// Student's t and the normal distribution for confidence intervals. P(|T| > t)
// for ν degrees of freedom is I_x(ν/2, ½) at x = ν/(ν+t²); for ν ≥ 1000, where
// that continued fraction loses digits, the quantile is the Cornish–Fisher
// expansion around the normal quantile (terms to ν⁻⁴, error < 1e-14). Each
// quantile inverts its tail by bisection, to a few units in the last place.
import { incompleteBeta, upperGammaHalf } from './special-functions.js';

/** P(|T| > t) for Student's t with `df` degrees of freedom, t ≥ 0. */
export function studentTTail(t: number, df: number): number {
  const t2 = t * t;
  return incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** P(Z > z) for the standard normal, z ≥ 0: ½·Q(½, z²/2). */
export function normalUpperTail(z: number): number {
  return 0.5 * upperGammaHalf(0.5 * z * z);
}

/** The v ≥ 0 with tail(v) = target, for a decreasing tail on [0, ∞), by bisection to adjacent doubles. */
function invertTail(tail: (v: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  while (tail(hi) > target) [lo, hi] = [hi, 2 * hi];
  for (;;) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) return mid;
    if (tail(mid) > target) lo = mid;
    else hi = mid;
  }
}

/** The z with P(Z ≤ z) = p, 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return NaN;
  if (p < 0.5) return -normalQuantile(1 - p);
  return p === 0.5 ? 0 : invertTail(normalUpperTail, 1 - p);
}

/** The t with P(T ≤ t) = p (0 < p < 1) for `df` > 0 degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  if (df < 1000) return invertTail((t) => studentTTail(t, df), 2 * (1 - p));
  // Cornish–Fisher (Abramowitz & Stegun 26.7.5): t = z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴.
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const r = 1 / df;
  return z + r * (g1 + r * (g2 + r * (g3 + r * g4)));
}
