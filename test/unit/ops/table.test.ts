// Every entry of the op table against Math and closed forms: its value, its
// exact derivative formula (test/helpers/op-fixture.ts, independent of
// table.ts) and a central difference, at ordinary points, domain edges and kinks.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, OPS, OP_ARITY, OP_NAMES, type OpName } from '../../../src/ops/table.js';
import type { OpSpec } from '../../../src/ops/spec.js';
import { centralDifference } from '../../../src/calculus/finite-difference.js';
import { OP_FIXTURE, type OpFixture } from '../../helpers/op-fixture.js';

type Args = readonly number[];
type Case = OpFixture;

const CASES: Record<OpName, Case> = OP_FIXTURE;

/** The op's value and its partials, straight from the table entry. */
function run(spec: OpSpec, x: Args): { y: number; d: number[] } {
  if (spec.arity === 1) {
    const y = spec.f(x[0]!);
    return { y, d: [spec.df(x[0]!, y)] };
  }
  if (spec.arity === 2) {
    const y = spec.f(x[0]!, x[1]!);
    return { y, d: [spec.da(x[0]!, x[1]!, y), spec.db(x[0]!, x[1]!, y)] };
  }
  const y = spec.f(x);
  const d = x.map((_, i) => spec.dx(x, y, i));
  if (spec.dxAll !== undefined) {
    // the one-pass form backward uses must agree with dx exactly
    const all: number[] = [];
    spec.dxAll(x, y, all);
    expect(all).toEqual(d);
  }
  return { y, d };
}

function value(spec: OpSpec, x: Args): number {
  return run(spec, x).y;
}

/** Same number: equal (signs of zero aside), both NaN, or within `rel`. */
function near(actual: number, expected: number, rel: number, abs = 0): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

/** Central difference of argument i, by the shared helper --check uses. */
function difference(spec: OpSpec, x: Args, i: number): number {
  return centralDifference((p) => value(spec, Array.from(p)), x, i).value;
}

describe('the op table', () => {
  it('has a test case for every op and nothing else', () => {
    expect(Object.keys(CASES).sort()).toEqual([...OP_NAMES].sort());
  });

  it('offers every function of SPEC §2 with its arity', () => {
    const want: Array<[string, number]> = [
      ...'sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp expm1 log ln log2 log10 log1p sqrt cbrt abs sign square sigmoid relu softplus'
        .split(' ').map((n): [string, number] => [n, 1]),
      ['pow', 2], ['atan2', 2], ['hypot', 2], ['log', 2],
    ];
    for (const [name, arity] of want) {
      const arities = (FUNCTIONS.get(name) ?? []).map((op) => OPS[op].arity);
      expect(arities, name).toContain(arity);
    }
    for (const name of ['min', 'max']) expect((FUNCTIONS.get(name) ?? []).map((op) => OPS[op].arity)).toEqual(['n']);
  });

  for (const name of OP_NAMES) {
    const spec: OpSpec = OPS[name];
    const c: Case = CASES[name];
    describe(name, () => {
      it('value and derivative match the closed forms and a central difference', () => {
        for (const x of c.points) {
          const got = run(spec, x);
          expect(near(got.y, c.f(...x), 1e-12), `${name}(${x}) = ${got.y}, want ${c.f(...x)}`).toBe(true);
          const exact = c.d(...x);
          expect(got.d.length).toBe(x.length);
          for (let i = 0; i < x.length; i++) {
            expect(near(got.d[i]!, exact[i]!, 1e-12, 1e-15), `${name}'(${x})[${i}] = ${got.d[i]}, want ${exact[i]}`).toBe(true);
            const fd = difference(spec, x, i);
            expect(near(got.d[i]!, fd, 1e-6, 1e-8), `${name}'(${x})[${i}] = ${got.d[i]}, central difference ${fd}`).toBe(true);
          }
        }
      });

      if (c.edges !== undefined) {
        it('follows the conventions at domain edges and kinks', () => {
          for (const e of c.edges!) {
            const got = run(spec, e.at);
            expect(near(got.y, e.y, 1e-12), `${name}(${e.at}) = ${got.y}, want ${e.y}`).toBe(true);
            for (let i = 0; i < e.d.length; i++) {
              expect(near(got.d[i]!, e.d[i]!, 1e-12), `${name}'(${e.at})[${i}] = ${got.d[i]}, want ${e.d[i]}`).toBe(true);
            }
          }
        });
      }
    });
  }

  it('gives every op the arity the list of op names declares', () => {
    for (const name of OP_NAMES) expect(OPS[name].arity, name).toBe(OP_ARITY[name]);
    expect(Object.keys(OP_ARITY)).toEqual(OP_NAMES);
  });

  it('keeps the sign of zero where Math does', () => {
    expect(Object.is(OPS.neg.f(0), -0)).toBe(true);
    expect(Object.is(OPS.sin.f(-0), -0)).toBe(true);
    expect(Object.is(OPS.cbrt.f(-0), -0)).toBe(true);
  });
});

describe('derivative rules that must not overflow on huge arguments', () => {
  it("acosh'(x) = 1/sqrt(x^2 - 1) ≈ 1/x at 1e200 (not 0 from an overflowing x^2)", () => {
    expect(OPS.acosh.df(1e200, 0) * 1e200).toBeCloseTo(1, 14);
  });
  it('∂log(x, base)/∂base = -log(x)/(base*log(base)^2) at base 1e305 (not 0 from an overflowing product)', () => {
    const b = 1e305;
    const exact = -Math.log(3) / (Math.log(b) ** 2) / b;
    const got = OPS.logb.db(3, b, OPS.logb.f(3, b));
    expect(Math.abs(got - exact) / Math.abs(exact)).toBeLessThan(1e-14);
  });
});
