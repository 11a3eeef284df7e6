// Gradient checking: every analytic gradient beside a central finite difference,
// with absolute and relative error (SPEC §3 --check).
import { Tape } from '../compile/tape.js';
import { applyOp, localDerivatives } from '../ops/calls.js';
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
 * of the output in that target's data. The probes run on a compiled tape of
 * the graph (the engine --points and optimize use), so the graph itself is not
 * touched.
 */
export function checkGradient(source: CheckSource, targets: ReadonlyArray<readonly [string, Value]>,
  tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  // The probes run the tape loop from an index on, so no kernel is generated.
  const tape = new Tape(source.graph.nodes, [source.output], { kernel: false });
  return checkOnTape(tape, targets.map(([name, v]) => [name, v.id, v.grad] as const), tolerance);
}

/**
 * Checks analytic derivatives (name, tape index, value) against central
 * differences of the tape's output in the data at that index. Only nodes
 * after the index are recomputed: nodes before it cannot depend on it, and a
 * named intermediate node is held at the probe value. The data is restored
 * after each probe.
 */
export function checkOnTape(tape: Tape, targets: ReadonlyArray<readonly [string, number, number]>,
  tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const data = tape.data;
  const entries: CheckEntry[] = [];
  for (const [name, index, analytic] of targets) {
    const original = data[index]!;
    const f: PointFunction = (point) => {
      data[index] = point[0]!;
      tape.forwardFrom(index + 1);
      return tape.value;
    };
    entries.push(compare(name, analytic, centralDifference(f, [original], 0), tolerance));
    data[index] = original;
    tape.forwardFrom(index + 1);
  }
  return entries;
}

/** Checks an op's own derivative rule at `args` (one entry per argument: a, b, … or x0, x1, …). */
export function checkOp(spec: OpSpec, args: readonly number[], tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const f: PointFunction = (p) => applyOp(spec, p);
  const locals: number[] = [];
  localDerivatives(spec, args, f(Float64Array.from(args)), locals);
  const local = (i: number): number => locals[i]!;
  const names = spec.arity === 1 ? ['x'] : spec.arity === 2 ? ['a', 'b'] : args.map((_, i) => `x${i}`);
  return args.map((_, i) => compare(names[i]!, local(i), centralDifference(f, args, i), tolerance));
}
