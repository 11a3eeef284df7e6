// --points --hessian: the Hessian as extra cells of each output row. JSON Lines
// rows get the same "hessian" object as `eval --json --hessian`; CSV rows get
// one column per entry of the upper triangle, row by row (the matrix is
// symmetric, so the lower triangle would only repeat it): for variables x, y
// the columns are `d2f/dxdx,d2f/dxdy,d2f/dydy`.
import { hessianJson, type HessianMatrix } from './hessian.js';
import { formatNumber } from './number.js';
import type { RowExtra } from './points-row.js';

/** The CSV header cells for the Hessian of `output` over `names`: `d2f/dxdy` for i ≤ j. */
export function hessianCsvHeader(output: string, names: readonly string[]): string[] {
  const cells: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) cells.push(`d2${output}/d${names[i]}d${names[j]}`);
  }
  return cells;
}

/** Row cells read from `h` when the row is written (the caller fills h.rows for the row first). */
export function hessianRowExtra(output: string, h: HessianMatrix): RowExtra {
  const n = h.names.length;
  return {
    csvHeader: hessianCsvHeader(output, h.names),
    csvCells() {
      let s = '';
      for (let i = 0; i < n; i++) {
        const row = h.rows[i]!;
        for (let j = i; j < n; j++) s += `,${formatNumber(row[j]!)}`;
      }
      return s;
    },
    jsonEntries() {
      return [['hessian', hessianJson(h)]];
    },
  };
}
