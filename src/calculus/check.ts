// Gradient checking: every analytic gradient beside a central finite difference,
// with absolute and relative error (SPEC §3 --check).
import { forward } from '../graph/propagate.js';
import type { Value } from '../graph/value.js';
import type { OpSpec } from '../ops/spec.js';
import { centralDifference, type Difference, type PointFunction } from './finite-difference.js';

/** Default largest relative error accepted by --check. */
export const DEFAULT_TOLERANCE = 1e-6;

export interface CheckEntry {
  readonly name: string;
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic − numeric| */
  readonly absolute: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|); 0 when both are 0. */
  readonly relative: number;
  /** relative ≤ tolerance, or absolute ≤ tolerance, or absolute within the difference's rounding noise. */
  readonly ok: boolean;
}

/** One analytic derivative against its finite difference. */
export function compare(name: string, analytic: number, diff: Difference, tolerance: number): CheckEntry {
  const numeric = diff.value;
  const absolute = Math.abs(analytic - numeric);
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  const relative = absolute === 0 ? 0 : absolute / scale;
  // NOTE: near a gradient of 0 a relative error means nothing (0 vs 3.7e-11 is
  // 100% off), so a difference within `tolerance` absolutely also agrees; so
  // does one within the rounding noise of the difference itself, ε·|f|/h,
  // which matters when |f| is large.
  const ok = Number.isFinite(analytic) && Number.isFinite(numeric) &&
    (relative <= tolerance || absolute <= tolerance || absolute <= diff.noise);
  return { name, analytic, numeric, absolute, relative, ok };
}

/** What checkGradient needs of a built graph (a Built has it). */
export interface CheckSource {
  readonly graph: { readonly nodes: readonly Value[] };
  readonly output: Value;
}

/**
 * Checks each target's grad (as left by backward) against a central difference
 * of the output in that target's data, re-evaluating with forward(). The graph's
 * data is restored after each probe; grads are not touched.
 */
export function checkGradient(source: CheckSource, targets: ReadonlyArray<readonly [string, Value]>,
  tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const nodes = source.graph.nodes;
  const output = source.output;
  const entries: CheckEntry[] = [];
  for (const [name, node] of targets) {
    const original = node.data;
    // Nodes before `node` cannot depend on it; a named intermediate node is held at the probe value.
    const after = nodes.slice(node.id + 1);
    const f: PointFunction = (point) => {
      node.data = point[0]!;
      forward(after);
      return output === node ? node.data : output.data;
    };
    entries.push(compare(name, node.grad, centralDifference(f, [original], 0), tolerance));
    node.data = original;
    forward(after);
  }
  return entries;
}

/** Checks an op's own derivative rule at `args` (one entry per argument: a, b, … or x0, x1, …). */
export function checkOp(spec: OpSpec, args: readonly number[], tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const f: PointFunction = (p) => (spec.arity === 1 ? spec.f(p[0]!) : spec.arity === 2 ? spec.f(p[0]!, p[1]!) : spec.f(p));
  const y = f(Float64Array.from(args));
  const local = (i: number): number => {
    if (spec.arity === 1) return spec.df(args[0]!, y);
    if (spec.arity === 2) return i === 0 ? spec.da(args[0]!, args[1]!, y) : spec.db(args[0]!, args[1]!, y);
    return spec.dx(args, y, i);
  };
  const names = spec.arity === 1 ? ['x'] : spec.arity === 2 ? ['a', 'b'] : args.map((_, i) => `x${i}`);
  return args.map((_, i) => compare(names[i]!, local(i), centralDifference(f, args, i), tolerance));
}
