import { describe, expect, it } from 'vitest';
import { checkGradient, checkOp } from '../../../src/calculus/check.js';
import { build } from '../../../src/graph/build.js';
import { backward, forward } from '../../../src/compile/sweep.js';
import { chooseTargets } from '../../../src/graph/targets.js';
import type { OpSpec } from '../../../src/ops/spec.js';
import { OPS, OP_NAMES } from '../../../src/ops/table.js';
import { parse } from '../../../src/syntax/parser.js';
import { OP_POINTS } from './op-points.js';

describe('checkOp: every derivative rule of the table against central differences', () => {
  for (const name of OP_NAMES) {
    it(name, () => {
      const entries = checkOp(OPS[name], OP_POINTS[name]);
      for (const e of entries) expect(e.ok, `${name} ∂/∂${e.name}: ${e.analytic} vs ${e.numeric}`).toBe(true);
    });
  }

  it('fails for a deliberately broken rule (sin with d/dx = sin x)', () => {
    const broken: OpSpec = { ...OPS.sin, df: (x: number) => Math.sin(x) };
    const [e] = checkOp(broken, [0.9]);
    expect(e!.ok).toBe(false);
    expect(e!.relative).toBeGreaterThan(0.1);
  });

  it('fails for a broken second-argument rule (div with d/db = a/b^2)', () => {
    const broken: OpSpec = { ...OPS.div, db: (a: number, b: number) => a / (b * b) };
    const [da, db] = checkOp(broken, [1.3, -0.7]);
    expect(da!.ok).toBe(true);
    expect(db!.ok).toBe(false);
  });
});

describe('checkGradient on a graph', () => {
  function run(src: string, at: Record<string, number>, all = false) {
    const built = build(parse(src), new Map(Object.entries(at)));
    forward(built.graph.nodes);
    backward(built.graph.nodes, built.output);
    const before = built.graph.nodes.map((v) => v.data);
    const entries = checkGradient(built, chooseTargets(built, { all }));
    return { built, before, entries };
  }

  it('agrees on the classic example, named nodes included, and restores every value', () => {
    const { built, before, entries } = run('e = a*b; d = e + c; L = d*f', { a: 2, b: -3, c: 10, f: -2 }, true);
    expect(entries.map((e) => e.name)).toEqual(['a', 'b', 'c', 'f', 'e', 'd']);
    expect(entries.every((e) => e.ok)).toBe(true);
    expect(built.graph.nodes.map((v) => v.data)).toEqual(before);
    const numeric = new Map(entries.map((e) => [e.name, e.numeric]));
    for (const [name, g] of [['a', 6], ['b', -4], ['c', -2], ['f', 4], ['e', -2], ['d', -2]] as const) {
      expect(Math.abs(numeric.get(name)! - g)).toBeLessThan(1e-8);
    }
  });

  it('a gradient of 0 agrees with a numeric difference at rounding level', () => {
    const { entries } = run('cos(x) + y*1e8', { x: 0, y: 3 });
    expect(entries.every((e) => e.ok)).toBe(true);
  });

  it('disagrees at a kink, where the convention is not the two-sided slope', () => {
    const { entries } = run('relu(x)', { x: 0 });
    expect(entries[0]!.ok).toBe(false);
    expect(entries[0]!.numeric).toBeCloseTo(0.5, 9);
  });

  it('a NaN gradient never passes', () => {
    const { entries } = run('sqrt(x)', { x: 0 });
    expect(entries[0]!.ok).toBe(false);
  });
});
