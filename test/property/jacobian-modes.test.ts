// Forward mode (tangents) and reverse mode give the same Jacobian to rounding
// on random programs over every op of the table, with several outputs, shared
// named nodes as columns, and outputs that do not reach every variable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jacobian, jvp } from '../../src/index.js';
import { print, tree } from '../helpers/programs.js';

const coordinate = fc.integer({ min: -2048, max: 2048 }).map((i) => i / 1024);
const point = fc.record({ x: coordinate, y: coordinate, z: coordinate });

/** Close to rounding: relative to the larger magnitude, absolute near 0. */
function agree(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('forward mode = reverse mode', () => {
  it('on random programs from every op (named nodes as columns)', () => {
    let compared = 0;
    let entries = 0;
    fc.assert(fc.property(tree, tree, tree, point, (t1, t2, t3, at) => {
      const src = `a = ${print(t1)}; u = ${print(t2)}; v = a*(${print(t3)}); w = u - a`;
      const of = ['w', 'u', 'v', 'a'];
      const reverse = jacobian(src, at, { of, all: true, mode: 'reverse' });
      const forward = jacobian(src, at, { of, all: true, mode: 'forward' });
      expect([...forward.values]).toEqual([...reverse.values]);
      for (const u of of) {
        const r = reverse.jacobian.get(u)!;
        const f = forward.jacobian.get(u)!;
        expect([...f.keys()]).toEqual([...r.keys()]);
        for (const [x, d] of r) {
          entries++;
          const e = f.get(x)!;
          if (!Number.isFinite(d) || !Number.isFinite(e)) continue;
          compared++;
          if (!agree(d, e)) expect.fail(`∂${u}/∂${x} of ${src} at ${JSON.stringify(at)}: reverse ${d}, forward ${e}`);
        }
      }
    }), { numRuns: 300, seed: 15 });
    // Most entries are finite: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(entries / 2);
  });

  it('jvp is the Jacobian times the tangent', () => {
    fc.assert(fc.property(tree, tree, point, point, (t1, t2, at, dir) => {
      const src = `u = ${print(t1)}; v = ${print(t2)}`;
      const j = jacobian(src, at, { of: ['u', 'v'], mode: 'reverse' });
      const names = [...j.jacobian.get('u')!.keys()];
      const tangent = Object.fromEntries(names.map((n) => [n, dir[n as 'x']]));
      const p = jvp(src, at, tangent, { of: ['u', 'v'] });
      for (const u of ['u', 'v']) {
        let sum = 0;
        let scale = 0;
        for (const [x, d] of j.jacobian.get(u)!) {
          sum += d * tangent[x]!;
          scale += Math.abs(d * tangent[x]!);
        }
        if (!Number.isFinite(sum) || !Number.isFinite(p.get(u)!)) continue;
        expect(Math.abs(p.get(u)! - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
      }
    }), { numRuns: 200, seed: 16 });
  });
});
