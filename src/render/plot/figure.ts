// What a plot shows, independent of where it is drawn (SVG or terminal): panels
// of series on shared axes. A function plot is one panel (f, its derivative, a
// tangent); a fit plot would be two (data points with the fitted curve, then
// the residuals); a run's value over the steps is one panel with a log axis.

/** A point of a series; undefined is a gap (the line stops and starts again). */
export type Point = readonly [number, number] | undefined;

export interface Series {
  readonly label: string;
  /** Joined by a line, or drawn as separate points. */
  readonly kind: 'line' | 'points';
  readonly points: readonly Point[];
  /** Drawn dashed (also the terminal's dotted pattern). */
  readonly dashed?: boolean;
  /** Thinner and grey: a helper line such as a tangent. */
  readonly faint?: boolean;
  /** Drawn in the color of this series of the panel (by index) instead of its own. */
  readonly colorOf?: number;
  /** Left out of the legend. */
  readonly unlisted?: boolean;
}

export interface Axis {
  readonly label: string;
  readonly domain: readonly [number, number];
  /** Logarithmic (domain > 0). */
  readonly log?: boolean;
  /** Widen the domain to round numbers (default true; false keeps an interval the user chose). */
  readonly nice?: boolean;
}

export interface Panel {
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  /** Share of the figure's height (default 1). */
  readonly weight?: number;
}

export interface Figure {
  readonly title?: string;
  readonly panels: readonly Panel[];
}

/**
 * Splits a line at gaps and clips each piece to y in [lo, hi] (x is not
 * clipped): the parts outside are dropped, a segment leaving the range ends at
 * the edge. Returns the points with undefined between pieces.
 */
export function clipLine(points: readonly Point[], lo: number, hi: number): Point[] {
  const out: Point[] = [];
  const inside = (y: number): boolean => y >= lo && y <= hi;
  const edge = (a: readonly [number, number], b: readonly [number, number], y: number): [number, number] =>
    [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  const gap = (): void => {
    if (out.length > 0 && out[out.length - 1] !== undefined) out.push(undefined);
  };
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const prev = i > 0 ? points[i - 1] : undefined;
    if (p === undefined || !Number.isFinite(p[1])) {
      gap();
      continue;
    }
    if (prev === undefined || !Number.isFinite(prev[1])) {
      if (inside(p[1])) out.push(p);
      continue;
    }
    // The segment prev → p, clipped.
    const [a, b] = [prev, p];
    const enter = !inside(a[1]);
    const leave = !inside(b[1]);
    if (!enter && !leave) {
      out.push(b);
      continue;
    }
    const ys = [lo, hi].filter((y) => (a[1] - y) * (b[1] - y) < 0).sort((u, v) => (a[1] < b[1] ? u - v : v - u));
    if (ys.length === 0) {
      // Touches an edge without crossing it.
      if (!leave) { gap(); out.push(b); } else gap();
      continue;
    }
    if (enter) {
      gap();
      out.push(edge(a, b, ys[0]!));
      if (!leave) out.push(b);
      else if (ys.length > 1) out.push(edge(a, b, ys[1]!));
      if (leave) gap();
    } else {
      out.push(edge(a, b, ys[0]!));
      gap();
    }
  }
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

/** The points of sampled curve values, with a gap wherever `breaks` says so. */
export function curvePoints(x: ArrayLike<number>, y: ArrayLike<number>, breaks: ArrayLike<number>): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < x.length; i++) {
    out.push(Number.isFinite(y[i]) ? [x[i]!, y[i]!] : undefined);
    if (i < breaks.length && breaks[i]) out.push(undefined);
  }
  return out;
}
