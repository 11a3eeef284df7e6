// Gradient checking: every analytic gradient beside an adaptive finite
// difference (Ridders-style extrapolation with its own error estimate), with
// absolute and relative error, and a kink test from the one-sided limits
// (SPEC §3 --check).
import { Tape } from '../compile/tape.js';
import { applyOp, localDerivatives } from '../ops/calls.js';
import type { Value } from '../graph/value.js';
import type { OpSpec } from '../ops/spec.js';
import { adaptiveDerivative, type AdaptiveDerivative, type PointFunction, type Probe } from './finite-difference.js';

/** Default largest relative error accepted by --check. */
export const DEFAULT_TOLERANCE = 1e-6;

/**
 * How many of its own error estimates a difference may be off before it
 * disagrees: the estimate is a scale, not a bound.
 */
const TRUST = 2;

export interface CheckEntry {
  readonly name: string;
  readonly analytic: number;
  readonly numeric: number;
  /** The difference's own estimated error: how far `numeric` may be from the true derivative. */
  readonly uncertainty: number;
  /** |analytic − numeric| */
  readonly absolute: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|); 0 when both are 0. */
  readonly relative: number;
  /** The one-sided slopes, from below and from above (NaN where a side leaves the domain). */
  readonly left: number;
  readonly right: number;
  /** The one-sided slopes differ beyond their error: the derivative does not exist here. */
  readonly kink: boolean;
  /** Analytic and numeric agree within tolerance·scale + their uncertainty, and there is no kink. */
  readonly ok: boolean;
}

/** a and b differ by more than `tolerance` relative plus TRUST times their combined error. */
function differ(a: number, b: number, error: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance * Math.max(Math.abs(a), Math.abs(b)) + TRUST * error;
}

/** One analytic derivative against its adaptive difference. */
export function compare(name: string, analytic: number, diff: AdaptiveDerivative, tolerance: number): CheckEntry {
  const numeric = diff.value;
  const absolute = Math.abs(analytic - numeric);
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  const relative = absolute === 0 ? 0 : absolute / scale;
  const { left, right } = diff;
  const kink = Number.isFinite(left.value) && Number.isFinite(right.value) &&
    differ(left.value, right.value, left.error + right.error, tolerance);
  // NOTE: no absolute floor: near a gradient of 0 the difference's own error
  // estimate is what says how close "close" is (0 against 3.7e-11 ± 1e-10 agrees).
  const ok = Number.isFinite(analytic) && Number.isFinite(numeric) && !kink &&
    !differ(analytic, numeric, diff.error, tolerance);
  return {
    name, analytic, numeric, uncertainty: diff.error, absolute, relative,
    left: left.value, right: right.value, kink, ok,
  };
}

/** What checkGradient needs of a built graph (a Built has it). */
export interface CheckSource {
  readonly graph: { readonly nodes: readonly Value[] };
  readonly output: Value;
}

/**
 * Checks each target's grad (as left by backward) against an adaptive
 * difference of the output in that target's data. The probes run on a
 * compiled tape of the graph (the engine --points and optimize use), so the
 * graph itself is not touched.
 */
export function checkGradient(source: CheckSource, targets: ReadonlyArray<readonly [string, Value]>,
  tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  // The probes run the tape loop from an index on, so no kernel is generated.
  const tape = new Tape(source.graph.nodes, [source.output], { kernel: false });
  return checkOnTape(tape, targets.map(([name, v]) => [name, v.id, v.grad] as const), tolerance);
}

/**
 * The output of `tape` as a function of the data at `index`, everything else
 * held: only nodes after the index are recomputed (nodes before it cannot
 * depend on it, and a named intermediate node is held at the probe value).
 * Its rounding size is Σ|vᵢ·∂f/∂vᵢ| over those nodes, at the probe: each
 * node's rounding error reaches the output through its adjoint, so this sees
 * cancellation inside f. Call `restore` after the probes.
 */
export function probeOnTape(tape: Tape, index: number): Probe & { restore: () => void } {
  const { data, grad, code } = tape;
  const original = data[index]!;
  return {
    f: (x) => {
      data[index] = x;
      tape.forwardFrom(index + 1);
      return tape.value;
    },
    size: () => {
      tape.backward();
      let s = 0;
      for (let i = index + 1; i < data.length; i++) if (code[i]! >= 0) s += Math.abs(data[i]! * grad[i]!);
      return s;
    },
    restore: () => {
      data[index] = original;
      tape.forwardFrom(index + 1);
    },
  };
}

/**
 * Checks analytic derivatives (name, tape index, value) against adaptive
 * differences of the tape's output in the data at that index. The data is
 * restored after each target.
 */
export function checkOnTape(tape: Tape, targets: ReadonlyArray<readonly [string, number, number]>,
  tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const entries: CheckEntry[] = [];
  const value = tape.value;
  for (const [name, index, analytic] of targets) {
    const probe = probeOnTape(tape, index);
    entries.push(compare(name, analytic, adaptiveDerivative(probe, tape.data[index]!, value), tolerance));
    probe.restore();
  }
  return entries;
}

/** Checks an op's own derivative rule at `args` (one entry per argument: a, b, … or x0, x1, …). */
export function checkOp(spec: OpSpec, args: readonly number[], tolerance = DEFAULT_TOLERANCE): CheckEntry[] {
  const f: PointFunction = (p) => applyOp(spec, p);
  const point = Float64Array.from(args);
  const y = f(point);
  const locals: number[] = [];
  localDerivatives(spec, args, y, locals);
  const local = (i: number): number => locals[i]!;
  const names = spec.arity === 1 ? ['x'] : spec.arity === 2 ? ['a', 'b'] : args.map((_, i) => `x${i}`);
  return args.map((x, i) => {
    const along = (t: number): number => {
      point[i] = t;
      const v = f(point);
      point[i] = x;
      return v;
    };
    return compare(names[i]!, local(i), adaptiveDerivative(along, x, y), tolerance);
  });
}
