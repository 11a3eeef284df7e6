// A figure's first panel as terminal text: Unicode braille cells (2 × 4 dots
// each), the y-range on the left, the x-range below, a legend. The curves are
// told apart without color: the first series is solid, the second dotted, the
// others sparser still; the legend shows each pattern.
import { clipLine, type Figure, type Series } from './figure.js';
import { axisScale } from './svg.js';

export interface TextSize {
  readonly columns: number;
  readonly rows: number;
}

/** Bit of the braille dot at column dx (0, 1) and row dy (0 to 3) of a cell. */
const DOT = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]] as const;
const BLANK = 0x2800;
/** Every how many dots of its path a series draws one: solid, dotted, sparse. */
const STRIDE = [1, 2, 4];
/** The legend's sample of each pattern. */
const SAMPLE = ['⠒⠒', '⠂⠂', '⠂⠀⠂'];

/** A compact label of an axis end: at most 5 significant digits. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const s = String(Number(v.toPrecision(5)));
  return s.length <= 10 ? s : v.toExponential(3);
}

class Canvas {
  readonly bits: Uint8Array;
  readonly owner: Int16Array;
  constructor(readonly cols: number, readonly rows: number) {
    this.bits = new Uint8Array(cols * rows);
    this.owner = new Int16Array(cols * rows).fill(-1);
  }

  get width(): number { return this.cols * 2; }
  get height(): number { return this.rows * 4; }

  set(px: number, py: number, series: number): void {
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const cell = (py >> 2) * this.cols + (px >> 1);
    this.bits[cell]! |= DOT[py & 3]![px & 1]!;
    this.owner[cell] = series;
  }
}

/** Draws a line from (x0, y0) to (x1, y1) in dots, one dot in `stride` along the way; returns the dots counted. */
function rasterize(canvas: Canvas, x0: number, y0: number, x1: number, y1: number, series: number, stride: number, count: number): number {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  let n = count;
  for (let k = n === 0 ? 0 : 1; k <= steps; k++) {
    if (n % stride === 0) canvas.set(Math.round(x0 + ((x1 - x0) * k) / steps), Math.round(y0 + ((y1 - y0) * k) / steps), series);
    n++;
  }
  return n;
}

function patternOf(s: Series, i: number): number {
  return s.faint ? STRIDE.length - 1 : Math.min(i, STRIDE.length - 1);
}

/**
 * The first panel of `figure` as lines of text, `size.columns` wide and
 * `size.rows` high; `paint[i]` colors series i (identity for plain text).
 */
export function figureToText(figure: Figure, size: TextSize, paint: ReadonlyArray<(s: string) => string> = [(s) => s]): string {
  const panel = figure.panels[0]!;
  const xs = axisScale(panel.x, 0, 1);
  const ys = axisScale(panel.y, 0, 1);
  const [x0, x1] = xs.domain() as [number, number];
  const [y0, y1] = ys.domain() as [number, number];
  const top = formatTick(y1);
  const bottom = formatTick(y0);
  const zero = y0 < 0 && y1 > 0 ? '0' : undefined;
  const gutter = Math.max(top.length, bottom.length) + 1;
  const rows = Math.max(size.rows - 3, 2);
  const cols = Math.max(size.columns - gutter - 1, 8);
  const canvas = new Canvas(cols, rows);
  const px = (x: number): number => ((x - x0) / (x1 - x0)) * (canvas.width - 1);
  const py = (y: number): number => ((y1 - y) / (y1 - y0)) * (canvas.height - 1);
  const listed = panel.series.filter((s) => !s.unlisted);
  // Drawn last to first, so the first series wins a shared cell's color.
  for (let i = panel.series.length - 1; i >= 0; i--) {
    const s = panel.series[i]!;
    const pattern = patternOf(s, Math.max(listed.indexOf(s), 0));
    if (s.kind === 'points') {
      for (const p of s.points) if (p !== undefined && p[1] >= y0 && p[1] <= y1) canvas.set(Math.round(px(p[0])), Math.round(py(p[1])), s.colorOf ?? i);
      continue;
    }
    const pts = clipLine(s.points, y0, y1);
    let count = 0;
    for (let k = 1; k < pts.length; k++) {
      const a = pts[k - 1];
      const b = pts[k];
      if (a === undefined || b === undefined) continue;
      count = rasterize(canvas, px(a[0]), py(a[1]), px(b[0]), py(b[1]), s.colorOf ?? i, STRIDE[pattern]!, count);
    }
  }
  const zeroRow = zero === undefined ? -1 : Math.floor(py(0) / 4);
  const lines: string[] = [];
  const paintOf = (series: number): ((s: string) => string) => paint[series % paint.length]!;
  for (let r = 0; r < rows; r++) {
    const label = r === 0 ? top : r === rows - 1 ? bottom : r === zeroRow ? zero! : '';
    let text = `${label.padStart(gutter - 1)} ${label === '' ? '│' : '┤'}`;
    let run = '';
    let runOwner = -2;
    for (let c = 0; c < cols; c++) {
      const cell = r * cols + c;
      const ch = canvas.bits[cell] === 0 ? ' ' : String.fromCharCode(BLANK + canvas.bits[cell]!);
      const owner = canvas.bits[cell] === 0 ? -1 : canvas.owner[cell]!;
      if (owner !== runOwner && run !== '') {
        text += runOwner < 0 ? run : paintOf(runOwner)(run);
        run = '';
      }
      runOwner = owner;
      run += ch;
    }
    text += runOwner < 0 ? run : paintOf(runOwner)(run);
    lines.push(text.trimEnd());
  }
  lines.push(`${' '.repeat(gutter)}└${'─'.repeat(cols)}`);
  const left = formatTick(x0);
  const right = formatTick(x1);
  const name = panel.x.label;
  const middle = Math.max(cols - left.length - right.length, 2);
  const before = Math.max(Math.floor((middle - name.length) / 2), 1);
  lines.push(`${' '.repeat(gutter + 1)}${left}${' '.repeat(before)}${name}${' '.repeat(Math.max(middle - before - name.length, 1))}${right}`);
  const legend = listed.map((s) => {
    const i = panel.series.indexOf(s);
    const sample = s.kind === 'points' ? '⠶' : SAMPLE[patternOf(s, listed.indexOf(s))]!;
    return `${paintOf(i)(sample)} ${s.label}`;
  });
  lines.push(`${' '.repeat(gutter + 1)}${legend.join('   ')}`);
  return `${lines.join('\n')}\n`;
}
