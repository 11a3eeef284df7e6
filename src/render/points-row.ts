// One output line per --points row: CSV (`f,df/dx,df/dy`, with the output's
// name for f) or a SPEC §4 JSON object. The constant parts of a line are built
// once; a row only formats its numbers.
import { formatNumber, jsonNumber } from './number.js';

/** Extra per-row results after the gradient (the hook --hessian plugs into). */
export interface RowExtra {
  /** CSV header cells appended after the gradient columns. */
  readonly csvHeader: readonly string[];
  /** This row's CSV cells, each with its leading comma. */
  csvCells(): string;
  /** This row's extra SPEC §4 entries (key, JSON text). */
  jsonEntries(): ReadonlyArray<readonly [string, string]>;
}

export interface RowFormat {
  /** The CSV header line (with its newline), or '' for JSON Lines. */
  readonly header: string;
  /** The line for one row: the value, then grad[targets[k]] for each target. */
  row(value: number, grad: Float64Array, targets: Int32Array): string;
}

/** CSV: `L,dL/da,dL/db` then one line of numbers per row (full precision, NaN and ±Infinity as words). */
export function csvFormat(output: string, wrt: readonly string[], extra?: RowExtra): RowFormat {
  const cells = [output, ...wrt.map((n) => `d${output}/d${n}`), ...(extra?.csvHeader ?? [])];
  return {
    header: `${cells.join(',')}\n`,
    row(value, grad, targets) {
      let s = formatNumber(value);
      for (let k = 0; k < targets.length; k++) s += `,${formatNumber(grad[targets[k]!]!)}`;
      if (extra !== undefined) s += extra.csvCells();
      return `${s}\n`;
    },
  };
}

/** JSON Lines: `{"output":"f","value":…,"gradient":{…}}` per row, keys written with JSON.stringify. */
export function jsonLinesFormat(output: string, wrt: readonly string[], extra?: RowExtra): RowFormat {
  const head = `{"output":${JSON.stringify(output)},"value":`;
  const keys = wrt.map((n, k) => `${k === 0 ? '' : ','}${JSON.stringify(n)}:`);
  return {
    header: '',
    row(value, grad, targets) {
      let s = `${head}${jsonNumber(value)},"gradient":{`;
      for (let k = 0; k < targets.length; k++) s += keys[k]! + jsonNumber(grad[targets[k]!]!);
      s += '}';
      if (extra !== undefined) for (const [key, json] of extra.jsonEntries()) s += `,${JSON.stringify(key)}:${json}`;
      return `${s}}\n`;
    },
  };
}
