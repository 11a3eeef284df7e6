// The values and Jacobian of several outputs (--of): text for people, the JSON
// object `{"outputs":[…],"values":{…},"jacobian":{…}}`, and the --points rows
// (CSV `u,v,du/dx,du/dy,dv/dx,dv/dy`, JSON Lines the same object per row).
import { formatMatrix } from './hessian.js';
import { formatForPeople, formatNumber, jsonNumber } from './number.js';
import type { RowFormat } from './points-row.js';
import { jsonObject, type TextStyle } from './result.js';

/** What the renderers read: names, values and rows (plain arrays or a JacobianTape's typed ones). */
export interface JacobianView {
  readonly outputs: readonly string[];
  /** Column names. */
  readonly names: readonly string[];
  readonly values: ArrayLike<number>;
  /** rows[i][j] = ∂outputs[i]/∂names[j]. */
  readonly rows: ReadonlyArray<ArrayLike<number>>;
}

/** `u = …` per output, then `Jacobian:` and the matrix (rows outputs, columns variables). */
export function formatJacobian(j: JacobianView, style: TextStyle, digits?: number): string {
  let out = '';
  for (let i = 0; i < j.outputs.length; i++) {
    out += `${style.name(j.outputs[i]!)} = ${style.number(formatForPeople(j.values[i]!, digits))}\n`;
  }
  return out + formatMatrix('Jacobian', j.outputs, j.names, j.rows, style, digits);
}

/** The entries of the JSON object after `outputs`: `values` and `jacobian`, full precision. */
export function jacobianJsonEntries(j: JacobianView): Array<readonly [string, string]> {
  return [
    ['outputs', `[${j.outputs.map((name) => JSON.stringify(name)).join(',')}]`],
    ['values', jsonObject(j.outputs.map((name, i) => [name, jsonNumber(j.values[i]!)] as const))],
    ['jacobian', jsonObject(j.outputs.map((name, i) =>
      [name, jsonObject(j.names.map((x, k) => [x, jsonNumber(j.rows[i]![k]!)] as const))] as const))],
  ];
}

/** The JSON object of eval --of (one line, no newline); `extra` appends further keys. */
export function jacobianJson(j: JacobianView, extra: ReadonlyArray<readonly [string, string]> = []): string {
  return jsonObject([...jacobianJsonEntries(j), ...extra]);
}

/** The CSV header cells: each output, then `du/dx` per output and column, row by row. */
export function jacobianCsvHeader(outputs: readonly string[], names: readonly string[]): string[] {
  return [...outputs, ...outputs.flatMap((u) => names.map((x) => `d${u}/d${x}`))];
}

/** One --points line per row, read from `j` (filled for the row first): the row's arguments are not read. */
type JacobianRowFormat = RowFormat;

/** CSV rows of the Jacobian: values then entries, full precision. */
export function jacobianCsvFormat(j: JacobianView): JacobianRowFormat {
  const m = j.outputs.length;
  const n = j.names.length;
  return {
    header: `${jacobianCsvHeader(j.outputs, j.names).join(',')}\n`,
    row() {
      let s = '';
      for (let i = 0; i < m; i++) s += `${i === 0 ? '' : ','}${formatNumber(j.values[i]!)}`;
      for (let i = 0; i < m; i++) {
        const row = j.rows[i]!;
        for (let k = 0; k < n; k++) s += `,${formatNumber(row[k]!)}`;
      }
      return `${s}\n`;
    },
  };
}

/** JSON Lines rows: the eval --of object per row. */
export function jacobianJsonLinesFormat(j: JacobianView): JacobianRowFormat {
  return { header: '', row: () => `${jacobianJson(j)}\n` };
}
