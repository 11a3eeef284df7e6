// The local simplifier: looks at one new node and its direct inputs only.
// Constant folding, the 0 and 1 identities and moving a minus sign outward;
// no search, no open-ended rewriting, so building stays linear.
import { applyOp } from '../ops/calls.js';
import type { ExprOps } from '../ops/spec.js';
import { OPS, type OpName } from '../ops/table.js';
import type { Value } from '../graph/value.js';

const isConst = (v: Value): boolean => v.op === 'const';
const isZero = (v: Value): boolean => v.op === 'const' && v.data === 0;
const isOne = (v: Value): boolean => v.op === 'const' && v.data === 1;
const isMinusOne = (v: Value): boolean => v.op === 'const' && v.data === -1;
const isNeg = (v: Value): boolean => v.op === 'neg';

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
export function simplify(e: ExprOps<Value>, op: OpName, xs: readonly Value[]): Value | undefined {
  if (xs.every(isConst)) {
    const y = fold(op, xs);
    // NOTE: NaN and ±Infinity stay as expressions (log(0)), so the printed form is still a formula.
    return Number.isFinite(y) ? e.num(y) : undefined;
  }
  const a = xs[0]!;
  const b = xs[1]!;
  switch (op) {
    case 'add':
      if (isZero(a)) return b;
      if (isZero(b)) return a;
      if (isNeg(b)) return e.sub(a, b.inputs[0]!);
      if (isNeg(a)) return e.sub(b, a.inputs[0]!);
      return undefined;
    case 'sub':
      if (isZero(b)) return a;
      if (isZero(a)) return e.neg(b);
      if (isNeg(b)) return e.add(a, b.inputs[0]!);
      return undefined;
    case 'mul':
      if (isZero(a) || isZero(b)) return e.num(0);
      if (isOne(a)) return b;
      if (isOne(b)) return a;
      if (isMinusOne(a)) return e.neg(b);
      if (isMinusOne(b)) return e.neg(a);
      if (isNeg(a)) return e.neg(e.mul(a.inputs[0]!, b));
      if (isNeg(b)) return e.neg(e.mul(a, b.inputs[0]!));
      return undefined;
    case 'div':
      if (isZero(a)) return e.num(0);
      if (isOne(b)) return a;
      if (isMinusOne(b)) return e.neg(a);
      if (isNeg(a)) return e.neg(e.div(a.inputs[0]!, b));
      if (isNeg(b)) return e.neg(e.div(a, b.inputs[0]!));
      return undefined;
    case 'neg':
      if (isNeg(a)) return a.inputs[0]!;
      return undefined;
    case 'pow':
      if (isOne(b)) return a;
      if (isZero(b)) return e.num(1);
      return undefined;
    default:
      return undefined;
  }
}
