// Property: --check's adaptive difference raises no false alarm on a correct
// gradient at an ordinary point of a random program over the whole op table,
// and reports a gradient that is 1% off wherever a difference can see 1%.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGradient, type CheckEntry } from '../../src/calculus/check.js';
import { hessian } from '../../src/calculus/hessian.js';
import { build, type Built } from '../../src/graph/build.js';
import { backward, forward } from '../../src/compile/sweep.js';
import { chooseTargets } from '../../src/graph/targets.js';
import type { Value } from '../../src/graph/value.js';
import { parse } from '../../src/syntax/parser.js';
import { print, tree, VARS } from '../helpers/programs.js';

// NOTE: the three coordinates share one scale, 1e-3 … 1e3: random programs
// add terms of unrelated sizes, and at mixed or extreme scales one term hides
// another below f's resolution (0.5 + cbrt(x)^2 is 0.5 at x = 1e-100), where
// no difference can see the gradient. Single ops at 1e±300 are in the table
// of test/unit/calculus/check-adaptive.test.ts.
const scale = fc.integer({ min: -3, max: 3 }).map((e) => 10 ** e);
const factor = fc.tuple(fc.double({ min: 0.1, max: 3, noNaN: true }), fc.boolean()).map(([m, neg]) => (neg ? -m : m));
const point = fc.tuple(scale, factor, factor, factor).map(([s, ...xs]) => new Map(VARS.map((n, i) => [n, s * xs[i]!])));

/** A program with a named step, so a named node is checked too. */
const program = fc.tuple(tree, tree).map(([a, b]) => `t = ${print(a)}\nout = t * ${print(b)} + x`);

/** Ops whose derivative jumps where their argument is 0 (or where two arguments tie). */
const KINK_AT_ZERO = new Set(['abs', 'relu', 'sign', 'cbrt', 'sqrt']);

/** The spacing of doubles at x. */
function ulp(x: number): number {
  const a = Math.abs(x);
  return a === 0 ? Number.MIN_VALUE : Math.max(2 ** (Math.floor(Math.log2(a)) - 52), Number.MIN_VALUE);
}

/** A node's inputs within 1e-6 of a kink of its op. */
function nearKink(v: Value): boolean {
  const a = v.inputs.map((u) => u.data);
  if (KINK_AT_ZERO.has(v.op)) return Math.abs(a[0]!) < 1e-6;
  if (v.op === 'hypot') return Math.hypot(a[0]!, a[1]!) < 1e-6;
  if (v.op !== 'min' && v.op !== 'max') return false;
  return a.some((p, i) => a.some((q, j) => i !== j && Math.abs(p - q) <= 1e-6 * Math.max(Math.abs(p), Math.abs(q), 1e-300)));
}

/**
 * Built, evaluated and differentiated at the point, when the point is
 * ordinary: value and gradients finite; every intermediate value within
 * 1e±150 (some derivative rules square their arguments, e.g. atanh'(u) =
 * 1/((1-u)(1+u))); no kink within
 * 1e-6; every gradient computed without catastrophic cancellation (ε times
 * the sum of |chain-rule products| below 1e-8·|gradient|); and no gradient
 * that turns within 1024 ulps of its variable (the second derivative says how
 * fast it turns).
 */
function ordinary(source: string, at: Map<string, number>): { built: Built; targets: Array<readonly [string, Value]> } | undefined {
  const built = build(parse(source), at);
  const nodes = built.graph.nodes;
  forward(nodes);
  const size = (v: Value): boolean => v.data === 0 || (Math.abs(v.data) >= 1e-150 && Math.abs(v.data) <= 1e150);
  if (!nodes.every(size) || nodes.some(nearKink)) return undefined;
  const magnitude = new Float64Array(nodes.length);
  magnitude[built.output.id] = 1;
  backward(nodes, built.output, {
    listener: (node, k, local) => {
      const input = node.inputs[k]!.id;
      magnitude[input] = magnitude[input]! + magnitude[node.id]! * Math.abs(local);
    },
  });
  const targets = chooseTargets(built, { all: true });
  const conditioned = targets.every(([, v]) => Number.isFinite(v.grad) && Number.EPSILON * magnitude[v.id]! <= 1e-8 * Math.abs(v.grad));
  if (!conditioned) return undefined;
  const variables = [...built.variables];
  const h = hessian(built, variables);
  const slow = variables.every(([, v], i) => Math.abs(h.rows[i]![i]!) * 1024 * ulp(v.data) <= Math.max(Math.abs(v.grad), 1e-300));
  if (!slow) return undefined;
  backward(nodes, built.output);
  return { built, targets };
}

function describeEntry(e: CheckEntry): string {
  return `∂/∂${e.name}: analytic ${e.analytic}, numeric ${e.numeric} ± ${e.uncertainty}, left ${e.left}, right ${e.right}`;
}

const where = (source: string, at: Map<string, number>): string => `${source.replace('\n', '; ')} at ${[...at].map(([k, v]) => `${k}=${v}`).join(', ')}`;

describe('--check on random programs at ordinary points', () => {
  it('passes every correct gradient', () => {
    let checked = 0;
    fc.assert(fc.property(program, point, (source, at) => {
      const run = ordinary(source, at);
      if (run === undefined) return;
      for (const e of checkGradient(run.built, run.targets)) {
        if (!e.ok) expect.fail(`${where(source, at)}: ${describeEntry(e)}`);
        checked++;
      }
    }), { numRuns: 1500, seed: 7 });
    expect(checked).toBeGreaterThan(1000);
  });

  // Where f's rounding hides its dependence on a variable, no difference can
  // see a 1% error, and the check says so with its uncertainty: those
  // targets are left out.
  it('reports a gradient that is 1% off wherever the difference can see 1%', () => {
    let reported = 0;
    fc.assert(fc.property(program, point, fc.nat(), (source, at, pick) => {
      const run = ordinary(source, at);
      if (run === undefined) return;
      const [name, node] = run.targets[pick % run.targets.length]!;
      if (node.grad === 0) return;
      const [right] = checkGradient(run.built, [[name, node]]);
      if (right!.uncertainty > 1e-4 * Math.abs(right!.numeric)) return;
      // The analytic gradient compared against is perturbed; the op table is not touched.
      node.grad *= 1.01;
      const [wrong] = checkGradient(run.built, [[name, node]]);
      if (wrong!.ok) expect.fail(`${where(source, at)}: ${describeEntry(wrong!)}`);
      reported++;
    }), { numRuns: 1500, seed: 7 });
    expect(reported).toBeGreaterThan(500);
  });
});
