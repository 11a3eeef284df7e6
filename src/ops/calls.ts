// How the engine calls an op of each arity: the one forward and the one
// backward dispatch of the program. Each shape is written once, as JavaScript
// text over placeholder names; the engine's executors are all generated from
// these shapes: the straight-line kernel of a small tape, the tape loop of a
// large one (compile/kernel.ts), and the one-node calls below (a graph node
// made by hand, constant folding, an op's own derivative check).
import { UsageError } from '../errors.js';
import type { OpSpec } from './spec.js';

/** The JavaScript expressions a call shape is written over. */
export interface CallNames {
  /** The op's method `name` (f, df, da, db, dxAll) as a callee. */
  readonly call: (name: 'f' | 'df' | 'da' | 'db' | 'dxAll') => string;
  /** The value of input k (fixed arities). */
  readonly x: (k: number) => string;
  /** The inputs gathered into one array (variadic ops). */
  readonly xs: string;
  /** The node's own value. */
  readonly y: string;
  /** A number[] the local derivatives of a variadic node are written into. */
  readonly out: string;
}

/** How an op of one arity is called, forward and backward. */
export interface CallShape {
  /** The `arity` field of the specs it calls: 1, 2, or 'n' (then the inputs are gathered into `xs` first). */
  readonly arity: OpSpec['arity'];
  /** The forward value, as an expression. */
  forward(n: CallNames): string;
  /** Statements run once per node before its local derivatives are read ('' if none). */
  prepare(n: CallNames): string;
  /** ∂y/∂(input `slot`) as an expression; `slot` is a literal index or an expression. */
  local(n: CallNames, slot: number | string): string;
}

/** The call shape of each arity: the only place that knows which method takes which arguments. */
export const CALLS: readonly CallShape[] = [
  {
    arity: 1,
    forward: (n) => `${n.call('f')}(${n.x(0)})`,
    prepare: () => '',
    local: (n) => `${n.call('df')}(${n.x(0)},${n.y})`,
  },
  {
    arity: 2,
    forward: (n) => `${n.call('f')}(${n.x(0)},${n.x(1)})`,
    prepare: () => '',
    local: (n, slot) => {
      const args = `(${n.x(0)},${n.x(1)},${n.y})`;
      if (slot === 0) return `${n.call('da')}${args}`;
      if (slot === 1) return `${n.call('db')}${args}`;
      return `(${slot}===0?${n.call('da')}${args}:${n.call('db')}${args})`;
    },
  },
  {
    arity: 'n',
    forward: (n) => `${n.call('f')}(${n.xs})`,
    // NOTE: every local derivative of a call in one pass, so max(…) of n arguments costs O(n), not O(n²).
    prepare: (n) => `${n.call('dxAll')}(${n.xs},${n.y},${n.out});`,
    local: (n, slot) => `${n.out}[${slot}]`,
  },
];

/** `case 1: … case "n": …` over every call shape, the body of each from `body`. */
export function eachArity(body: (shape: CallShape) => string): string {
  let text = '';
  for (const shape of CALLS) text += `case ${JSON.stringify(shape.arity)}:{${body(shape)}}\n`;
  return text;
}

/** A generated function compiled ahead of time: `function (...params) { body }`. */
export type CompiledAhead = (...a: unknown[]) => unknown;

// NOTE: where the runtime forbids compiling (the live page's
// Content-Security-Policy has no 'unsafe-eval'), the same generated code is
// compiled ahead of time by the build (scripts/page-ahead.ts), keyed by its text.
let ahead: ReadonlyMap<string, CompiledAhead> | undefined;
let recorder: ((key: string, params: readonly string[], body: string) => void) | undefined;

/** The key of generated code: its parameters and body. */
export function generatedKey(params: readonly string[], body: string): string {
  return `${params.join(',')}\n${body}`;
}

/** Makes {@link generate} use code compiled ahead of time where its key matches. */
export function useCompiledAhead(table: ReadonlyMap<string, CompiledAhead>): void {
  ahead = table;
}

/** Sees every piece of code {@link generate} compiles (the build's ahead-of-time compiler); undefined stops. */
export function recordGenerated(sink: ((key: string, params: readonly string[], body: string) => void) | undefined): void {
  recorder = sink;
}

/** Compiles generated code; a clear error where the runtime forbids it. */
export function generate<T>(params: readonly string[], body: string, args: readonly unknown[]): T {
  if (ahead !== undefined || recorder !== undefined) {
    const key = generatedKey(params, body);
    recorder?.(key, params, body);
    const ready = ahead?.get(key);
    if (ready !== undefined) return ready(...args) as T;
  }
  let make: (...a: unknown[]) => T;
  try {
    make = new Function(...params, `"use strict";\n${body}`) as (...a: unknown[]) => T;
  } catch (e) {
    if (e instanceof SyntaxError) throw e;
    throw new UsageError('autograd compiles programs to JavaScript: run Node without --disallow-code-generation-from-strings');
  }
  return make(...args);
}

interface OneNode {
  apply(spec: OpSpec, xs: ArrayLike<number>): number;
  locals(spec: OpSpec, xs: ArrayLike<number>, y: number, out: number[]): void;
}

const ONE_NODE: CallNames = { call: (m) => `s.${m}`, x: (k) => `xs[${k}]`, xs: 'xs', y: 'y', out: 'out' };

let oneNode: OneNode | undefined;

function calls(): OneNode {
  oneNode ??= generate<OneNode>([], `return {
apply(s,xs){switch(s.arity){
${eachArity((shape) => `return ${shape.forward(ONE_NODE)};`)}}},
locals(s,xs,y,out){switch(s.arity){
${eachArity((shape) => {
    if (shape.arity === 'n') return `${shape.prepare(ONE_NODE)}return;`;
    let text = `out.length=${shape.arity};${shape.prepare(ONE_NODE)}`;
    for (let k = 0; k < shape.arity; k++) text += `out[${k}]=${shape.local(ONE_NODE, k)};`;
    return `${text}return;`;
  })}}}};`, []);
  return oneNode;
}

/**
 * The forward value of `spec` at the inputs `xs` (one node).
 *
 * @example
 * applyOp(OPS.add, [2, 3]) // 5
 * applyOp(OPS.max, [1, 4, 2]) // 4
 */
export function applyOp(spec: OpSpec, xs: ArrayLike<number>): number {
  return calls().apply(spec, xs);
}

/**
 * Every local derivative ∂y/∂xs[i] of one node into `out` (resized to the input count).
 *
 * @example
 * const out: number[] = [];
 * localDerivatives(OPS.mul, [2, 3], 6, out);
 * out // [3, 2]
 */
export function localDerivatives(spec: OpSpec, xs: ArrayLike<number>, y: number, out: number[]): void {
  calls().locals(spec, xs, y, out);
}
