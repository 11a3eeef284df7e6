// The streaming reader of --points input: CSV with a header of names, or JSON
// Lines objects, told apart by the first non-blank character ('{' is JSON).
// Bytes arrive in large chunks; complete lines are split and parsed in one
// synchronous pass per chunk, so there is no promise per line. Line numbers
// count physical lines from 1 (the CSV header is line 1). Blank lines are
// skipped; a CR before the LF is dropped.
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';
import { quoteText } from '../syntax/unshowable.js';
import { parseNumberField } from './number-field.js';

/** Where parsed rows go. Buffers passed in are reused: read them before returning. */
export interface PointsSink {
  /**
   * CSV only: the header's column names (trimmed, quotes removed), on `line`.
   * Returns which columns are used; the others are not parsed at all.
   */
  header(names: readonly string[], line: number): readonly boolean[];
  /** A CSV row: one value per header column (unused columns hold NaN). */
  csvRow(values: Float64Array, line: number): void;
  /**
   * A JSON Lines row: the object's entries in the object's order, `count` of
   * them. `numeric[k]` is 0 when the value is not a number (values[k] is NaN).
   */
  jsonRow(keys: readonly string[], values: Float64Array, numeric: Uint8Array, count: number, line: number): void;
}

export type PointsFormat = 'csv' | 'jsonl';

const JSON_SPECIAL: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity],
]);

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}


export class PointsReader {
  /** Detected from the first non-blank character; undefined until then. */
  format: PointsFormat | undefined;
  /** The number of the last physical line read. */
  line = 0;
  /** Data rows handed to the sink. */
  rows = 0;
  /** The first non-blank line (the CSV header, or the first JSON row) and its number, once read. */
  firstLine: { readonly text: string; readonly line: number } | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private columns = 0;
  private values = new Float64Array(0);
  private names: readonly string[] = [];
  private used: readonly boolean[] = [];
  private keys: string[] = [];
  private numeric = new Uint8Array(0);
  private atStart = true;

  /** `where` names the input in messages (already escaped: it is shown as it is). */
  constructor(private readonly sink: PointsSink, private readonly where: string) {}

  /** Parses every complete line of `chunk` (plus what was carried over). */
  push(chunk: Uint8Array | string): void {
    let text = this.carry + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    if (this.atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.atStart = false;
    }
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      this.carry = text;
      return;
    }
    this.carry = text.slice(last + 1);
    this.lines(text, last + 1);
  }

  /** Parses the last line, if it had no line break. */
  end(): void {
    const text = this.carry + this.decoder.end();
    this.carry = '';
    if (text.length > 0) this.lines(`${text}\n`, text.length + 1);
  }

  /** Throws the input error for the current line. */
  fail(message: string): never {
    throw new InputError(`${this.where}:${this.line}: ${message}`, this.line);
  }

  /** Lines of `text[0, limit)`, each ending in '\n'. */
  private lines(text: string, limit: number): void {
    let pos = 0;
    while (pos < limit) {
      const nl = text.indexOf('\n', pos);
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      this.line++;
      if (this.format === 'csv') this.csvLine(text, pos, end);
      else if (this.format === 'jsonl') this.jsonLine(text, pos, end);
      else if (!isBlank(text, pos, end)) this.first(text, pos, end);
      pos = nl + 1;
    }
  }

  private first(text: string, start: number, end: number): void {
    this.firstLine = { text: text.slice(start, end), line: this.line };
    let i = start;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) === 123 /* { */) {
      this.format = 'jsonl';
      this.jsonLine(text, start, end);
      return;
    }
    this.format = 'csv';
    const names = text.slice(start, end).split(',').map(unquote);
    this.names = names;
    this.columns = names.length;
    this.values = new Float64Array(names.length).fill(NaN);
    this.used = this.sink.header(names, this.line);
  }

  private csvLine(text: string, start: number, end: number): void {
    if (isBlank(text, start, end)) return;
    const values = this.values;
    const n = this.columns;
    let p = start;
    for (let c = 0; c < n; c++) {
      let q = c === n - 1 ? end : text.indexOf(',', p);
      if (q === -1 || q > end) this.wrongCount(text, start, end);
      if (c === n - 1) {
        const extra = text.indexOf(',', p);
        if (extra !== -1 && extra < end) this.wrongCount(text, start, end);
        q = end;
      }
      if (this.used[c] === true) {
        const v = parseNumberField(text, p, q);
        if (v === undefined) this.fail(`'${quoteText(text.slice(p, q).trim())}' in column '${quoteText(this.names[c]!)}' is not a number`);
        values[c] = v;
      }
      p = q + 1;
    }
    this.rows++;
    this.sink.csvRow(values, this.line);
  }

  private wrongCount(text: string, start: number, end: number): never {
    let found = 1;
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === 44) found++;
    this.fail(`expected ${this.columns} values (one per header column), found ${found}`);
  }

  private jsonLine(text: string, start: number, end: number): void {
    if (isBlank(text, start, end)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start, end));
    } catch {
      this.fail('not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) this.fail('expected a JSON object');
    // JSON.parse makes every key an own data property, `__proto__` included.
    const entries = Object.entries(parsed as Record<string, unknown>);
    if (this.values.length < entries.length) {
      this.values = new Float64Array(entries.length * 2);
      this.numeric = new Uint8Array(entries.length * 2);
    }
    const keys = this.keys;
    keys.length = entries.length;
    for (let k = 0; k < entries.length; k++) {
      const [key, raw] = entries[k]!;
      let v: number | undefined;
      if (typeof raw === 'number') v = raw;
      else if (typeof raw === 'string') v = JSON_SPECIAL.get(raw);
      keys[k] = key;
      this.values[k] = v ?? NaN;
      this.numeric[k] = v === undefined ? 0 : 1;
    }
    this.rows++;
    this.sink.jsonRow(keys, this.values, this.numeric, entries.length, this.line);
  }
}
