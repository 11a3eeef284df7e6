// Property: the backpropagated gradient of random smooth programs agrees with
// the shared central-difference helper (the same check as --check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../src/calculus/check.js';
import { build } from '../../src/graph/build.js';
import { backward, forward } from '../../src/compile/sweep.js';
import { chooseTargets } from '../../src/graph/targets.js';
import { parse } from '../../src/syntax/parser.js';

// Smooth on the whole real line and tame in size for inputs within a few units.
const UNARY = ['sin', 'cos', 'atan', 'tanh', 'sigmoid', 'softplus', 'asinh'] as const;
const BINARY = ['+', '-', '*'] as const;

/** A random program over x and y, written as text, built bottom-up with a loop. */
const program = fc.array(
  fc.tuple(fc.constantFrom(...UNARY), fc.constantFrom(...BINARY), fc.constantFrom('x', 'y', 't')),
  { minLength: 1, maxLength: 8 },
).map((steps) => {
  const lines = ['t = x*y'];
  for (const [f, op, other] of steps) lines.push(`t = ${f}(t) ${op} ${other}`);
  return lines.join('\n');
});

const coordinate = fc.double({ min: -2, max: 2, noNaN: true });

describe('gradient ≈ central difference on random programs', () => {
  it('agrees within 1e-6 relative', () => {
    fc.assert(fc.property(program, coordinate, coordinate, (src, x, y) => {
      const built = build(parse(src), new Map([['x', x], ['y', y]]));
      forward(built.graph.nodes);
      backward(built.graph.nodes, built.output);
      const entries = checkGradient(built, chooseTargets(built));
      for (const e of entries) expect(e.ok, `${src} at x=${x}, y=${y}: ∂/∂${e.name} ${e.analytic} vs ${e.numeric}`).toBe(true);
    }), { numRuns: 200, seed: 42 });
  });
});
