// Random expressions generated from the op table, so a new op is tested as soon as it exists.
import fc from 'fast-check';
import { OPS, OP_NAMES, type OpName } from '../../src/ops/table.js';
import type { OpSpec } from '../../src/ops/spec.js';
import { OP_FIXTURE } from './op-fixture.js';

export const VARS = ['x', 'y', 'z'] as const;

/** Ops with a kink or a narrow domain, where finite differences across the kink mean nothing (from the op fixture). */
export const NOT_SMOOTH: ReadonlySet<OpName> = new Set(OP_NAMES.filter((n) => !OP_FIXTURE[n].smooth));

function render(op: OpName, args: readonly string[]): string {
  const spec: OpSpec = OPS[op];
  if (spec.infix && args.length === 2) return `(${args[0]})${spec.infix.symbol}(${args[1]})`;
  if (spec.prefix && args.length === 1) return `${spec.prefix.symbol}(${args[0]})`;
  return `${spec.calls[0]}(${args.join(', ')})`;
}

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VARS) },
  { weight: 1, arbitrary: fc.double({ min: 1e-3, max: 3, noNaN: true }).map((c) => String(c)) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1', '2', '0.5', 'pi') },
);

/** Source text of a random expression over x, y, z using `ops`, at most `depth` ops deep. */
export function expressionArb(ops: readonly OpName[] = OP_NAMES, depth = 4): fc.Arbitrary<string> {
  let arb: fc.Arbitrary<string> = leaf;
  // One arbitrary per level, each built on the one below: mostly ops, some leaves.
  for (let d = 1; d <= depth; d++) {
    const below = arb;
    const node = fc.constantFrom(...ops).chain((op) => {
      const arity = OPS[op].arity;
      const count = arity === 'n' ? fc.integer({ min: 1, max: 3 }) : fc.constant(arity);
      return count.chain((n) => fc.array(below, { minLength: n, maxLength: n })).map((args) => render(op, args));
    });
    arb = fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 3, arbitrary: node });
  }
  return arb;
}

/** A coordinate in [-2, 2], at least 1e-3 away from 0 (kinks at 0 have unit tests of their own). */
const coordinate = fc.tuple(fc.double({ min: 1e-3, max: 2, noNaN: true }), fc.boolean()).map(([x, neg]) => (neg ? -x : x));

/** A point with x, y, z in [-2, 2]. */
export const pointArb: fc.Arbitrary<Map<string, number>> = fc
  .tuple(...VARS.map(() => coordinate))
  .map((xs) => new Map(VARS.map((name, i) => [name, xs[i]!])));

export const SMOOTH_OPS: readonly OpName[] = OP_NAMES.filter((n) => !NOT_SMOOTH.has(n));

/** |a - b| small relative to the larger magnitude (and at least to 1). */
export function near(a: number, b: number, rel: number): boolean {
  if (Object.is(a, b)) return true;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
