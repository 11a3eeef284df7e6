// From a parsed program and variable values to a Value graph: resolves names to
// earlier assignments, variables or constants, and reports missing and unused names.
import { NameError } from '../errors.js';
import { CONSTANTS } from '../ops/table.js';
import type { Program } from '../syntax/ast.js';
import { suggest } from '../syntax/suggest.js';
import { Graph, type Span, type Value } from './value.js';
import { quoteText } from '../syntax/unshowable.js';

/** How many unused --at names get "did you mean" candidates. */
const SUGGESTED_UNUSED = 10;

/** A program's Value graph at a point, with its output, variables and named nodes. */
export interface Built {
  readonly program: Program;
  /** Every node, in creation (topological) order. */
  readonly graph: Graph;
  /** The last statement's node. */
  readonly output: Value;
  /** The output's name: the last statement's name, or `f`. */
  readonly outputName: string;
  /** Variables in order of first appearance. */
  readonly variables: ReadonlyMap<string, Value>;
  /** Named intermediate nodes (`d = e + c`), in program order; the last binding of a name wins. */
  readonly named: ReadonlyMap<string, Value>;
  /** `at` names the program does not use, each with "did you mean" candidates. */
  readonly unused: ReadonlyArray<{ readonly name: string; readonly suggestions: readonly string[] }>;
}

/**
 * The names a program reads from outside, in order of first appearance.
 * Constants (`pi`, `e`) count only when in `given` or assigned somewhere.
 *
 * @example
 * freeVariables(parse('y = x*2; y + z + pi')) // ['x', 'z']
 * freeVariables(parse('e*x'), new Set(['e'])) // ['e', 'x']
 */
export function freeVariables(program: Program, given: ReadonlySet<string> = new Set()): string[] {
  const assignedAnywhere = new Set<string>();
  for (const s of program.statements) if (s.name !== undefined) assignedAnywhere.add(s.name);
  const bound = new Set<string>();
  const free = new Set<string>();
  let next = 0;
  for (const s of program.statements) {
    for (; next <= s.root; next++) {
      const node = program.nodes[next]!;
      if (node.kind !== 'name' || bound.has(node.name) || free.has(node.name)) continue;
      if (CONSTANTS.has(node.name) && !given.has(node.name) && !assignedAnywhere.has(node.name)) continue;
      free.add(node.name);
    }
    if (s.name !== undefined) bound.add(s.name);
  }
  return [...free];
}

/** Options of {@link build}. */
export interface BuildOptions {
  /**
   * Compute forward values as nodes are made (default true); false leaves op
   * nodes' data NaN, for a caller that runs the engine itself.
   */
  readonly evaluate?: boolean;
}

/**
 * Builds the graph of `program` with variables taken from `at` (forward values
 * are computed as nodes are made). Throws NameError when a variable has no value.
 *
 * @example
 * const built = build(parse('d = a*b; d + c'), new Map([['a', 2], ['b', 3], ['c', 4]]));
 * built.output.data // 10
 * built.outputName // 'f'
 * Array.from(built.variables.keys()) // ['a', 'b', 'c']
 * Array.from(built.named.keys()) // ['d']
 */
export function build(program: Program, at: ReadonlyMap<string, number>, options: BuildOptions = {}): Built {
  const given = new Set(at.keys());
  const free = freeVariables(program, given);
  const missing = free.filter((n) => !at.has(n));
  const usedSet = new Set(free);
  const unusedNames = [...at.keys()].filter((n) => !usedSet.has(n));
  if (missing.length > 0) throw missingError(missing, unusedNames);

  const graph = new Graph({ evaluate: options.evaluate ?? true });
  const variables = new Map<string, Value>();
  const named = new Map<string, Value>();
  const bound = new Map<string, Value>();
  const values: Value[] = new Array<Value>(program.nodes.length);
  let next = 0;
  for (const s of program.statements) {
    for (; next <= s.root; next++) {
      const node = program.nodes[next]!;
      // NOTE: the AST node itself is the span (it has start and end): no object per node.
      const span: Span = node;
      if (node.kind === 'number') values[next] = graph.constant(node.value, undefined, span);
      else if (node.kind === 'op') values[next] = graph.apply(node.op, node.args.map((a) => values[a]!), span);
      else {
        const name = node.name;
        let v = bound.get(name) ?? variables.get(name);
        if (v === undefined) {
          const given = at.get(name);
          if (given !== undefined && usedSet.has(name)) {
            v = graph.variable(name, given, span);
            variables.set(name, v);
          } else v = graph.constant(CONSTANTS.get(name)!, name, span);
        }
        values[next] = v;
      }
    }
    if (s.name !== undefined) {
      const v = values[s.root]!;
      graph.name(v, s.name);
      bound.set(s.name, v);
      named.delete(s.name);
      named.set(s.name, v);
    }
  }
  const last = program.statements[program.statements.length - 1]!;
  // NOTE: "did you mean" for the first few only: each costs a pass over every variable.
  const unused = unusedNames.map((name, i) => ({ name, suggestions: i < SUGGESTED_UNUSED ? suggest(name, free) : [] }));
  return {
    program, graph, output: values[last.root]!, outputName: last.name ?? 'f', variables, named, unused,
  };
}

function missingError(missing: readonly string[], unused: readonly string[]): NameError {
  if (missing.length === 1) {
    const name = missing[0]!;
    return new NameError({
      problem: `no value for variable '${quoteText(name)}'`, suggestions: suggest(name, unused), from: 'from --at',
      advice: `give it with --at ${quoteText(name)}=…`,
    });
  }
  // NOTE: a long list is cut, so a program of a million unknown names gives one readable line.
  const shown = missing.slice(0, 10).map((n) => `'${quoteText(n)}'`).join(', ');
  const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
  return new NameError({ problem: `no value for variables ${shown}${more}`, advice: 'give them with --at' });
}
