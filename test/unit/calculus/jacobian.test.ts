// Jacobians of several outputs against closed forms, in both modes: polar to
// Cartesian, a small nonlinear system, entries exactly 0 where an output does
// not depend on a column (even beside an infinite local derivative), an output
// that is a variable, a constant output; the mode choice; jvp; errors.
import { describe, expect, it } from 'vitest';
import { cheaperMode, chooseOutputs, JacobianTape } from '../../../src/calculus/jacobian.js';
import { build } from '../../../src/graph/build.js';
import { chooseTargets } from '../../../src/graph/targets.js';
import { ArgumentError, jacobian, jvp, NameError, parse } from '../../../src/index.js';

const MODES = ['reverse', 'forward'] as const;

/** The Jacobian as nested arrays, rows in `of` order. */
function matrix(src: string, at: Record<string, number>, of: string[], mode: 'reverse' | 'forward',
  extra: { wrt?: string[]; all?: boolean } = {}): number[][] {
  const j = jacobian(src, at, { of, mode, ...extra });
  expect(j.mode).toBe(mode);
  return of.map((u) => [...j.jacobian.get(u)!.values()]);
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((x, k) => expect(x).toBeCloseTo(expected[i]![k]!, 12)));
}

describe.each(MODES)('jacobian (%s mode)', (mode) => {
  it('polar to Cartesian: [[cos t, -r sin t], [sin t, r cos t]]', () => {
    const r = 1.5;
    const t = 0.7;
    const got = matrix('x = r*cos(t); y = r*sin(t)', { r, t }, ['x', 'y'], mode);
    expectClose(got, [[Math.cos(t), -r * Math.sin(t)], [Math.sin(t), r * Math.cos(t)]]);
  });

  it('a small nonlinear system: f = x^2 + y^2 - 4, g = exp(x) + y - 1, h = x*y*z', () => {
    const at = { x: 0.3, y: -1.2, z: 2 };
    const j = jacobian('f = x^2 + y^2 - 4; g = exp(x) + y - 1; h = x*y*z', at, { of: ['h', 'f', 'g'], mode });
    expect([...j.values.keys()]).toEqual(['h', 'f', 'g']);
    expect(j.values.get('f')).toBeCloseTo(0.09 + 1.44 - 4, 12);
    expectClose(['h', 'f', 'g'].map((u) => [...j.jacobian.get(u)!.values()]), [
      [at.y * at.z, at.x * at.z, at.x * at.y],
      [2 * at.x, 2 * at.y, 0],
      [Math.exp(at.x), 1, 0],
    ]);
  });

  it('an entry whose output does not depend on the column is exactly 0, beside an infinite local derivative', () => {
    // sqrt'(0) is Infinity: forward mode must not multiply it by y's zero tangent.
    const j = jacobian('u = x + sqrt(y); v = sqrt(y); w = 3*x', { x: 2, y: 0 }, { of: ['u', 'v', 'w'], mode });
    expect(Object.is(j.jacobian.get('u')!.get('x'), 1)).toBe(true);
    expect(j.jacobian.get('u')!.get('y')).toBe(Infinity);
    expect(Object.is(j.jacobian.get('v')!.get('x'), 0)).toBe(true);
    expect(Object.is(j.jacobian.get('w')!.get('y'), 0)).toBe(true);
    expect(j.jacobian.get('w')!.get('x')).toBe(3);
  });

  it('an output that is a variable, and a constant output', () => {
    const j = jacobian('u = x; c = 2; v = x*y', { x: 3, y: 4 }, { of: ['u', 'c', 'v'], mode });
    expect(j.values).toEqual(new Map([['u', 3], ['c', 2], ['v', 12]]));
    expect([...j.jacobian.get('u')!.values()]).toEqual([1, 0]);
    expect([...j.jacobian.get('c')!.values()]).toEqual([0, 0]);
    expect([...j.jacobian.get('v')!.values()]).toEqual([4, 3]);
  });

  it('columns: --wrt order, and named nodes with all', () => {
    const src = 'a = x*y; u = a + y; v = sin(a)';
    expect(matrix(src, { x: 2, y: 5 }, ['u'], mode, { wrt: ['y', 'x'] })).toEqual([[3, 5]]);
    // Columns x, y, then the named nodes a and u (v is the output).
    const all = matrix(src, { x: 2, y: 5 }, ['u', 'v'], mode, { all: true });
    expectClose(all, [[5, 3, 1, 1], [5 * Math.cos(10), 2 * Math.cos(10), Math.cos(10), 0]]);
  });

  it('the output of an unnamed last statement is f', () => {
    expect(matrix('u = x*y; u + x', { x: 2, y: 3 }, ['f', 'u'], mode)).toEqual([[4, 2], [3, 2]]);
  });
});

describe('the mode choice', () => {
  it('reverse when there are fewer outputs than columns, forward otherwise; min(m, n) sweeps', () => {
    expect(cheaperMode(3, 100)).toBe('reverse');
    expect(cheaperMode(100, 3)).toBe('forward');
    expect(cheaperMode(2, 2)).toBe('forward');
    const many = Array.from({ length: 10 }, (_, i) => `u${i} = x*${i} + y`).join('; ');
    const built = build(parse(many), new Map([['x', 1], ['y', 2]]));
    const outputs = chooseOutputs(built, Array.from({ length: 10 }, (_, i) => `u${i}`));
    const tall = new JacobianTape(built, outputs, chooseTargets(built));
    expect([tall.mode, tall.sweeps]).toEqual(['forward', 2]);
    const wide = new JacobianTape(built, outputs.slice(0, 1), chooseTargets(built));
    expect([wide.mode, wide.sweeps]).toEqual(['reverse', 1]);
    expect(jacobian(many, { x: 1, y: 2 }, { of: ['u3'] }).mode).toBe('reverse');
  });
});

describe('jvp', () => {
  it('is J·t', () => {
    const src = 'x = r*cos(t); y = r*sin(t)';
    const at = { r: 2, t: 0.4 };
    const j = jacobian(src, at, { of: ['x', 'y'] });
    const got = jvp(src, at, { r: 0.5, t: -3 }, { of: ['x', 'y'] });
    for (const u of ['x', 'y']) {
      const row = j.jacobian.get(u)!;
      expect(got.get(u)).toBeCloseTo(row.get('r')! * 0.5 + row.get('t')! * -3, 12);
    }
    expect(jvp(src, at, {}, { of: ['y'] })).toEqual(new Map([['y', 0]]));
  });
});

describe('errors', () => {
  const src = 'u = x*y; v = x + 1';
  it('an --of name that is not an output, with did you mean; an empty name; a duplicate', () => {
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['vv'] })).toThrow(NameError);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['vv'] })).toThrow(/'vv' is not an output.*did you mean 'v'/);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: [''] })).toThrow(/empty name/);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['u', 'u'] })).toThrow(/names 'u' twice/);
    // A variable is not an output name.
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['x'] })).toThrow(NameError);
  });

  it('wrong arguments are ArgumentErrors', () => {
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: [] })).toThrow(ArgumentError);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: 'u' } as never)).toThrow(ArgumentError);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['u'], mode: 'sideways' } as never)).toThrow(/mode must be/);
    expect(() => jacobian(src, { x: 1, y: 2 }, { of: ['u'], wrt: 'x' } as never)).toThrow(ArgumentError);
    expect(() => jvp(src, { x: 1, y: 2 }, { z: 1 }, { of: ['u'] })).toThrow(/tangent names 'z'/);
  });
});
