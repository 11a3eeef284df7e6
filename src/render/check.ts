// --check for people (a table beside the gradient) and as the SPEC §4 `check` object.
import type { CheckEntry } from '../calculus/check.js';
import { formatForPeople, jsonNumber } from './number.js';
import { jsonObject } from './result.js';

export interface CheckStyle {
  readonly name: (s: string) => string;
  readonly error: (s: string) => string;
  readonly dim: (s: string) => string;
}

const err = (x: number): string => (x === 0 || !Number.isFinite(x) ? String(x) : x.toExponential(1));

/**
 * A header, a line per kink with its one-sided slopes, then one aligned row
 * per entry: analytic, numeric, the numeric value's own uncertainty, absolute
 * and relative error, ok/FAIL.
 */
export function formatCheck(entries: readonly CheckEntry[], output: string, tolerance: number,
  style: CheckStyle, digits?: number): string {
  const rows = entries.map((e) => [
    `∂${output}/∂${e.name}`, formatForPeople(e.analytic, digits), formatForPeople(e.numeric, digits),
    `±${err(e.uncertainty)}`, err(e.absolute), err(e.relative),
  ]);
  const head = ['', 'analytic', 'numeric', 'uncertainty', 'abs error', 'rel error'];
  const widths = head.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...r[c]!].length)));
  const pad = (s: string, c: number): string => s + ' '.repeat(widths[c]! - [...s].length);
  const shown = tolerance < 1e-3 ? tolerance.toExponential() : String(tolerance);
  let text = `${style.dim(`check: extrapolated central differences, tolerance ${shown} relative beyond their uncertainty`)}\n`;
  // The slopes are estimates: six digits unless a precision is asked for.
  const slope = (x: number): string => formatForPeople(x, digits ?? 6);
  for (const e of entries) {
    if (!e.kink) continue;
    text += `  ${style.name(`∂${output}/∂${e.name}`)}: not differentiable here (a kink): the slope is ` +
      `${slope(e.left)} from the left and ${slope(e.right)} from the right\n`;
  }
  text += `  ${head.map(pad).join('  ').trimEnd()}\n`;
  entries.forEach((e, i) => {
    const verdict = e.ok ? 'ok' : style.error('FAIL');
    text += `  ${style.name(pad(rows[i]![0]!, 0))}  ${rows[i]!.slice(1).map((s, c) => pad(s, c + 1)).join('  ')}  ${verdict}\n`;
  });
  return text;
}

/**
 * `{"x1":{"numeric":…,"error":…,"absolute":…,"uncertainty":…,"left":…,"right":…,"kink":false,"ok":true},…}`;
 * `error` is the relative error, `uncertainty` the numeric value's own estimated error.
 */
export function checkJson(entries: readonly CheckEntry[]): string {
  return jsonObject(entries.map((e) => [e.name, jsonObject([
    ['numeric', jsonNumber(e.numeric)],
    ['error', jsonNumber(e.relative)],
    ['absolute', jsonNumber(e.absolute)],
    ['uncertainty', jsonNumber(e.uncertainty)],
    ['left', jsonNumber(e.left)],
    ['right', jsonNumber(e.right)],
    ['kink', String(e.kink)],
    ['ok', String(e.ok)],
  ])] as const));
}
