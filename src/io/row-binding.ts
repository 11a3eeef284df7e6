// Data rows to variables: which CSV column or JSON key gives each variable its
// value, for every command that reads rows (eval --points; fit). Columns that
// no variable uses are ignored; a variable that is neither a column nor given
// by --at is an error naming it, with "did you mean" against the columns. A
// column named like a constant (e, pi) the program reads shadows it, as --at does.
import { freeVariables } from '../graph/build.js';
import type { Program } from '../syntax/ast.js';
import { didYouMean, suggest } from '../syntax/suggest.js';
import { quoteText } from '../syntax/unshowable.js';

/** Reports a bad header or row; the caller adds the line number. */
export type RowFail = (message: string) => never;

/**
 * The constants the program reads (`e`, `pi`) that `columns` name and --at
 * does not: each becomes a variable, its value read from the rows.
 */
export function shadowedConstants(program: Program, at: ReadonlyMap<string, number>, columns: Iterable<string>): string[] {
  const before = new Set(freeVariables(program, new Set(at.keys())));
  const given = new Set(at.keys());
  for (const c of columns) given.add(c);
  return freeVariables(program, given).filter((name) => !before.has(name));
}

const list = (names: readonly string[]): string => names.map((n) => `'${quoteText(n)}'`).join(', ');

/** Where the values of each row go: one slot of a data array per variable. */
export class RowBinding {
  private readonly names: readonly string[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly slots: Int32Array;
  private readonly defaults: Float64Array;
  /** 1 when the rows must give the variable (--at does not). */
  private readonly required: Uint8Array;
  /** The line that last gave each variable (JSON Lines). */
  private readonly seen: Int32Array;
  /** For each used column, the slot it fills. */
  private columnSlots = new Int32Array(0);
  /** The used columns, in order. */
  private usedColumns = new Int32Array(0);

  /**
   * `variables`: each variable's name and its slot in the data array, in
   * program order; `at`: values the rows need not give.
   */
  constructor(variables: Iterable<readonly [string, number]>, at: ReadonlyMap<string, number>, private readonly fail: RowFail,
    /** What to do about a key a JSON row lacks (default: give it in every row or with --at). */
    private readonly missingAdvice: (name: string) => string = (name) => `give it in every row or with --at ${quoteText(name)}=…`) {
    const pairs = [...variables];
    this.names = pairs.map(([name]) => name);
    this.index = new Map(this.names.map((n, i) => [n, i]));
    this.slots = Int32Array.from(pairs, ([, slot]) => slot);
    this.defaults = Float64Array.from(this.names, (n) => at.get(n) ?? NaN);
    this.required = Uint8Array.from(this.names, (n) => (at.has(n) ? 0 : 1));
    this.seen = new Int32Array(pairs.length);
  }

  /** Binds a CSV header; returns which columns are read (the rest are skipped). */
  header(columns: readonly string[]): boolean[] {
    const given = new Uint8Array(this.names.length);
    const used: boolean[] = [];
    const slots: number[] = [];
    columns.forEach((column, c) => {
      const v = this.index.get(column);
      used.push(v !== undefined);
      if (v === undefined) return;
      if (given[v] === 1) this.fail(`column '${quoteText(column)}' appears twice in the header`);
      given[v] = 1;
      slots.push(c, this.slots[v] ?? -1);
    });
    const missing = this.names.filter((_, v) => this.required[v] === 1 && given[v] === 0);
    if (missing.length === 1) {
      const name = missing[0] ?? '';
      const unused = columns.filter((_, c) => used[c] !== true);
      this.fail(`no value for variable '${quoteText(name)}'${didYouMean(suggest(name, unused))}: `
        + 'not a column of the header, and --at does not give it');
    }
    if (missing.length > 1) {
      this.fail(`no value for variables ${list(missing.slice(0, 10))}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}: `
        + 'not columns of the header, and --at does not give them');
    }
    this.usedColumns = Int32Array.from({ length: slots.length / 2 }, (_, k) => slots[2 * k] ?? 0);
    this.columnSlots = Int32Array.from({ length: slots.length / 2 }, (_, k) => slots[2 * k + 1] ?? 0);
    return used;
  }

  /** Writes the used values of a CSV row (indexed by column) into `data`. */
  csvRow(values: Float64Array, data: Float64Array): void {
    const used = this.usedColumns;
    const slots = this.columnSlots;
    for (let k = 0; k < used.length; k++) data[slots[k]!] = values[used[k]!]!;
  }

  /**
   * Writes a JSON Lines row into `data`: --at values first, then the row's
   * keys that name variables; a key the program does not read is skipped.
   */
  jsonRow(keys: readonly string[], values: Float64Array, numeric: Uint8Array, count: number, line: number, data: Float64Array): void {
    const slots = this.slots;
    for (let v = 0; v < slots.length; v++) data[slots[v]!] = this.defaults[v]!;
    for (let k = 0; k < count; k++) {
      const v = this.index.get(keys[k]!);
      if (v === undefined) continue;
      if (numeric[k] === 0) this.fail(`the value of "${quoteText(keys[k]!)}" is not a number`);
      data[slots[v]!] = values[k]!;
      this.seen[v] = line;
    }
    for (let v = 0; v < slots.length; v++) {
      if (this.required[v] === 1 && this.seen[v] !== line) {
        const name = this.names[v] ?? '';
        const near = didYouMean(suggest(name, keys.slice(0, count).filter((key) => !this.index.has(key))));
        this.fail(`missing "${quoteText(name)}"${near} (${this.missingAdvice(name)})`);
      }
    }
  }
}
