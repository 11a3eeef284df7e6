// The Hessian as a labelled matrix for people, or as nested JSON objects (SPEC §4).
import type { Hessian } from '../calculus/hessian.js';
import { formatForPeople, jsonNumber } from './number.js';
import { jsonObject, type TextStyle } from './result.js';

/** Display width in code points (names may be Greek or CJK; close enough for alignment). */
const width = (s: string): number => [...s].length;
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - width(s))) + s;
const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

/**
 * `title:` then a header row of column names and one row per row name,
 * columns right-aligned (the Hessian's and the Jacobian's layout).
 */
export function formatMatrix(title: string, rowNames: readonly string[], colNames: readonly string[],
  rows: ReadonlyArray<ArrayLike<number>>, style: TextStyle, digits?: number): string {
  const cells = rowNames.map((_, i) => Array.from(rows[i]!, (x) => formatForPeople(x, digits)));
  const labelWidth = Math.max(0, ...rowNames.map(width));
  const colWidth = colNames.map((name, j) => Math.max(width(name), ...cells.map((row) => width(row[j]!))));
  let out = `${style.name(title)}:\n`;
  if (rowNames.length === 0 || colNames.length === 0) return out;
  out += `  ${' '.repeat(labelWidth)}${colNames.map((name, j) => `  ${style.name(padStart(name, colWidth[j]!))}`).join('')}\n`;
  for (let i = 0; i < rowNames.length; i++) {
    const row = cells[i]!.map((c, j) => `  ${style.number(padStart(c, colWidth[j]!))}`).join('');
    out += `  ${style.name(padEnd(rowNames[i]!, labelWidth))}${row}\n`;
  }
  return out;
}

/**
 * `Hessian of f:` then a header row of names and one row per variable, columns
 * right-aligned.
 */
export function formatHessian(h: Hessian, output: string, style: TextStyle, digits?: number): string {
  return formatMatrix(`Hessian of ${output}`, h.names, h.names, h.rows, style, digits);
}

/** What hessianJson reads: names and rows (plain arrays, or the typed rows of a HessianTape). */
export interface HessianMatrix {
  readonly names: readonly string[];
  readonly rows: ReadonlyArray<ArrayLike<number>>;
}

/** `{"x1":{"x1":…,"x2":…},…}` with full precision. */
export function hessianJson(h: HessianMatrix): string {
  return jsonObject(h.names.map((name, i) =>
    [name, jsonObject(h.names.map((other, j) => [other, jsonNumber(h.rows[i]![j]!)] as const))] as const));
}
