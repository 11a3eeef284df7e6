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

/** A header and one aligned row per entry: analytic, numeric, absolute and relative error, ok/FAIL. */
export function formatCheck(entries: readonly CheckEntry[], output: string, tolerance: number,
  style: CheckStyle, digits?: number): string {
  const rows = entries.map((e) => [
    `∂${output}/∂${e.name}`, formatForPeople(e.analytic, digits), formatForPeople(e.numeric, digits),
    err(e.absolute), err(e.relative),
  ]);
  const head = ['', 'analytic', 'numeric', 'abs error', 'rel error'];
  const widths = head.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...r[c]!].length)));
  const pad = (s: string, c: number): string => s + ' '.repeat(widths[c]! - [...s].length);
  let text = `${style.dim(`check: central differences, tolerance ${tolerance < 1e-3 ? tolerance.toExponential() : tolerance} relative`)}\n`;
  text += `  ${head.map(pad).join('  ').trimEnd()}\n`;
  entries.forEach((e, i) => {
    const verdict = e.ok ? 'ok' : style.error('FAIL');
    text += `  ${style.name(pad(rows[i]![0]!, 0))}  ${rows[i]!.slice(1).map((s, c) => pad(s, c + 1)).join('  ')}  ${verdict}\n`;
  });
  return text;
}

/** `{"x1":{"numeric":…,"error":…,"absolute":…,"ok":true},…}`; `error` is the relative error. */
export function checkJson(entries: readonly CheckEntry[]): string {
  return jsonObject(entries.map((e) => [e.name, jsonObject([
    ['numeric', jsonNumber(e.numeric)],
    ['error', jsonNumber(e.relative)],
    ['absolute', jsonNumber(e.absolute)],
    ['ok', String(e.ok)],
  ])] as const));
}
