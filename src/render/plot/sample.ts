// Adaptive sampling of curves y_c(x) over [from, to]: a uniform base grid,
// then midpoints where a curve bends on screen, up to a budget of evaluations.
// Curves break at NaN, infinities and poles, and the y-range ignores the
// spikes next to a pole. Pure: numbers in, numbers out.

/**
 * Evaluates every curve at `x`: writes curve c's value to `out[c]` and, when
 * the sampler was told there is one, the slope d(curve 0)/dx to `out[curves]`.
 */
export type Evaluate = (x: number, out: Float64Array) => void;

export interface SampleOptions {
  readonly from: number;
  readonly to: number;
  /** How many curves `evaluate` writes. */
  readonly curves: number;
  /** `evaluate` also writes the slope of curve 0 (used to find poles). */
  readonly slope?: boolean;
  /** Intervals of the uniform grid (default 200). */
  readonly base?: number;
  /** Most evaluations in all (default 4000). */
  readonly budget?: number;
  /** Screen size in pixels the refinement aims at (default 800 × 500). */
  readonly width?: number;
  readonly height?: number;
  /** Largest distance in pixels of a point from the chord of its neighbours (default 0.25). */
  readonly tolerance?: number;
}

export interface Sampled {
  /** Sample abscissas, increasing. */
  readonly x: Float64Array;
  /** Per curve, its value at each x (NaN or ±Infinity where it has none). */
  readonly y: readonly Float64Array[];
  /** Per curve, 1 at i when no line joins samples i and i+1 (a pole or a jump). */
  readonly breaks: readonly Uint8Array[];
  /** A y-range that shows the curves and ignores pole spikes; undefined when no value is finite. */
  readonly range: readonly [number, number] | undefined;
  /** Evaluations spent. */
  readonly evaluations: number;
}

/** Rounds of refinement at most: each halves the segments it refines. */
const MAX_DEPTH = 40;
/** A jump in pixels: a segment jumping more is refined; one as narrow as refinement goes that still does is a step. */
const JUMP = 2;
/** Fence of the robust range: quartiles ± this many interquartile ranges. */
const FENCE = 3;

interface Points {
  x: number[];
  y: number[][];
  slope: number[];
}

function evaluator(evaluate: Evaluate, curves: number, slope: boolean): (pts: Points, x: number) => void {
  const out = new Float64Array(curves + 1);
  return (pts, x) => {
    out.fill(NaN);
    evaluate(x, out);
    pts.x.push(x);
    for (let c = 0; c < curves; c++) pts.y[c]!.push(out[c]!);
    pts.slope.push(slope ? out[curves]! : NaN);
  };
}

function emptyPoints(curves: number): Points {
  return { x: [], y: Array.from({ length: curves }, () => []), slope: [] };
}

/** Samples the curves of `evaluate` over [from, to] (from < to, both finite). */
export function sampleCurves(evaluate: Evaluate, opts: SampleOptions): Sampled {
  const { from, to, curves } = opts;
  const n0 = opts.base ?? 200;
  const budget = Math.max(opts.budget ?? 4000, n0 + 1);
  const width = opts.width ?? 800;
  const height = opts.height ?? 500;
  const tolerance = opts.tolerance ?? 0.25;
  const add = evaluator(evaluate, curves, opts.slope === true);
  let pts = emptyPoints(curves);
  for (let i = 0; i <= n0; i++) add(pts, i === n0 ? to : from + ((to - from) * i) / n0);
  const range = robustRange(pts.y, pts.slope, pts.x);
  let evaluations = n0 + 1;
  const lo = range?.[0] ?? -1;
  const span = range === undefined ? 2 : range[1] - range[0];
  const sx = width / (to - from);
  const sy = height / span;
  // Screen y, clamped to one screen beyond the range so off-screen spikes do not dominate.
  const screenY = (y: number): number => Math.min(2 * height, Math.max(-height, (y - lo) * sy));
  const minWidth = (to - from) / n0 / 2 ** MAX_DEPTH;

  for (let round = 0; round < MAX_DEPTH && evaluations < budget; round++) {
    const n = pts.x.length;
    const score = new Float64Array(n - 1);
    for (let c = 0; c < curves; c++) markBends(pts.x, pts.y[c]!, score, sx, screenY, height, tolerance);
    const wanted: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      const a = pts.x[i]!;
      const b = pts.x[i + 1]!;
      // NOTE: far from 0 the midpoint of two neighbouring doubles is one of them: stop there.
      if (score[i]! > 0 && b - a > minWidth && (a + b) / 2 > a && (a + b) / 2 < b) wanted.push(i);
    }
    if (wanted.length === 0) break;
    if (wanted.length > budget - evaluations) {
      wanted.sort((i, j) => score[j]! - score[i]!);
      wanted.length = budget - evaluations;
      wanted.sort((i, j) => i - j);
    }
    const next = emptyPoints(curves);
    let w = 0;
    for (let i = 0; i < n; i++) {
      copyPoint(pts, i, next, curves);
      if (w < wanted.length && wanted[w] === i) {
        add(next, (pts.x[i]! + pts.x[i + 1]!) / 2);
        w++;
      }
    }
    evaluations += wanted.length;
    pts = next;
  }
  const x = Float64Array.from(pts.x);
  const y = pts.y.map((ys) => Float64Array.from(ys));
  const narrow = (i: number): boolean => x[i + 1]! - x[i]! <= Math.max(minWidth * 4, Math.abs(x[i]!) * 2 ** -48);
  const breaks = y.map((ys, c) => findBreaks(x, ys, c === 0 ? pts.slope : undefined, range, narrow, height));
  return { x, y, breaks, range, evaluations };
}

function copyPoint(from: Points, i: number, to: Points, curves: number): void {
  to.x.push(from.x[i]!);
  for (let c = 0; c < curves; c++) to.y[c]!.push(from.y[c]![i]!);
  to.slope.push(from.slope[i]!);
}

/**
 * Scores the segments next to each point where the curve turns on screen (its
 * distance from the chord of its neighbours, in pixels, above `tolerance`),
 * and segments with one finite end (to find where the curve starts or stops).
 */
function markBends(x: readonly number[], y: readonly number[], score: Float64Array, sx: number,
  screenY: (y: number) => number, height: number, tolerance: number): void {
  const n = x.length;
  for (let i = 0; i < n - 1; i++) {
    const y0 = y[i]!; const y1 = y[i + 1]!;
    if (Number.isFinite(y0) !== Number.isFinite(y1)) score[i] = Math.max(score[i]!, 1);
    if (!Number.isFinite(y0) || !Number.isFinite(y1)) continue;
    // A segment narrower than a pixel that jumps more than JUMP pixels is
    // halved until it does not (a steep curve), or until it is too narrow to
    // halve (a step: findBreaks breaks it).
    const a = screenY(y0); const b = screenY(y1);
    const jump = Math.abs(b - a);
    if (jump > JUMP && (x[i + 1]! - x[i]!) * sx < 1 && !((a <= 0 && b <= 0) || (a >= height && b >= height))) score[i] = Math.max(score[i]!, jump);
  }
  for (let i = 1; i < n - 1; i++) {
    const y0 = y[i - 1]!; const y1 = y[i]!; const y2 = y[i + 1]!;
    if (!Number.isFinite(y0) || !Number.isFinite(y1) || !Number.isFinite(y2)) continue;
    const ax = x[i - 1]! * sx; const bx = x[i]! * sx; const cx = x[i + 1]! * sx;
    const ay = screenY(y0); const by = screenY(y1); const cy = screenY(y2);
    // Invisible: all three beyond the same edge.
    if ((ay <= 0 && by <= 0 && cy <= 0) || (ay >= height && by >= height && cy >= height)) continue;
    const dx = cx - ax; const dy = cy - ay;
    const chord = Math.hypot(dx, dy);
    const dev = chord === 0 ? Math.hypot(bx - ax, by - ay) : Math.abs(dx * (by - ay) - dy * (bx - ax)) / chord;
    if (dev > tolerance) {
      score[i - 1] = Math.max(score[i - 1]!, dev);
      score[i] = Math.max(score[i]!, dev);
    }
  }
}


/**
 * Where no line may join two neighbouring finite samples: the slope of curve 0
 * says the curve went the other way at both ends (a pole in between), or the
 * segment goes from beyond one edge of the range to beyond the other, or a
 * segment as narrow as refinement goes still jumps on screen (a step).
 */
function findBreaks(x: Float64Array, y: Float64Array, slope: readonly number[] | undefined,
  range: readonly [number, number] | undefined, narrow: (i: number) => boolean, height: number): Uint8Array {
  const n = x.length;
  const breaks = new Uint8Array(Math.max(n - 1, 0));
  const [lo, hi] = range ?? [-Infinity, Infinity];
  const span = hi - lo;
  for (let i = 0; i < n - 1; i++) {
    const y0 = y[i]!; const y1 = y[i + 1]!;
    if (!Number.isFinite(y0) || !Number.isFinite(y1)) continue;
    if (slope !== undefined && againstSlope(y1 - y0, slope[i]!, slope[i + 1]!)) breaks[i] = 1;
    else if ((y0 > hi && y1 < lo) || (y0 < lo && y1 > hi)) breaks[i] = 1;
    else if (narrow(i) && (Math.abs(y1 - y0) / span) * height > JUMP) breaks[i] = 1;
  }
  return breaks;
}

/** True when a rise `dy` has the opposite sign of the (finite, nonzero) slope at both ends. */
function againstSlope(dy: number, g0: number, g1: number): boolean {
  return Number.isFinite(g0) && Number.isFinite(g1) && dy * g0 < 0 && dy * g1 < 0;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const j = Math.min(i + 1, sorted.length - 1);
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (pos - i);
}

/**
 * The y-range of the samples, without the spikes beside a pole: values beyond
 * a quartile fence that grow monotonically toward a break (a pole, found by the
 * slope of curve 0, or a non-finite sample). Values beyond the fence that are
 * not beside a break (the tail of exp(x)) stay in the range. Padded by 5%.
 */
export function robustRange(ys: ReadonlyArray<ArrayLike<number>>, slope: ArrayLike<number>, x: ArrayLike<number>):
  readonly [number, number] | undefined {
  const pooled: number[] = [];
  for (const y of ys) for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i])) pooled.push(y[i]!);
  if (pooled.length === 0) return undefined;
  pooled.sort((a, b) => a - b);
  const q1 = quantile(pooled, 0.25);
  const q3 = quantile(pooled, 0.75);
  const iqr = q3 - q1;
  const fenceLo = iqr > 0 ? q1 - FENCE * iqr : -Infinity;
  const fenceHi = iqr > 0 ? q3 + FENCE * iqr : Infinity;
  const beyond = (v: number): boolean => v < fenceLo || v > fenceHi;
  const n = x.length;
  // Break positions (between j and j+1), shared by every curve: a pole of f is one of f' too.
  const at: number[] = [];
  for (let j = 0; j < n - 1; j++) {
    const f0 = ys[0]![j]!; const f1 = ys[0]![j + 1]!;
    const nonFinite = ys.some((y) => Number.isFinite(y[j]) !== Number.isFinite(y[j + 1]));
    if (nonFinite || (Number.isFinite(f0) && Number.isFinite(f1) && againstSlope(f1 - f0, slope[j]!, slope[j + 1]!))) at.push(j);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    const excluded = new Uint8Array(n);
    for (const j of at) {
      // Walk away from the break on each side while the values shrink and stay beyond the fence.
      for (let k = j; k >= 0 && Number.isFinite(y[k]) && beyond(y[k]!) && (k === j || Math.abs(y[k]!) <= Math.abs(y[k + 1]!)); k--) excluded[k] = 1;
      for (let k = j + 1; k < n && Number.isFinite(y[k]) && beyond(y[k]!) && (k === j + 1 || Math.abs(y[k]!) <= Math.abs(y[k - 1]!)); k++) excluded[k] = 1;
    }
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      if (!Number.isFinite(v) || excluded[i]) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo > hi) {
    // Every finite value sits on a spike: keep the fenced ones.
    for (const v of pooled) if (!beyond(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (lo > hi) { lo = pooled[0]!; hi = pooled[pooled.length - 1]!; }
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
