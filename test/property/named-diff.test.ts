// diff with respect to named nodes: for random programs with named
// intermediates (negations, constants, reuse, reassignment, a named output),
// the printed derivative evaluates to what backpropagation gives, for every
// --wrt name alone and for --all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diff, evaluate, gradient } from '../../src/index.js';
import { VARS, pointArb } from '../helpers/random-expr.js';

const RUNS = { numRuns: 200, seed: 20261201 };
const NAMES = ['a', 'b', 'c', 'd'] as const;

/** One statement's right-hand side over `atoms` (variables and names bound so far). */
function rhsArb(atoms: readonly string[]): fc.Arbitrary<string> {
  const atom = fc.constantFrom(...atoms);
  const constant = fc.constantFrom('0', '1', '-1', '2', '0.5', 'pi');
  return fc.oneof(
    atom.map((p) => `-${p}`),
    atom.map((p) => `-(-${p})`),
    constant,
    atom,
    fc.tuple(atom, atom).map(([p, q]) => `${p}*${q}`),
    fc.tuple(atom, atom).map(([p, q]) => `${p} + ${q}`),
    fc.tuple(atom, atom).map(([p, q]) => `${p} - ${q}`),
    fc.tuple(atom, constant).map(([p, c]) => `${p}*${c}`),
    fc.tuple(atom, atom).map(([p, q]) => `-${p}/(1 + ${q}*${q})`),
    fc.tuple(fc.constantFrom('sin', 'tanh', 'exp', 'sigmoid'), atom).map(([f, p]) => `${f}(-${p})`),
  );
}

/** A program of 1 to 6 statements; names repeat (reassignment), the output is named or not. */
const programArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.nat()), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.nat())
  .chain(([statements, namedOutput, seed]) => {
    const atoms: string[] = [...VARS];
    let arb: fc.Arbitrary<string[]> = fc.constant([]);
    for (const [name] of statements) {
      const here = [...atoms];
      arb = arb.chain((done) => rhsArb(here).map((rhs) => [...done, `${name} = ${rhs}`]));
      if (!atoms.includes(name)) atoms.push(name);
    }
    const last = [...atoms];
    return arb.chain((done) => rhsArb(last).map((rhs) =>
      [...done, `${namedOutput ? 'out = ' : ''}${rhs}*${last[seed % last.length]}`].join('; ')));
  });

/** Equal up to rounding of a reordered sum. */
const agrees = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

describe('diff with respect to named nodes', () => {
  it('diff --wrt <node>, evaluated, equals eval --wrt <node>; diff --all equals eval --all', () => {
    let checked = 0;
    fc.assert(fc.property(programArb, pointArb, (src, at) => {
      const want = gradient(src, at, { all: true }).gradient;
      if (![...want.values()].every(Number.isFinite)) return;
      checked++;
      const all = diff(src, { all: true });
      expect([...all.keys()]).toEqual([...want.keys()]);
      for (const [name, text] of all) {
        const got = evaluate(text, at).value;
        expect(agrees(got, want.get(name)!), `--all ∂/∂${name} of ${src}\n${text}\n${got} vs ${want.get(name)}`).toBe(true);
      }
      for (const name of NAMES) {
        if (!new RegExp(`\\b${name} =`).test(src)) continue;
        const one = gradient(src, at, { wrt: [name] }).gradient.get(name)!;
        const text = diff(src, { wrt: [name] }).get(name)!;
        const got = evaluate(text, at).value;
        expect(agrees(got, one), `--wrt ${name} of ${src}\n${text}\n${got} vs ${one}`).toBe(true);
      }
    }), RUNS);
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });
});
