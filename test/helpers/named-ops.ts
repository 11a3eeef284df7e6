// A builder with one method per op (`b.sin(x)`) on top of the generic
// `b.op('sin', x)`, made from the op list: shorter to read in tests.
import type { ExprBuilder } from '../../src/calculus/expr-builder.js';
import type { Value } from '../../src/graph/value.js';
import type { ArgsOf } from '../../src/ops/spec.js';
import { OP_NAMES, type OpArity, type OpName } from '../../src/ops/table.js';

export type NamedOps = ExprBuilder & { readonly [K in OpName]: (...args: ArgsOf<OpArity[K], Value>) => Value };

/** `b` with a method per op name; everything else (`graph`, `num`, `apply`) is `b`'s own. */
export function namedOps(b: ExprBuilder): NamedOps {
  const named = Object.create(b) as Record<string, unknown>;
  for (const name of OP_NAMES) named[name] = (...args: Value[]) => b.apply(name, args);
  return named as unknown as NamedOps;
}
