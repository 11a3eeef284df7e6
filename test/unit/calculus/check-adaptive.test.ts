// --check's adaptive difference: no false alarm on a correct gradient at an
// ordinary point of any magnitude, and every kink reported.
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../../src/calculus/check.js';
import { adaptiveDerivative } from '../../../src/calculus/finite-difference.js';
import { build } from '../../../src/graph/build.js';
import { backward, forward } from '../../../src/compile/sweep.js';
import { chooseTargets } from '../../../src/graph/targets.js';
import { parse } from '../../../src/syntax/parser.js';

function check(source: string, at: Record<string, number>, all = false) {
  const built = build(parse(source), new Map(Object.entries(at)));
  forward(built.graph.nodes);
  backward(built.graph.nodes, built.output);
  return checkGradient(built, chooseTargets(built, { all }));
}

/** Correct gradients at ordinary points, from tiny to huge: every entry must agree. */
const ORDINARY: ReadonlyArray<readonly [string, Record<string, number>]> = [
  ['log(x)', { x: 1e-5 }],
  ['1/x', { x: 1e-5 }],
  ['sqrt(x)', { x: 1e-7 }],
  ['exp(x)', { x: 700 }],
  ['cosh(x)', { x: 700 }],
  ['sinh(x)', { x: -700 }],
  ['sin(x)', { x: 1e8 }],
  ['cos(x)', { x: 1e8 }],
  ['asin(x)', { x: 0.99999 }],
  ['acos(x)', { x: -0.99999 }],
  ['atanh(x)', { x: 0.99999 }],
  ['tan(x)', { x: 1.5707 }],
  ['x^0.5', { x: 1e-300 }],
  ['sqrt(x)', { x: 1e-300 }],
  ['log(x)', { x: 1e-300 }],
  ['log(x)', { x: 1e300 }],
  ['x^2', { x: 1e150 }],
  ['relu(x)', { x: 1e-20 }],
  ['abs(x)', { x: -1e-300 }],
  ['max(x, 0)', { x: 1e-10 }],
  ['hypot(x, y)', { x: 3, y: -4 }],
  ['hypot(x, y)', { x: 1e-200, y: 3e-200 }],
  ['pow(x, y)', { x: 1.7, y: 2.3 }],
  ['x^y', { x: 1e-5, y: 0.5 }],
  ['x^y', { x: 3, y: 600 }],
  ['atan2(y, x)', { x: -1, y: 1e-8 }],
  ['log(x, b)', { x: 1e-5, b: 7 }],
  ['sin(x)*exp(y) + log(z)', { x: 0.3, y: -2, z: 1e-4 }],
  ['(sin(x2)+1)/(x2+exp(x1))+x1*x2', { x1: 1.5, x2: 0.5 }],
  ['x*y*z', { x: 1e-100, y: 1e50, z: 1e40 }],
  ['asinh(x) - x', { x: 0 }],
  ['1e8 + sin(x)', { x: 0.5 }],
  ['cos(x) + y*1e8', { x: 0, y: 3 }],
  ['x^2', { x: 0 }],
  ['sigmoid(x)', { x: -30 }],
  ['softplus(x)', { x: 40 }],
  ['expm1(x)', { x: 1e-10 }],
  ['log1p(x)', { x: -0.99999 }],
  ['acosh(x)', { x: 1.00001 }],
  ['acosh(x)', { x: 1e200 }],
  ['log(x, b)', { x: 3, b: 1e305 }],
  ['cbrt(x)', { x: -1e-200 }],
];

describe('no false alarm at an ordinary point of any magnitude', () => {
  for (const [source, at] of ORDINARY) {
    it(`${source} at ${JSON.stringify(at)}`, () => {
      for (const e of check(source, at)) {
        expect(e.ok, `∂/∂${e.name}: ${e.analytic} vs ${e.numeric} ± ${e.uncertainty}`).toBe(true);
        expect(e.kink).toBe(false);
      }
    });
  }

  it('a named intermediate node is probed like a variable (the node held, the rest recomputed)', () => {
    const entries = check('a = log(x); b = a*a; out = b + sin(a)', { x: 1e-5 }, true);
    expect(entries.map((e) => e.name)).toEqual(['x', 'a', 'b']);
    for (const e of entries) expect(e.ok, e.name).toBe(true);
    // d out/d a = 2a + cos(a), a = log(1e-5)
    const a = Math.log(1e-5);
    expect(Math.abs(entries[1]!.numeric - (2 * a + Math.cos(a)))).toBeLessThan(1e-8);
  });
});

describe('kinks are reported, with both one-sided slopes', () => {
  const KINKS: ReadonlyArray<readonly [string, Record<string, number>, string, number, number]> = [
    ['relu(x)', { x: 0 }, 'x', 0, 1],
    ['abs(x)', { x: 0 }, 'x', -1, 1],
    ['max(x, y)', { x: 2, y: 2 }, 'x', 0, 1],
    ['min(x, 1)', { x: 1 }, 'x', 1, 0],
    ['abs(x - 3)*5 + x', { x: 3 }, 'x', -4, 6],
    ['relu(x)', { x: 0, y: 1 }, 'x', 0, 1],
  ];
  for (const [source, at, name, left, right] of KINKS) {
    it(`${source} at ${JSON.stringify(at)}`, () => {
      const e = check(source, at).find((c) => c.name === name)!;
      expect(e.kink).toBe(true);
      expect(e.ok).toBe(false);
      expect(Math.abs(e.left - left)).toBeLessThan(1e-9);
      expect(Math.abs(e.right - right)).toBeLessThan(1e-9);
    });
  }
});

describe('the adaptive difference itself', () => {
  it('stays inside the domain: sqrt at 1e-7 is probed only where it is defined', () => {
    let outside = 0;
    const d = adaptiveDerivative((x) => {
      if (x < 0) outside++;
      return Math.sqrt(x);
    }, 1e-7);
    expect(Math.abs(d.value - 0.5 / Math.sqrt(1e-7))).toBeLessThan(1e-9 * d.value);
    // Steps too large for the domain give NaN and are shrunk; every accepted estimate is inside.
    expect(outside).toBeGreaterThan(0);
    expect(d.error).toBeLessThan(1e-8 * d.value);
  });

  it('its error estimate covers its real error on smooth functions', () => {
    const cases: ReadonlyArray<readonly [(x: number) => number, (x: number) => number, number]> = [
      [Math.sin, Math.cos, 1e8], [Math.log, (x) => 1 / x, 1e-5], [Math.exp, Math.exp, 700],
      [Math.atanh, (x) => 1 / (1 - x * x), 0.99999], [Math.tan, (x) => 1 / Math.cos(x) ** 2, 1.5707],
    ];
    for (const [f, df, x] of cases) {
      const d = adaptiveDerivative(f, x);
      expect(Math.abs(d.value - df(x))).toBeLessThanOrEqual(d.error);
      expect(d.error).toBeLessThan(1e-9 * Math.abs(df(x)));
    }
  });

  it('costs a bounded number of probes', () => {
    for (const x of [0, 1e-300, 1e-5, 1, 700, 1e8, 1e300]) {
      expect(adaptiveDerivative(Math.sin, x).probes).toBeLessThanOrEqual(4 * 41 + 1);
    }
    expect(adaptiveDerivative(Math.sin, 1).probes).toBeLessThan(60);
  });
});
