// Central finite differences: the one numeric derivative that --check, the
// property tests and the compiled tape share.
//
//   ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),  error O(h²) + O(ε·|f|/h)
//
// Balancing the two terms gives h ≈ ε^(1/3), scaled to the size of x_i.

/** cbrt(machine epsilon) ≈ 6.06e-6. */
const CBRT_EPS = Math.cbrt(Number.EPSILON);

/** A function of a point (one number per variable) to a value. */
export type PointFunction = (point: Float64Array) => number;

/** The step for a coordinate of size x: cbrt(ε)·max(1, |x|), made exactly representable. */
export function differenceStep(x: number): number {
  const h = CBRT_EPS * Math.max(1, Math.abs(x));
  // NOTE: (x + h) − x is the step the machine really takes; dividing by it
  // instead of h removes the representation error of x + h.
  const exact = (x + h) - x;
  return exact > 0 ? exact : h;
}

export interface Difference {
  /** The central-difference estimate of ∂f/∂x_i. */
  readonly value: number;
  /** The step h used. */
  readonly step: number;
  /** Estimated rounding error of the estimate: a few ε·max|f| / h. */
  readonly noise: number;
}

/** ∂f/∂point[i] by central difference. `point` is not changed. */
export function centralDifference(f: PointFunction, point: ArrayLike<number>, i: number): Difference {
  const p = Float64Array.from(point as ArrayLike<number>);
  const x = p[i]!;
  const h = differenceStep(x);
  p[i] = x + h;
  const up = f(p);
  p[i] = x - h;
  const down = f(p);
  const noise = (4 * Number.EPSILON * Math.max(Math.abs(up), Math.abs(down))) / h;
  return { value: (up - down) / (2 * h), step: h, noise };
}

/** Every partial derivative of f at `point` by central differences. */
export function numericGradient(f: PointFunction, point: ArrayLike<number>): Float64Array {
  const g = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) g[i] = centralDifference(f, point, i).value;
  return g;
}

// ---------------------------------------------------------------------------
// The adaptive derivative of --check: no fixed step serves every magnitude (a
// step relative to |x| is far too large for sin at 1e8, an absolute one far
// too large for log at 1e-5), so the derivative is estimated along a sweep of
// steps h = 2^k, from max(|x|, 1) down, and extrapolated to h → 0 as Ridders'
// method does: a Neville tableau of differences at shrinking h, every entry
// with an error estimate (how far it moved from the entries it was made of,
// plus the rounding noise the tableau carries). Of entries that agree, the
// one with the smallest error estimate wins; of entries that do not, the one
// from finer steps. Steps where f is not finite (outside its domain) are
// skipped, so the sweep shrinks into the domain.
//
// The same probes give one-sided differences, (f(x+h) − f(x))/h and
// (f(x) − f(x−h))/h, extrapolated the same way: where they disagree the point
// is a kink (abs at 0), which no two-sided difference can see.

/**
 * The steps of a sweep: 2^k for k in [a − SPAN, a + ABOVE] for each anchor a
 * (0 and the exponent of |x|). Steps above the anchor serve a function with a
 * large offset, f = y + 1e12 at y = 1e-3, whose rounding noise ε·|f|/h only a
 * large step beats.
 */
const SPAN = 40;
const ABOVE = 0;
/**
 * The sweep stops early only at steps below 2^-LOCAL·min(|x|, 1): larger ones
 * can agree for the wrong reason (cos(x)·y + x at x = 1e6 reads exactly 1 for
 * every h ≫ 1, where the derivative is 1.0028).
 */
const LOCAL = 8;
/** Deepest extrapolation: each entry combines at most DEPTH + 1 differences. */
const DEPTH = 5;
/** An estimate this precise (relative) is as good as a difference gets: the sweep may stop. */
const GOOD = 1e-10;
/** Rounding of one evaluation of f, in units of ε·|f| (a few ulps: f is a chain of ops). */
const ROUNDING = 2;

/** A numeric derivative and its estimated absolute error. */
export interface Estimate {
  readonly value: number;
  /** Estimated |value − true derivative|: extrapolation error plus rounding noise. */
  readonly error: number;
}

/** The adaptive derivative: two-sided, and each one-sided limit for the kink test. */
export interface AdaptiveDerivative extends Estimate {
  /** (f(x) − f(x−h))/h extrapolated to h → 0. */
  readonly left: Estimate;
  /** (f(x+h) − f(x))/h extrapolated to h → 0. */
  readonly right: Estimate;
  /** Evaluations of f used. */
  readonly probes: number;
}

/** A tableau entry: an estimate, the size of the differences it was made of, and the largest step it used. */
interface Entry extends Estimate {
  /** max(|value|, |each difference combined|) */
  readonly size: number;
  readonly span: number;
}

const NO_ENTRY: Entry = { value: NaN, error: Infinity, size: 0, span: Infinity };

/** An entry's error relative to the size of its data (0 when exact, ∞ for a noisy one made of zeros). */
function relativeError(e: Entry): number {
  if (e.error === 0) return 0;
  return e.size === 0 ? Infinity : e.error / e.size;
}

/** An estimate's error relative to its value (0 when exact, ∞ for a noisy 0). */
function relative(e: Estimate): number {
  if (e.error === 0) return 0;
  return e.value === 0 ? Infinity : e.error / Math.abs(e.value);
}

/**
 * The candidate replaces the best entry so far. Of two estimates that agree
 * within their errors, the one with the smaller relative error wins (an
 * absolute one would favour a step far too large for a bounded function,
 * whose differences shrink like 1/h: sin(y)·1e-8 + 1e7 at y = 1e6 reads
 * 7e-14 ± 2e-13 at h = 2^19); if both are noisy zeros, the smaller error.
 * Of two that do not agree, the one from finer steps wins, because the
 * derivative is the limit h → 0 and a coarse step can agree with itself for
 * the wrong reason (relu(x) at 1e-20 reads exactly 0.5 for every h ≫ x).
 * A finer estimate swamped by rounding noise carries that noise in its
 * error, so it agrees with the coarse one and loses.
 */
function replaces(candidate: Entry, best: Entry): boolean {
  if (!Number.isFinite(best.error)) return true;
  const agree = Math.abs(candidate.value - best.value) <= candidate.error + best.error;
  if (!agree && candidate.span !== best.span) return candidate.span < best.span;
  const a = relative(candidate);
  const b = relative(best);
  return a < b || (a === b && candidate.error < best.error);
}

/**
 * One Neville tableau along shrinking steps, extrapolating a difference whose
 * error is a series in h^power (2 for central differences, 1 for one-sided
 * ones) to h → 0, and keeping its best entry.
 */
class Extrapolation {
  private steps: number[] = [];
  private row: number[] = [];
  private noise: number[] = [];
  private size: number[] = [];
  /** The best entry so far. */
  best: Entry = NO_ENTRY;

  constructor(private readonly power: 1 | 2) {}

  /** The best entry is precise enough to stop looking. */
  get precise(): boolean {
    return relativeError(this.best) <= GOOD;
  }

  /** Forgets the tableau (a probe left the domain, or the steps jump to another scale); the best entry is kept. */
  restart(): void {
    this.steps = [];
    this.row = [];
    this.noise = [];
    this.size = [];
  }

  /** Adds the difference `d` at step `h` with rounding noise `n`; a non-finite `d` restarts the tableau. */
  push(h: number, d: number, n: number): void {
    if (!Number.isFinite(d)) {
      this.restart();
      return;
    }
    const row = [d];
    const noise = [n];
    const size = [Math.abs(d)];
    const depth = Math.min(this.row.length, DEPTH);
    for (let j = 1; j <= depth; j++) {
      const span = this.steps[this.steps.length - j]!;
      const r = (span / h) ** this.power;
      const prev = this.row[j - 1]!;
      const t = row[j - 1]! + (row[j - 1]! - prev) / (r - 1);
      // The entry's noise: the noise of what it combines, through the weights r/(r−1) and 1/(r−1).
      noise.push((r * noise[j - 1]! + this.noise[j - 1]!) / (r - 1));
      row.push(t);
      size.push(Math.max(size[j - 1]!, this.size[j - 1]!, Math.abs(t)));
      // How far the entry moved from what it was made of (Ridders), and from
      // the entry of the same order one step before.
      // NOTE: only from the second column on, and with a same-order entry to
      // compare with: a few differences can agree by chance (f(x)−f(x−1) =
      // (f(x)−f(x−½))·2 for 1e8 + sin(x) at ½; high orders can plateau
      // before they converge).
      if (j < 2 || j >= this.row.length) continue;
      const moved = Math.max(Math.abs(t - row[j - 1]!), Math.abs(t - prev), Math.abs(t - this.row[j]!));
      const entry: Entry = { value: t, error: moved + noise[j]!, size: size[j]!, span };
      if (Number.isFinite(t) && Number.isFinite(entry.error) && replaces(entry, this.best)) this.best = entry;
    }
    this.steps.push(h);
    this.row = row;
    this.noise = noise;
    this.size = size;
  }
}

/**
 * The exponents k of the sweep's steps 2^k, largest first, with NaN marking a
 * jump to another scale; and the exponent below which the sweep may stop.
 */
function sweep(x: number): { readonly exponents: number[]; readonly local: number } {
  const anchors = [0];
  if (x !== 0) anchors.push(Math.floor(Math.log2(Math.abs(x))));
  const top = Math.max(...anchors);
  const low = Math.min(...anchors);
  const run = (from: number, to: number): number[] => Array.from({ length: from - to + 1 }, (_, i) => from - i);
  const exponents = top - low <= SPAN + ABOVE ? run(top + ABOVE, low - SPAN)
    : [...run(top + ABOVE, top - SPAN), NaN, ...run(low + ABOVE, low - SPAN)];
  return { exponents, local: low - LOCAL };
}

/** The rounding error of f(a) − f(b) given each one's size: a few ulps, never below the smallest subnormal. */
function rounding(sa: number, sb: number): number {
  return ROUNDING * (Number.EPSILON * Math.max(sa, sb) + Number.MIN_VALUE);
}

/**
 * A function to differentiate. `size`, when given, is the magnitude its last
 * evaluation's rounding error scales with (for a chain of ops, Σ|vᵢ·∂f/∂vᵢ|
 * over its intermediate values vᵢ, which sees cancellation inside f);
 * otherwise that is |f|.
 */
export interface Probe {
  readonly f: (x: number) => number;
  readonly size?: (value: number) => number;
}

/** The three estimates agree within their errors: no kink, nothing left to learn from finer steps. */
function settled(...es: Estimate[]): boolean {
  const lo = Math.max(...es.map((e) => e.value - e.error));
  const hi = Math.min(...es.map((e) => e.value + e.error));
  return lo <= hi;
}

/**
 * ∂f/∂x by Ridders-style extrapolation over an adaptive sweep of steps, with
 * its error estimate and both one-sided limits. `fx` is f(x) when already
 * known. Costs at most 4·(SPAN + ABOVE + 1) + 1 evaluations of f, usually a few dozen.
 */
export function adaptiveDerivative(probe: Probe | ((x: number) => number), x: number,
  fx?: number): AdaptiveDerivative {
  const { f, size = Math.abs } = typeof probe === 'function' ? { f: probe } : probe;
  const value = fx ?? f(x);
  const sizeAt = size(value);
  const central = new Extrapolation(2);
  const left = new Extrapolation(1);
  const right = new Extrapolation(1);
  const all = [central, left, right];
  let probes = fx === undefined ? 1 : 0;
  if (Number.isFinite(x) && Number.isFinite(value)) {
    let lastUp = Infinity;
    let lastDown = Infinity;
    const { exponents, local } = sweep(x);
    for (const k of exponents) {
      if (Number.isNaN(k)) {
        for (const t of all) t.restart();
        continue;
      }
      const h = 2 ** k;
      // NOTE: the steps the machine really takes; x ± h may round.
      const up = x + h;
      const down = x - h;
      const hUp = up - x;
      const hDown = x - down;
      // Below a few ulps of x the steps stop shrinking: the sweep is over.
      if (!(hUp > 0 && hDown > 0 && hUp < lastUp && hDown < lastDown)) break;
      lastUp = hUp;
      lastDown = hDown;
      // NOTE: a probe whose rounding size is not finite (a derivative
      // overflows there) cannot be trusted: it counts as outside the domain.
      let fUp = f(up);
      const sizeUp = size(fUp);
      if (!Number.isFinite(sizeUp)) fUp = NaN;
      let fDown = f(down);
      const sizeDown = size(fDown);
      if (!Number.isFinite(sizeDown)) fDown = NaN;
      probes += 2;
      const mid = (hUp + hDown) / 2;
      central.push(mid, (fUp - fDown) / (hUp + hDown), rounding(sizeUp, sizeDown) / mid);
      right.push(hUp, (fUp - value) / hUp, rounding(sizeUp, sizeAt) / hUp);
      left.push(hDown, (value - fDown) / hDown, rounding(sizeDown, sizeAt) / hDown);
      if (k <= local && settled(central.best, left.best, right.best) && all.every((t) => t.precise)) break;
    }
  }
  // NOTE: the finest slope f can show at x: a change of one rounding unit of
  // f over the widest local step, max(|x|, 1). A derivative below it is
  // invisible (1 + 1e-16·log2(0.5 + y²) is exactly 1 for every y near 1).
  const resolution = rounding(sizeAt, sizeAt) / Math.max(Math.abs(x), 1);
  const estimate = ({ value, error }: Estimate): Estimate => ({ value, error: error + resolution });
  return { ...estimate(central.best), left: estimate(left.best), right: estimate(right.best), probes };
}
