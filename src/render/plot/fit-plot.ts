// The figures of `fit --plot` for a least-squares fit: with one data column,
// the data as points and the fitted curve through them, the residuals below;
// with several, the residuals against the fitted values. (A mean-loss fit is
// drawn as a run's value over the steps: stepsFigure.)
import type { Figure, Point } from './figure.js';

/** Evaluations of the fitted curve across the data's x-range. */
export const CURVE_SAMPLES = 600;

/** Most data points drawn: a picture stays bounded in size however many rows were fitted. */
export const MAX_POINTS = 5000;

/** Every how many rows a point is drawn (1 up to MAX_POINTS rows; the axes still span every row). */
export function pointStride(rows: number): number {
  return Math.max(1, Math.ceil(rows / MAX_POINTS));
}

/** The legend of a point series: says when only every k-th row is drawn. */
function pointsLabel(label: string, rows: number): string {
  const k = pointStride(rows);
  return k === 1 ? label : `${label} (1 row in ${k} of ${rows.toLocaleString('en')})`;
}

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return [-1, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** A domain symmetric about zero that holds every finite residual. */
function residualDomain(residuals: readonly number[]): [number, number] {
  const [lo, hi] = extent(residuals);
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  return [-m, m];
}

export interface CurveFit {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The fitted model at x. */
  readonly model: (x: number) => number;
}

/** Data points with the fitted curve (CURVE_SAMPLES evaluations over the data's range), residuals y − f below. */
export function curveFitFigure(fit: CurveFit): Figure {
  const n = fit.x.length;
  const stride = pointStride(n);
  const data: Point[] = [];
  const residuals: Point[] = [];
  const r: number[] = [];
  const fitted: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = fit.x[i]!;
    const y = fit.y[i]!;
    const f = fit.model(x);
    fitted.push(f);
    r.push(y - f);
    if (i % stride !== 0) continue;
    data.push([x, y]);
    residuals.push([x, y - f]);
  }
  const [from, to] = extent(Array.from(fit.x));
  const curve: Point[] = [];
  for (let k = 0; k < CURVE_SAMPLES; k++) {
    const x = from + ((to - from) * k) / (CURVE_SAMPLES - 1);
    const f = fit.model(x);
    curve.push(Number.isFinite(f) ? [x, f] : undefined);
  }
  // The y-range of the data and of the fit at the data (the curve is clipped to it, a pole between rows included).
  const [lo, hi] = extent([...Array.from(fit.y), ...fitted]);
  const pad = (hi - lo) * 0.04;
  const x = { label: fit.xLabel, domain: [from, to] as const };
  return {
    panels: [
      {
        x, y: { label: fit.yLabel, domain: [lo - pad, hi + pad] }, weight: 2,
        series: [{ label: pointsLabel('data', n), kind: 'points', points: data }, { label: 'fit', kind: 'line', points: curve }],
      },
      {
        x, y: { label: 'residual', domain: residualDomain(r) }, weight: 1,
        series: [{ label: pointsLabel('data', n), kind: 'points', points: residuals }],
      },
    ],
  };
}

/** Residuals y − f against the fitted values f (a model of several data columns). */
export function residualFigure(fitted: ArrayLike<number>, y: ArrayLike<number>, yLabel: string): Figure {
  const points: Point[] = [];
  const r: number[] = [];
  const stride = pointStride(fitted.length);
  for (let i = 0; i < fitted.length; i++) {
    r.push(y[i]! - fitted[i]!);
    if (i % stride === 0) points.push([fitted[i]!, y[i]! - fitted[i]!]);
  }
  const [lo, hi] = extent(Array.from(fitted));
  const pad = (hi - lo) * 0.04;
  return {
    panels: [{
      x: { label: `fitted ${yLabel}`, domain: [lo - pad, hi + pad] },
      y: { label: 'residual', domain: residualDomain(r) },
      series: [{ label: pointsLabel('residual', fitted.length), kind: 'points', points }],
    }],
  };
}
