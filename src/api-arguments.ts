// The library's boundary: the arguments of parse, evaluate, gradient, diff and
// hessian are checked here, and wrong ones get typed errors that speak of the
// library's own parameters (`point`, `wrt`), never of CLI flags.
import { ArgumentError, describeArgument, NameError } from './errors.js';
import { freeVariables, type Built } from './graph/build.js';
import type { TargetChoice } from './graph/targets.js';
import type { Program } from './syntax/ast.js';
import { parse } from './syntax/parser.js';
import { suggest } from './syntax/suggest.js';
import { quoteText } from './syntax/unshowable.js';

/** The program argument: source text (parsed here) or a parsed Program. */
export function programArgument(p: unknown): Program {
  if (typeof p === 'string') return parse(p);
  const program = p as Partial<Program> | null | undefined;
  if (program !== null && typeof program === 'object' && Array.isArray(program.statements) && Array.isArray(program.nodes)) {
    return program as Program;
  }
  throw new ArgumentError(`program must be source text or a Program from parse(), got ${describeArgument(p)}`);
}

/** The point argument: a Map or a plain object from names to numbers (NaN and ±Infinity are numbers); none is an empty point. */
export function pointArgument(at: unknown): ReadonlyMap<string, number> {
  if (at === undefined) return new Map();
  if (at === null || typeof at !== 'object' || Array.isArray(at)) {
    throw new ArgumentError(`point must be a Map or a plain object of numbers, like { x: 1 }, got ${describeArgument(at)}`);
  }
  const entries: Array<[unknown, unknown]> = at instanceof Map ? [...at] : Object.entries(at);
  for (const [name, value] of entries) {
    if (typeof name !== 'string') throw new ArgumentError(`point has a name that is not a string: ${describeArgument(name)}`);
    if (typeof value !== 'number') {
      throw new ArgumentError(`point gives '${quoteText(name)}' ${describeArgument(value)}: a value must be a number`);
    }
  }
  return at instanceof Map ? (at as ReadonlyMap<string, number>) : new Map(entries as Array<[string, number]>);
}

/** The choice argument of gradient, diff and hessian: `wrt` an array of names, `all` a boolean. */
export function choiceArgument(choice: unknown): TargetChoice {
  if (choice === undefined) return {};
  if (choice === null || typeof choice !== 'object' || Array.isArray(choice)) {
    throw new ArgumentError(`the options must be an object like { wrt: ['x'] }, got ${describeArgument(choice)}`);
  }
  const { wrt, all } = choice as { wrt?: unknown; all?: unknown };
  if (wrt !== undefined) {
    if (!Array.isArray(wrt)) throw new ArgumentError(`wrt must be an array of names, like ['x'], got ${describeArgument(wrt)}`);
    for (const name of wrt) if (typeof name !== 'string') throw new ArgumentError(`wrt holds ${describeArgument(name)}: every entry must be a name`);
  }
  if (all !== undefined && typeof all !== 'boolean') throw new ArgumentError(`all must be true or false, got ${describeArgument(all)}`);
  return choice as TargetChoice;
}

/** Throws NameError when the point lacks a variable of the program (with "did you mean" from the point's unused names). */
export function checkPoint(program: Program, at: ReadonlyMap<string, number>): void {
  const free = freeVariables(program, new Set(at.keys()));
  const missing = free.filter((n) => !at.has(n));
  if (missing.length === 0) return;
  const used = new Set(free);
  const near = suggest(missing[0] ?? '', [...at.keys()].filter((n) => !used.has(n)));
  const shown = missing.slice(0, 10).map((n) => `'${quoteText(n)}'`).join(', ');
  const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
  throw new NameError({ problem: `the point has no value for ${missing.length === 1 ? 'variable' : 'variables'} ${shown}${more}`, suggestions: near });
}

/** Throws NameError for a `wrt` name that is neither a variable nor a named node; with `variablesOnly`, for a named node too. */
export function checkWrt(built: Built, wrt: readonly string[] | undefined, variablesOnly = false): void {
  for (const name of wrt ?? []) {
    if (built.variables.has(name)) continue;
    if (built.named.has(name)) {
      if (!variablesOnly) continue;
      throw new NameError({ problem: `wrt names '${quoteText(name)}', a named node: the Hessian is over variables only` });
    }
    const near = suggest(name, [...built.variables.keys(), ...(variablesOnly ? [] : built.named.keys())]);
    throw new NameError({ problem: `wrt names '${quoteText(name)}', which is neither a variable nor a named node of the program`, suggestions: near });
  }
}

/** The choice argument of jacobian and jvp: `of` a non-empty array of names, `mode` 'reverse' or 'forward'. */
export function jacobianArgument(choice: unknown): void {
  if (choice === null || typeof choice !== 'object' || Array.isArray(choice)) {
    throw new ArgumentError(`the options must be an object like { of: ['u', 'v'] }, got ${describeArgument(choice)}`);
  }
  const { of, mode, ...rest } = choice as { of?: unknown; mode?: unknown };
  choiceArgument(rest);
  if (!Array.isArray(of) || of.length === 0) {
    throw new ArgumentError(`of must be a non-empty array of output names, like ['u', 'v'], got ${describeArgument(of)}`);
  }
  for (const name of of) if (typeof name !== 'string') throw new ArgumentError(`of holds ${describeArgument(name)}: every entry must be a name`);
  if (mode !== undefined && mode !== 'reverse' && mode !== 'forward') {
    throw new ArgumentError(`mode must be 'reverse' or 'forward', got ${describeArgument(mode)}`);
  }
}

/** The tangent of jvp as one number per variable, in `names` order; a name that is no variable is a NameError. */
export function tangentArgument(tangent: ReadonlyMap<string, number>, names: readonly string[]): Float64Array {
  const index = new Map(names.map((n, j) => [n, j]));
  const out = new Float64Array(names.length);
  for (const [name, value] of tangent) {
    const j = index.get(name);
    if (j === undefined) {
      throw new NameError({ problem: `tangent names '${quoteText(name)}', which is not a variable of the program`, suggestions: suggest(name, names) });
    }
    out[j] = value;
  }
  return out;
}

/** Fit data: columns ({ x: [...], y: [...] }, arrays or Float64Arrays of one length) or rows ([{ x, y }, ...]). */
export function fitDataArgument(data: unknown): { names: string[]; values: Float64Array[]; rows: number } {
  if (Array.isArray(data)) {
    const names: string[] = [];
    for (const [i, row] of data.entries()) {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new ArgumentError(`data row ${i + 1} is ${describeArgument(row)}: every row must be an object of numbers, like { x: 1, y: 2 }`);
      }
      if (i === 0) names.push(...Object.keys(row));
    }
    const values = names.map((name) => Float64Array.from(data as Array<Record<string, unknown>>, (row, i) => {
      const v = Object.prototype.hasOwnProperty.call(row, name) ? row[name] : undefined;
      if (typeof v !== 'number') throw new ArgumentError(`data row ${i + 1} gives '${quoteText(name)}' ${describeArgument(v)}: a value must be a number`);
      return v;
    }));
    return { names, values, rows: data.length };
  }
  if (data === null || typeof data !== 'object') {
    throw new ArgumentError(`data must be columns like { x: [1, 2], y: [3, 4] } or rows like [{ x: 1, y: 3 }], got ${describeArgument(data)}`);
  }
  const names = Object.keys(data);
  const values = names.map((name) => {
    const column = (data as Record<string, unknown>)[name];
    if (!(column instanceof Float64Array) && !Array.isArray(column)) {
      throw new ArgumentError(`data column '${quoteText(name)}' is ${describeArgument(column)}: a column must be an array of numbers`);
    }
    const bad = (column as ArrayLike<unknown>).length === 0 ? -1 : Array.from(column as ArrayLike<unknown>).findIndex((v) => typeof v !== 'number');
    if (bad >= 0) throw new ArgumentError(`data column '${quoteText(name)}' holds ${describeArgument((column as unknown[])[bad])} at row ${bad + 1}: a value must be a number`);
    return Float64Array.from(column as ArrayLike<number>);
  });
  const rows = values[0]?.length ?? 0;
  const uneven = names.findIndex((_, k) => values[k]!.length !== rows);
  if (uneven >= 0) throw new ArgumentError(`data column '${quoteText(names[uneven]!)}' has ${values[uneven]!.length} rows, '${quoteText(names[0]!)}' has ${rows}: columns must be equally long`);
  return { names, values, rows };
}
