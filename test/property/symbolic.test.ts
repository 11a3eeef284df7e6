// Properties of the symbolic layer: diff round-trips, printing is a fixed
// point, Hessians are symmetric and match finite differences of the gradient.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hessian } from '../../src/calculus/hessian.js';
import { symbolicGradient } from '../../src/calculus/symbolic-gradient.js';
import { build, freeVariables, type Built } from '../../src/graph/build.js';
import { backward } from '../../src/compile/sweep.js';
import { localDerivative } from '../helpers/reference.js';
import { evaluate, gradient } from '../../src/index.js';
import { formatProgram, printExpression } from '../../src/render/expression.js';
import { parse } from '../../src/syntax/parser.js';
import { SMOOTH_OPS, expressionArb, pointArb } from '../helpers/random-expr.js';

const RUNS = { numRuns: 300, seed: 20240611 };

/** The program text of `src`, printed from its built graph. */
function reprint(src: string): string {
  const program = parse(src);
  const built = build(program, new Map(freeVariables(program).map((n) => [n, 1])));
  return formatProgram(printExpression(built.graph.nodes, built.output));
}

/** Each variable's derivative of `src` as printed program text. */
function diffTexts(src: string): Map<string, string> {
  const program = parse(src);
  const built = build(program, new Map(freeVariables(program).map((n) => [n, NaN])));
  const sg = symbolicGradient(built, [...built.variables]);
  return new Map(sg.gradient.map(([name, v]) => [name, formatProgram(printExpression(sg.graph.nodes, v))]));
}

const allFinite = (xs: Iterable<number>): boolean => [...xs].every(Number.isFinite);

/**
 * Where an intermediate value is NaN or infinite (a dead branch of max, say),
 * conventions differ; where one is huge, rounding swallows a finite-difference
 * step (cos(1e9 + x)) or a square overflows (cosh(500)²). The properties are
 * about the rest.
 */
const tame = (built: Built): boolean => built.graph.nodes.every((n) => Number.isFinite(n.data) && Math.abs(n.data) <= 1e6);

/**
 * Σ over paths of |product of local derivatives|: the size of the terms that
 * add up to each gradient entry. Rounding (and reordering a sum) errs relative
 * to this, not to the gradient, which can be a small difference of large terms.
 */
function gradientScale(built: Built): Float64Array {
  const nodes = built.graph.nodes;
  const scale = new Float64Array(nodes.length);
  scale[built.output.id] = 1;
  for (let i = built.output.id; i >= 0; i--) {
    const node = nodes[i]!;
    node.inputs.forEach((input, k) => {
      if (input.requiresGrad) scale[input.id]! += scale[i]! * Math.abs(localDerivative(node, k));
    });
  }
  return scale;
}

describe('printing', () => {
  it('print → parse → print is a fixed point, and the printed program has the same value', () => {
    fc.assert(fc.property(expressionArb(), pointArb, (src, at) => {
      const once = reprint(src);
      expect(reprint(once)).toBe(once);
      const a = evaluate(src, at).value;
      const b = evaluate(once, at).value;
      expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `${src} → ${once}: ${a} vs ${b}`).toBe(true);
    }), RUNS);
  });
});

describe('diff', () => {
  it('the printed derivative, parsed and evaluated, equals the AD gradient', () => {
    let checked = 0;
    fc.assert(fc.property(expressionArb(), pointArb, (src, at) => {
      const { built, gradient: ad } = gradient(src, at);
      if (!built.graph.nodes.every((n) => Number.isFinite(n.data)) || !allFinite(ad.values())) return;
      checked++;
      const scale = gradientScale(built);
      for (const [name, text] of diffTexts(src)) {
        const d = evaluate(text, at).value;
        const want = ad.get(name)!;
        // Usually bit for bit; sharing equal subexpressions may reorder a sum.
        const ok = d === want || Math.abs(d - want) <= 1e-12 * scale[built.variables.get(name)!.id]!;
        expect(ok, `∂/∂${name} of ${src}\n${text}\n${d} vs ${want}`).toBe(true);
        // The derivative program is itself a print fixed point.
        expect(reprint(text)).toBe(text);
      }
    }), RUNS);
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });
});

describe('hessian', () => {
  it('both triangles agree and the result is exactly symmetric', () => {
    fc.assert(fc.property(expressionArb(), pointArb, (src, at) => {
      const program = parse(src);
      const built = build(program, at);
      const vars = [...built.variables];
      const sg = symbolicGradient(built, vars);
      const raw = sg.gradient.map(([, g]) => {
        backward(sg.graph.nodes, g);
        return sg.targets.map(([, v]) => v.grad);
      });
      const h = hessian(built, vars);
      for (let i = 0; i < h.rows.length; i++) for (let j = 0; j < h.rows.length; j++) expect(h.rows[i]![j]).toBe(h.rows[j]![i]);
      const entries = raw.flat();
      if (!tame(built) || !allFinite(entries)) return;
      // Rounding is relative to the largest entry: an entry that is 0 in exact arithmetic may come out as noise.
      const scale = Math.max(1, ...entries.map(Math.abs));
      for (let i = 0; i < vars.length; i++) {
        for (let j = 0; j < i; j++) {
          const [a, b] = [raw[i]![j]!, raw[j]![i]!];
          expect(Math.abs(a - b) <= 1e-9 * scale, `${src}: ${a} vs ${b}`).toBe(true);
        }
      }
    }), RUNS);
  });

  it('matches central differences of the gradient on smooth expressions', () => {
    let checked = 0;
    fc.assert(fc.property(expressionArb(SMOOTH_OPS, 4), pointArb, (src, at) => {
      const program = parse(src);
      const built = build(program, at);
      const vars = [...built.variables.keys()];
      const h = hessian(built, [...built.variables]);
      // Finite differences cannot follow sin(cosh(5x)): keep values (so frequencies) moderate.
      if (!tame(built) || built.graph.nodes.some((n) => Math.abs(n.data) > 20) || !allFinite(h.rows.flat())) return;
      checked++;
      for (let j = 0; j < vars.length; j++) {
        const xj = at.get(vars[j]!)!;
        const shifted = (dx: number): ReadonlyMap<string, number> =>
          gradient(program, new Map(at).set(vars[j]!, xj + dx)).gradient;
        const step = 1e-4 * Math.max(1, Math.abs(xj));
        const [p1, m1, p2, m2] = [shifted(step), shifted(-step), shifted(step / 2), shifted(-step / 2)];
        for (let i = 0; i < vars.length; i++) {
          const v = vars[i]!;
          // Central differences at step and step/2, combined by Richardson extrapolation: error O(step⁴).
          const wide = (p1.get(v)! - m1.get(v)!) / (2 * step);
          const narrow = (p2.get(v)! - m2.get(v)!) / step;
          const numeric = (4 * narrow - wide) / 3;
          const exact = h.rows[i]![j]!;
          // Plus the rounding of the gradients, amplified by 1/step.
          const rounding = 1e-13 * Math.max(Math.abs(p1.get(v)!), Math.abs(m1.get(v)!)) / step;
          const ok = Math.abs(exact - numeric) <= 1e-6 * Math.max(1, Math.abs(exact)) + rounding;
          expect(ok, `∂²/∂${v}∂${vars[j]} of ${src}: ${exact} vs ${numeric}`).toBe(true);
        }
      }
    }), RUNS);
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });
});
