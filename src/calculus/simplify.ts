// The local simplifier: looks at one new node and its direct inputs only.
// Constant folding, the 0 and 1 identities and moving a minus sign outward;
// no search, no open-ended rewriting, so building stays linear.
//
// A kept node (a named node a derivative is taken with respect to) is opaque:
// no rule looks at its op, its inputs or its value, so it is never folded,
// merged or rewritten away. That also bounds the rewriting: a sign rule builds
// at most a few nodes, each from inputs the simplifier has already seen (a
// built neg never has a built neg as input), so it never walks a chain.
import type { ExprOps } from '../ops/spec.js';
import { OPS, type OpName } from '../ops/table.js';
import type { Value } from '../graph/value.js';

/** The builder the simplifier rewrites into, and which nodes it must not look into. */
export interface SimplifyTarget extends ExprOps<Value> {
  /** True for a kept node: it stays as it is, whatever its op. */
  isKept(v: Value): boolean;
}

/** The value of `op` on constant inputs. */
function fold(op: OpName, xs: readonly Value[]): number {
  const spec = OPS[op];
  switch (spec.arity) {
    case 1: return spec.f(xs[0]!.data);
    case 2: return spec.f(xs[0]!.data, xs[1]!.data);
    default: return spec.f(xs.map((v) => v.data));
  }
}

/**
 * A simpler node equal to `op(xs)`, or undefined to build it as is. Every
 * rewrite is exact in floating point, except that 0*x and 0/x are 0 even where
 * x is infinite or NaN (the usual convention of symbolic algebra: a zero
 * derivative stays zero).
 */
export function simplify(e: SimplifyTarget, op: OpName, xs: readonly Value[]): Value | undefined {
  const isConst = (v: Value): boolean => v.op === 'const' && !e.isKept(v);
  const isZero = (v: Value): boolean => isConst(v) && v.data === 0;
  const isOne = (v: Value): boolean => isConst(v) && v.data === 1;
  const isMinusOne = (v: Value): boolean => isConst(v) && v.data === -1;
  const isNeg = (v: Value): boolean => v.op === 'neg' && !e.isKept(v);
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
      if (isNeg(b)) return e.op('sub', a, b.inputs[0]!);
      if (isNeg(a)) return e.op('sub', b, a.inputs[0]!);
      return undefined;
    case 'sub':
      if (isZero(b)) return a;
      if (isZero(a)) return e.op('neg', b);
      if (isNeg(b)) return e.op('add', a, b.inputs[0]!);
      return undefined;
    case 'mul':
      if (isZero(a) || isZero(b)) return e.num(0);
      if (isOne(a)) return b;
      if (isOne(b)) return a;
      if (isMinusOne(a)) return e.op('neg', b);
      if (isMinusOne(b)) return e.op('neg', a);
      if (isNeg(a)) return e.op('neg', e.op('mul', a.inputs[0]!, b));
      if (isNeg(b)) return e.op('neg', e.op('mul', a, b.inputs[0]!));
      return undefined;
    case 'div':
      if (isZero(a)) return e.num(0);
      if (isOne(b)) return a;
      if (isMinusOne(b)) return e.op('neg', a);
      if (isNeg(a)) return e.op('neg', e.op('div', a.inputs[0]!, b));
      if (isNeg(b)) return e.op('neg', e.op('div', a, b.inputs[0]!));
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
