// The expression printer: a Value graph as a program of the language itself.
// Precedence, associativity and symbols come from the op table's infix/prefix
// fields (the parser reads the same fields), so the output always parses back
// to the same graph. A node used more than once becomes a named step
// (`t1 = exp(x)`), so a DAG prints in linear size instead of as a swelling tree.
import type { OpSpec } from '../ops/spec.js';
import { OPS, OP_NAMES } from '../ops/table.js';
import type { Value } from '../graph/value.js';
import { formatNumber } from './number.js';

/** Binds tighter than any operator: a name, a number, a call, a parenthesized group. */
const ATOM = Number.POSITIVE_INFINITY;

const NEG_PREC = OPS.neg.prefix!.precedence;
const DIV_PREC = OPS.div.infix!.precedence;
/** Operators of the lowest precedence (+ and -) get spaces around them. */
const LOWEST_INFIX = Math.min(...OP_NAMES.flatMap((n) => {
  const s: OpSpec = OPS[n];
  return s.infix ? [s.infix.precedence] : [];
}));

/** Default inline nesting limit: a deeper chain is cut into steps. */
export const MAX_INLINE_DEPTH = 200;

/** Options of {@link printExpression}. */
export interface PrintOptions {
  /** Names the steps must not take (the program's variables are always avoided). */
  readonly reserved?: ReadonlySet<string>;
  /** An inline subexpression nested deeper than this becomes a step. */
  readonly maxDepth?: number;
}

/** An expression printed as named steps plus a final expression (see formatProgram). */
export interface PrintedProgram {
  /** Named steps in order: [name, expression]. */
  readonly steps: ReadonlyArray<readonly [string, string]>;
  /** The final expression (the program's output). */
  readonly result: string;
}

interface Piece {
  readonly text: string;
  readonly prec: number;
  /** The text starts with a prefix operator (`-x*y`, `-3`). */
  readonly leadsWithPrefix: boolean;
  readonly depth: number;
}

function constantPiece(c: number): Piece {
  // NOTE: the language has no literal for NaN or ±Infinity; 0/0 and 1/0 evaluate to them.
  if (Number.isNaN(c)) return { text: '0/0', prec: DIV_PREC, leadsWithPrefix: false, depth: 0 };
  if (c === Infinity) return { text: '1/0', prec: DIV_PREC, leadsWithPrefix: false, depth: 0 };
  if (c === -Infinity) return { text: '-1/0', prec: DIV_PREC, leadsWithPrefix: true, depth: 0 };
  // A negative number prints as its negation, which is how it parses back.
  if (c < 0 || Object.is(c, -0)) return { text: `-${formatNumber(-c)}`, prec: NEG_PREC, leadsWithPrefix: true, depth: 0 };
  return { text: formatNumber(c), prec: ATOM, leadsWithPrefix: false, depth: 0 };
}

const paren = (p: Piece): string => `(${p.text})`;

function opPiece(node: Value, args: readonly Piece[]): Piece {
  const spec: OpSpec = OPS[node.op as keyof typeof OPS];
  let depth = 0;
  for (const a of args) depth = Math.max(depth, a.depth);
  depth++;
  if (spec.infix && args.length === 2) {
    const { symbol, precedence: p, assoc } = spec.infix;
    const [a, b] = args as [Piece, Piece];
    const left = a.prec < p || (a.prec === p && assoc === 'right') ? paren(a) : a.text;
    const right = b.prec < p || (b.prec === p && assoc === 'left') || b.leadsWithPrefix ? paren(b) : b.text;
    const op = p === LOWEST_INFIX ? ` ${symbol} ` : symbol;
    const leads = left === a.text && a.leadsWithPrefix;
    return { text: left + op + right, prec: p, leadsWithPrefix: leads, depth };
  }
  if (spec.prefix && args.length === 1) {
    const { symbol, precedence: p } = spec.prefix;
    const a = args[0]!;
    const inner = a.prec < p || a.leadsWithPrefix ? paren(a) : a.text;
    return { text: symbol + inner, prec: p, leadsWithPrefix: true, depth };
  }
  const name = spec.calls[0]!;
  return { text: `${name}(${args.map((a) => a.text).join(', ')})`, prec: ATOM, leadsWithPrefix: false, depth };
}

/**
 * Prints the expression `root` of a graph (`nodes` in creation order) as named
 * steps plus a final expression. A node used twice becomes a step `t1 = …`.
 * Loops only: any depth, any size.
 *
 * @example
 * const { graph, output } = build(parse('t = exp(x); t*t + 1'), new Map([['x', 0]]));
 * printExpression(graph.nodes, output) // { steps: [['t1', 'exp(x)']], result: 't1*t1 + 1' }
 */
export function printExpression(nodes: readonly Value[], root: Value, opts: PrintOptions = {}): PrintedProgram {
  const { steps, results } = printExpressions(nodes, [root], opts);
  return { steps, result: results[0]! };
}

/** Several expressions of one graph printed together (see {@link printExpressions}). */
export interface PrintedExpressions {
  /** Named steps in order, shared by all the results: [name, expression]. */
  readonly steps: ReadonlyArray<readonly [string, string]>;
  /** Each root's expression, in the order of the roots. */
  readonly results: readonly string[];
}

/**
 * Prints several expressions of a graph at once: a node that more than one
 * of them uses (or one uses twice) is one step for all. Same rules and cost as
 * {@link printExpression}: one pass over the nodes up to the last root.
 *
 * @example
 * const { graph, output } = build(parse('t = exp(x); t*t + 1'), new Map([['x', 0]]));
 * const t = graph.nodes[1]!;
 * printExpressions(graph.nodes, [t, output]) // { steps: [['t1', 'exp(x)']], results: ['t1', 't1*t1 + 1'] }
 */
export function printExpressions(nodes: readonly Value[], roots: readonly Value[], opts: PrintOptions = {}): PrintedExpressions {
  const maxDepth = opts.maxDepth ?? MAX_INLINE_DEPTH;
  let last = -1;
  for (const r of roots) last = Math.max(last, r.id);
  const n = last + 1;
  const uses = new Uint32Array(n);
  const reached = new Uint8Array(n);
  const isRoot = new Uint8Array(n);
  // Being printed as a result counts as a use: a node that is a result and
  // also an input elsewhere (or two results) becomes a step.
  for (const r of roots) {
    uses[r.id]!++;
    reached[r.id] = 1;
    isRoot[r.id] = 1;
  }
  const taken = new Set(opts.reserved ?? []);
  for (let i = last; i >= 0; i--) {
    if (reached[i] === 0) continue;
    const node = nodes[i]!;
    if (node.op === 'var') taken.add(node.label!);
    for (const input of node.inputs) {
      uses[input.id]!++;
      reached[input.id] = 1;
    }
  }
  let counter = 0;
  const freshName = (): string => {
    let name: string;
    do name = `t${++counter}`; while (taken.has(name));
    return name;
  };
  const pieces: Array<Piece | undefined> = new Array<Piece | undefined>(n);
  const steps: Array<readonly [string, string]> = [];
  for (let i = 0; i < n; i++) {
    if (reached[i] === 0) continue;
    const node = nodes[i]!;
    let piece: Piece;
    if (node.op === 'var') piece = { text: node.label!, prec: ATOM, leadsWithPrefix: false, depth: 0 };
    else if (node.op === 'const') piece = constantPiece(node.data);
    else {
      const args = node.inputs.map((v) => pieces[v.id]!);
      piece = opPiece(node, args);
      // An inline piece has exactly one user: release it once used.
      for (const v of node.inputs) if (uses[v.id] === 1) pieces[v.id] = undefined;
      if (uses[i]! > 1 || (piece.depth >= maxDepth && isRoot[i] === 0)) {
        const name = freshName();
        steps.push([name, piece.text]);
        piece = { text: name, prec: ATOM, leadsWithPrefix: false, depth: 0 };
      }
    }
    pieces[i] = piece;
  }
  return { steps, results: roots.map((r) => pieces[r.id]!.text) };
}

/**
 * The printed program as text: one `name = expr` per step, then the result.
 *
 * @example
 * formatProgram({ steps: [['t1', 'exp(x)']], result: 't1*t1' }) // 't1 = exp(x)\nt1*t1'
 * formatProgram({ steps: [['t1', 'exp(x)']], result: 't1*t1' }, '; ') // 't1 = exp(x); t1*t1'
 */
export function formatProgram(p: PrintedProgram, separator = '\n'): string {
  return [...p.steps.map(([name, text]) => `${name} = ${text}`), p.result].join(separator);
}
