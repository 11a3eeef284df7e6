// Properties of the symbolic layer: diff round-trips, printing is a fixed
// point, Hessians are symmetric and match finite differences of the gradient.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hessian } from '../../src/calculus/hessian.js';
import { symbolicGradient } from '../../src/calculus/symbolic-gradient.js';
import { build, freeVariables } from '../../src/graph/build.js';
import { backward } from '../../src/graph/propagate.js';
import { evaluate, gradient } from '../../src/index.js';
import { formatProgram, printExpression } from '../../src/render/expression.js';
import { parse } from '../../src/syntax/parser.js';
import { SMOOTH_OPS, expressionArb, near, pointArb } from '../helpers/random-expr.js';

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
      const { value, gradient: ad } = gradient(src, at);
      if (!Number.isFinite(value) || !allFinite(ad.values())) return;
      checked++;
      for (const [name, text] of diffTexts(src)) {
        const d = evaluate(text, at).value;
        expect(near(d, ad.get(name)!, 1e-9), `∂/∂${name} of ${src}\n${text}\n${d} vs ${ad.get(name)}`).toBe(true);
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
      const entries = raw.flat();
      if (!Number.isFinite(built.output.data) || !allFinite(entries)) return;
      // Rounding is relative to the largest entry: an entry that is 0 in exact arithmetic may come out as noise.
      const scale = Math.max(1, ...entries.map(Math.abs));
      for (let i = 0; i < vars.length; i++) {
        for (let j = 0; j < i; j++) {
          const [a, b] = [raw[i]![j]!, raw[j]![i]!];
          expect(Math.abs(a - b) <= 1e-9 * scale, `${src}: ${a} vs ${b}`).toBe(true);
        }
      }
      const h = hessian(build(program, at), vars.map(([n]) => [n, build(program, at).variables.get(n)!] as const));
      for (let i = 0; i < h.rows.length; i++) for (let j = 0; j < h.rows.length; j++) expect(h.rows[i]![j]).toBe(h.rows[j]![i]);
    }), RUNS);
  });

  it('matches central differences of the gradient on smooth expressions', () => {
    let checked = 0;
    fc.assert(fc.property(expressionArb(SMOOTH_OPS, 4), pointArb, (src, at) => {
      const program = parse(src);
      const built = build(program, at);
      const vars = [...built.variables.keys()];
      const h = hessian(built, [...built.variables]);
      if (!allFinite(h.rows.flat()) || h.rows.flat().some((x) => Math.abs(x) > 1e6)) return;
      checked++;
      for (let j = 0; j < vars.length; j++) {
        const xj = at.get(vars[j]!)!;
        const step = 1e-5 * Math.max(1, Math.abs(xj));
        const plus = gradient(program, new Map(at).set(vars[j]!, xj + step)).gradient;
        const minus = gradient(program, new Map(at).set(vars[j]!, xj - step)).gradient;
        for (let i = 0; i < vars.length; i++) {
          const numeric = (plus.get(vars[i]!)! - minus.get(vars[i]!)!) / (2 * step);
          const exact = h.rows[i]![j]!;
          expect(near(exact, numeric, 1e-5), `∂²/∂${vars[i]}∂${vars[j]} of ${src}: ${exact} vs ${numeric}`).toBe(true);
        }
      }
    }), RUNS);
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });
});
