// The figure of `autograd plot`: f and a partial derivative over an interval,
// sampled adaptively, with the tangent at a marked point.
import { curvePoints, type Figure, type Series } from './figure.js';
import { sampleCurves, type Evaluate } from './sample.js';

export interface FunctionPlot {
  /** Writes f, the partial and the slope df/dx at x (see sampleCurves). */
  readonly evaluate: Evaluate;
  readonly over: string;
  readonly from: number;
  readonly to: number;
  readonly fLabel: string;
  readonly dLabel: string;
  /** The point whose tangent is drawn. */
  readonly mark?: { readonly x: number; readonly y: number; readonly slope: number };
  /** Size in pixels of the drawing area (the refinement's tolerance is in these pixels). */
  readonly width: number;
  readonly height: number;
  /** Most evaluations (default: the sampler's). */
  readonly budget?: number;
}

/** The figure, or undefined when f has no finite value on the interval. */
export function functionFigure(plot: FunctionPlot): Figure | undefined {
  const s = sampleCurves(plot.evaluate, {
    from: plot.from, to: plot.to, curves: 2, slope: true, width: plot.width, height: plot.height, budget: plot.budget,
  });
  if (!s.y[0]!.some((v) => Number.isFinite(v)) || s.range === undefined) return undefined;
  let [lo, hi] = s.range;
  const series: Series[] = [
    { label: plot.fLabel, kind: 'line', points: curvePoints(s.x, s.y[0]!, s.breaks[0]!) },
    { label: plot.dLabel, kind: 'line', dashed: true, points: curvePoints(s.x, s.y[1]!, s.breaks[1]!) },
  ];
  const m = plot.mark;
  if (m !== undefined && Number.isFinite(m.y)) {
    lo = Math.min(lo, m.y);
    hi = Math.max(hi, m.y);
    if (Number.isFinite(m.slope)) {
      const at = (x: number): readonly [number, number] => [x, m.y + m.slope * (x - m.x)];
      series.push({ label: `tangent at ${plot.over} = ${m.x} (slope ${Number(m.slope.toPrecision(6))})`, kind: 'line', faint: true, points: [at(plot.from), at(m.x), at(plot.to)] });
    }
    series.push({ label: `${plot.over} = ${m.x}`, kind: 'points', unlisted: true, colorOf: 0, points: [[m.x, m.y]] });
  }
  return {
    panels: [{
      x: { label: plot.over, domain: [plot.from, plot.to], nice: false },
      y: { label: '', domain: [lo, hi] },
      series,
    }],
  };
}

/** How far the values of a positive series must spread (largest / smallest) for a log axis. */
export const LOG_SPREAD = 100;

/** The figure of a run's value over its steps: a log axis when the values are positive and span decades. */
export function stepsFigure(steps: ArrayLike<number>, values: ArrayLike<number>, label: string): Figure {
  let lo = Infinity;
  let hi = -Infinity;
  const points: Array<readonly [number, number]> = [];
  for (let i = 0; i < steps.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    points.push([steps[i]!, v]);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) { lo = 0; hi = 1; }
  const log = lo > 0 && hi / lo >= LOG_SPREAD;
  if (!log && lo === hi) { lo -= lo === 0 ? 1 : Math.abs(lo) * 0.1; hi += hi === 0 ? 1 : Math.abs(hi) * 0.1; }
  const last = steps.length > 0 ? steps[steps.length - 1]! : 1;
  return {
    panels: [{
      x: { label: 'step', domain: [0, Math.max(last, 1)] },
      y: { label: log ? `${label} (log scale)` : label, domain: [lo, hi], log },
      series: [{ label, kind: points.length === 1 ? 'points' : 'line', points }],
    }],
  };
}
