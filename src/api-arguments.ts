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
