// Random expression trees over the whole op table, at random in-domain points:
// the backpropagated gradient agrees with a central difference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, gradient, OP_NAMES } from '../../src/index.js';
import { print, tree } from '../helpers/programs.js';

// A grid of multiples of 1/1024 in [-2, 2]: no subnormal coordinates, whose
// features live far below any finite-difference step (atan2(x², -1e-162) at x = 0).
const coordinate = fc.integer({ min: -2048, max: 2048 }).map((i) => i / 1024);
const point = fc.record({ x: coordinate, y: coordinate, z: coordinate });

/** Central difference of the program in `name`, step h. */
function central(src: string, at: Record<string, number>, name: string, h: number): number {
  const up = { ...at, [name]: at[name]! + h };
  const down = { ...at, [name]: at[name]! - h };
  return (evaluate(src, up).value - evaluate(src, down).value) / (up[name]! - down[name]!);
}

describe('gradient ≈ central difference on random programs', () => {
  it('every op of the table appears in the generator', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(tree, (t) => {
      const stack = [t];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.kind === 'op') {
          seen.add(n.op);
          stack.push(...n.args);
        }
      }
    }), { numRuns: 400, seed: 1 });
    expect([...seen].sort()).toEqual([...OP_NAMES].sort());
  });

  it('at well-conditioned in-domain points', () => {
    let checked = 0;
    fc.assert(fc.property(tree, point, (t, at) => {
      const src = print(t);
      const r = gradient(src, at);
      fc.pre(Number.isFinite(r.value) && Math.abs(r.value) < 1e6);
      for (const [name, g] of r.gradient) {
        fc.pre(Number.isFinite(g) && Math.abs(g) < 1e6);
        const h = 1e-5 * Math.max(1, Math.abs(at[name as 'x']));
        const fd = central(src, at, name, h);
        const fdHalf = central(src, at, name, h / 2);
        const scale = Math.max(1, Math.abs(g), Math.abs(r.value));
        // Near a kink or a pole the two steps disagree, and on a kink the one-sided
        // slopes differ: not a point to judge a derivative at.
        fc.pre(Math.abs(fd - fdHalf) <= 1e-6 * scale);
        const f0 = r.value;
        const right = (evaluate(src, { ...at, [name]: at[name as 'x'] + h }).value - f0) / h;
        const left = (f0 - evaluate(src, { ...at, [name]: at[name as 'x'] - h }).value) / h;
        fc.pre(Math.abs(right - left) <= 1e-3 * scale);
        expect(Math.abs(g - fdHalf), `${src} at ${JSON.stringify(at)}: ∂/∂${name} = ${g}, numeric ${fdHalf}`)
          .toBeLessThanOrEqual(1e-5 * scale);
      }
      checked++;
    }), { numRuns: 400 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 42) });
    expect(checked).toBeGreaterThan(100);
  });
});
