// Data rows into columns: the --points reader (CSV with a header, or JSON
// Lines) read once, the columns a caller asks for kept as growing
// Float64Arrays, bound by the shared row binding, with each row's line.
import { PointsReader, type PointsSink } from './points-reader.js';
import { RowBinding } from './row-binding.js';

/** Columns of numbers by name, with the input line of each row. */
export interface DataColumns {
  readonly names: readonly string[];
  /** The other columns of the header (or the first JSON row), not read. */
  readonly unread: readonly string[];
  readonly values: readonly Float64Array[];
  readonly rows: number;
  /** The physical line of each row (1-based). */
  readonly lines: Int32Array;
}

/**
 * Reads every row of `input`. `choose` gets the header's names (or the first
 * JSON row's keys) and returns the ones to keep; the others are skipped.
 * `onChunk` runs after each chunk (a progress report). With `shared` the
 * columns live in SharedArrayBuffers, which worker threads read without a copy.
 */
export async function readColumns(input: AsyncIterable<Buffer | string>, where: string,
  choose: (columns: readonly string[]) => readonly string[], onChunk?: (rows: number) => void,
  { shared = false }: { readonly shared?: boolean } = {}): Promise<DataColumns> {
  const column = (length: number): Float64Array => (shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length));
  let names: readonly string[] = [];
  let unread: readonly string[] = [];
  let values: Float64Array[] = [];
  let lines = new Int32Array(1024);
  let rows = 0;
  let binding: RowBinding | undefined;
  let row = new Float64Array(0);
  const fail = (message: string): never => reader.fail(message);
  const bind = (columns: readonly string[]): RowBinding => {
    const kept = new Set(choose(columns));
    names = columns.filter((c, i) => kept.has(c) && columns.indexOf(c) === i);
    unread = columns.filter((c) => !kept.has(c));
    values = names.map(() => column(1024));
    row = new Float64Array(names.length);
    // The first row's keys are the columns: every row must give them all.
    return new RowBinding(names.map((n, i) => [n, i] as const), new Map(), fail, () => 'the first row has this key: every row must give it');
  };
  const append = (line: number): void => {
    if (rows === lines.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, b: T): T => { b.set(a); return b; };
      lines = grow(lines, new Int32Array(2 * rows));
      values = values.map((v) => grow(v, column(2 * rows)));
    }
    for (let k = 0; k < names.length; k++) values[k]![rows] = row[k]!;
    lines[rows++] = line;
  };
  const sink: PointsSink = {
    header(columns) {
      binding = bind(columns);
      return binding.header(columns);
    },
    csvRow(fields, line) {
      binding!.csvRow(fields, row);
      append(line);
    },
    jsonRow(keys, fields, numeric, count, line) {
      binding ??= bind(keys.slice(0, count));
      binding.jsonRow(keys, fields, numeric, count, line, row);
      append(line);
    },
  };
  const reader = new PointsReader(sink, where);
  for await (const chunk of input) {
    reader.push(chunk);
    onChunk?.(reader.rows);
  }
  reader.end();
  return { names, unread, values: values.map((v) => v.subarray(0, rows)), rows, lines: lines.subarray(0, rows) };
}
