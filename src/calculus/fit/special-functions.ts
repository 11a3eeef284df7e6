// The special functions behind Student's t and the normal distribution: ln Γ,
// the regularized incomplete beta I_x(a,b) and the upper incomplete gamma
// Q(½, x), by Stirling's series and continued fractions (modified Lentz).

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** lnΓ(x) − [(x−½)ln x − x + ½ln 2π], Stirling's series for x ≥ 10 (error < 1e-16). */
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  // 1/12x − 1/360x³ + 1/1260x⁵ − 1/1680x⁷ + 1/1188x⁹ − 691/360360x¹¹
  return (1 / 12 + r * (-1 / 360 + r * (1 / 1260 + r * (-1 / 1680 + r * (1 / 1188 + r * (-691 / 360360)))))) / x;
}

/** ln Γ(x) for x > 0: below 10 by Γ(x) = Γ(x+k)/(x(x+1)…(x+k−1)), then Stirling. */
export function logGamma(x: number): number {
  let shift = 1;
  while (x < 10) {
    shift *= x;
    x += 1;
  }
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingCorrection(x) - Math.log(shift);
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a+b). When the larger argument a is
 * large, lnΓ(a) − lnΓ(a+b) is taken as the difference of the two Stirling
 * series, −(a−½)·log1p(b/a) − b·ln(a+b) + b + …, so nothing large cancels.
 */
function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  const difference =
    -(big - 0.5) * Math.log1p(small / big) - small * Math.log(sum) + small + stirlingCorrection(big) - stirlingCorrection(sum);
  return logGamma(small) + difference;
}

/** The continued fraction of I_x(a,b) (modified Lentz), y = 1 − x, valid for x < (a+1)/(a+b+2). */
function betaFraction(x: number, y: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  // 1 − (a+b)x/(a+1) = ((1−b)x + (a+1)y)/(a+1): no cancellation when x is near 1 (large a).
  let d = ((1 - b) * x + (a + 1) * y) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    // Even then odd coefficients: d_2m = m(b−m)x/((a+2m−1)(a+2m)), d_2m+1 = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)).
    for (const coefficient of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + coefficient * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + coefficient / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= c * d;
      if (Math.abs(c * d - 1) < 1e-16 && coefficient < 0) return h;
    }
  }
  return h;
}

/**
 * The regularized incomplete beta I_x(a, b), with y = 1 − x given separately
 * so that x near 1 keeps its precision.
 */
export function incompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // x^a·y^b/B(a,b), with ln x = log1p(−y) when x is near 1 (and the same for y).
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, y, a, b)) / a;
  return 1 - (front * betaFraction(y, x, b, a)) / b;
}

/** Q(½, x) = Γ(½, x)/Γ(½) for x ≥ 0: the series of P below x = 1.5, the continued fraction above. */
export function upperGammaHalf(x: number): number {
  const a = 0.5;
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - 0.5 * Math.log(Math.PI));
  if (x < a + 1) {
    // P(a,x) = e^(−x)·x^a/Γ(a+1) · Σ xⁿ/((a+1)…(a+n)), Γ(a+1) = a·Γ(a).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - front * sum;
  }
  // Q(a,x) = e^(−x)·x^a/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return front * h;
}
