// The local simplifier: looks at one new node and its direct inputs only.
// Constant folding, the 0 and 1 identities and moving a minus sign outward;
// no search, no open-ended rewriting, so building stays linear.
//
// A kept node (a named node a derivative is taken with respect to) is opaque:
// no rule looks at its op, its inputs or its value, so it is never folded,
// merged or rewritten away. That also bounds the rewriting: a sign rule builds
// at most a few nodes, each from inputs the simplifier has already seen (a
// built neg never has a built neg as input), so it never walks a chain.
import { applyOp } from '../ops/calls.js';
import type { ExprOps } from '../ops/spec.js';
import { OPS, type OpName } from '../ops/table.js';
import type { Value } from '../graph/value.js';

/** The builder the simplifier rewrites into, and which nodes it must not look into. */
export interface SimplifyTarget extends ExprOps<Value> {
  /** True for a kept node: it stays as it is, whatever its op. */
  isKept(v: Value): boolean;
}

/** A constant the simplifier may look at (not a kept one). */
const isConst = (e: SimplifyTarget, v: Value): boolean => v.op === 'const' && !e.isKept(v);
const isZero = (e: SimplifyTarget, v: Value): boolean => isConst(e, v) && v.data === 0;
const isOne = (e: SimplifyTarget, v: Value): boolean => isConst(e, v) && v.data === 1;
const isMinusOne = (e: SimplifyTarget, v: Value): boolean => isConst(e, v) && v.data === -1;
function allConst(e: SimplifyTarget, xs: readonly Value[]): boolean {
  for (const v of xs) if (!isConst(e, v)) return false;
  return true;
}
/** A negation the simplifier may look through (not a kept one). */
const isNeg = (e: SimplifyTarget, v: Value): boolean => v.op === 'neg' && !e.isKept(v);

/** The value of `op` on constant inputs (the one forward dispatch). */
function fold(op: OpName, xs: readonly Value[]): number {
  return applyOp(OPS[op], xs.map((v) => v.data));
}

/**
 * A simpler node equal to `op(xs)`, or undefined to build it as is. Every
 * rewrite is exact in floating point, except that 0*x and 0/x are 0 even where
 * x is infinite or NaN (the usual convention of symbolic algebra: a zero
 * derivative stays zero).
 */
export function simplify(e: SimplifyTarget, op: OpName, xs: readonly Value[]): Value | undefined {
  if (allConst(e, xs)) {
    const y = fold(op, xs);
    // NOTE: NaN and ±Infinity stay as expressions (log(0)), so the printed form is still a formula.
    return Number.isFinite(y) ? e.num(y) : undefined;
  }
  const a = xs[0]!;
  const b = xs[1]!;
  switch (op) {
    case 'add':
      if (isZero(e, a)) return b;
      if (isZero(e, b)) return a;
      if (isNeg(e, b)) return e.op('sub', a, b.inputs[0]!);
      if (isNeg(e, a)) return e.op('sub', b, a.inputs[0]!);
      return undefined;
    case 'sub':
      if (isZero(e, b)) return a;
      if (isZero(e, a)) return e.op('neg', b);
      if (isNeg(e, b)) return e.op('add', a, b.inputs[0]!);
      return undefined;
    case 'mul':
      if (isZero(e, a) || isZero(e, b)) return e.num(0);
      if (isOne(e, a)) return b;
      if (isOne(e, b)) return a;
      if (isMinusOne(e, a)) return e.op('neg', b);
      if (isMinusOne(e, b)) return e.op('neg', a);
      if (isNeg(e, a)) return e.op('neg', e.op('mul', a.inputs[0]!, b));
      if (isNeg(e, b)) return e.op('neg', e.op('mul', a, b.inputs[0]!));
      return undefined;
    case 'div':
      if (isZero(e, a)) return e.num(0);
      if (isOne(e, b)) return a;
      if (isMinusOne(e, b)) return e.op('neg', a);
      if (isNeg(e, a)) return e.op('neg', e.op('div', a.inputs[0]!, b));
      if (isNeg(e, b)) return e.op('neg', e.op('div', a, b.inputs[0]!));
      return undefined;
    case 'neg':
      if (isNeg(e, a)) return a.inputs[0]!;
      return undefined;
    case 'pow':
      if (isOne(e, b)) return a;
      if (isZero(e, b)) return e.num(1);
      return undefined;
    default:
      return undefined;
  }
}
