import { describe, expect, it } from 'vitest';
import { tapeObjective, type Objective } from '../../../src/calculus/descent.js';
import { compileProgram } from '../../../src/compile/program.js';
import { optimize, optimizeSteps, type OptimizeOptions } from '../../../src/calculus/optimize.js';
import { build, type Built } from '../../../src/graph/build.js';
import type { Value } from '../../../src/graph/value.js';
import { parse } from '../../../src/syntax/parser.js';

/** The program's objective over `params`, on its compiled tape. */
function graphObjective(built: Built, params: readonly Value[]): Objective {
  return tapeObjective(compileProgram(built, [built.output]).tape, Int32Array.from(params, (v) => v.id));
}

function run(src: string, at: Record<string, number>, opts: Partial<OptimizeOptions>) {
  const built = build(parse(src), new Map(Object.entries(at)));
  const params = [...built.variables.values()];
  const rows: Array<[number, number, number[]]> = [];
  const result = optimize(graphObjective(built, params), Float64Array.from(params, (v) => v.data), {
    lr: 0.01, steps: 1, ...opts, onRow: (step, value, point) => rows.push([step, value, [...point]]),
  });
  return { result, rows, names: [...built.variables.keys()] };
}

describe('optimize', () => {
  it('one step of ascent on the sigmoid neuron: 0.8807970779778823 → 0.8825501816218984', () => {
    const { result } = run('sigmoid(a*x+b*y+c)', { a: 1, b: 2, c: -3, x: -1, y: 3 }, { maximize: true });
    expect(result.before).toBe(0.8807970779778823);
    expect(result.value).toBe(0.8825501816218984);
    expect(result.steps).toBe(1);
    expect(result.stopped).toBe('steps');
  });

  it('Rosenbrock from (-1.2, 1) reaches (1, 1) with lr 0.001 in 20000 steps', () => {
    const { result } = run('(1-x)^2 + 100*(y-x^2)^2', { x: -1.2, y: 1 }, { lr: 0.001, steps: 20000 });
    expect(Math.abs(result.point[0]! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(result.point[1]! - 1)).toBeLessThan(1e-3);
    expect(result.value).toBeLessThan(1e-6);
  });

  it('--tol stops on a small step or a small gradient', () => {
    const a = run('(x-3)^2', { x: 0 }, { lr: 0.1, steps: 100000, tol: 1e-9 });
    expect(a.result.stopped).toBe('step');
    expect(a.result.steps).toBeLessThan(200);
    expect(Math.abs(a.result.point[0]! - 3)).toBeLessThan(1e-8);
    const b = run('(x-3)^2', { x: 3 }, { lr: 0.1, steps: 10, tol: 0 });
    expect(b.result.stopped).toBe('gradient');
    expect(b.result.steps).toBe(0);
  });

  it('stops at the last finite point when a step gives NaN or Infinity', () => {
    const { result } = run('exp(x)', { x: 0 }, { lr: 100, steps: 10, maximize: true });
    expect(result.stopped).toBe('non-finite');
    expect(result.steps).toBe(1);
    expect(result.point[0]).toBe(100);
    expect(result.rejected).toBe(Infinity);
    const sq = run('sqrt(x)', { x: 1 }, { lr: 4, steps: 5 });
    expect(sq.result.stopped).toBe('non-finite');
    expect(Number.isFinite(sq.result.value)).toBe(true);
  });

  it('reports trajectory rows at 0, every n steps and at the end', () => {
    const { rows } = run('x^2', { x: 1 }, { lr: 0.25, steps: 5, every: 2 });
    expect(rows.map(([s]) => s)).toEqual([0, 2, 4, 5]);
    expect(rows[1]![2]).toEqual([0.25]);
  });

  it('--steps 0 only evaluates', () => {
    const { result } = run('x^2', { x: 3 }, { steps: 0 });
    expect(result.value).toBe(9);
    expect(result.gradient[0]).toBe(6);
  });
});

describe('optimizeSteps', () => {
  it('yields the same rows optimize gives onRow, and returns the same result', () => {
    const built = build(parse('(x-3)^2 + y^2'), new Map([['x', 0], ['y', 1]]));
    const params = [...built.variables.values()];
    const opts = { lr: 0.1, steps: 7, every: 3 };
    const generator = optimizeSteps(graphObjective(built, params), Float64Array.of(0, 1), opts);
    const rows: Array<[number, number, number[]]> = [];
    let next = generator.next();
    for (; next.done !== true; next = generator.next()) rows.push([next.value.step, next.value.value, [...next.value.point]]);
    const viaCallback = run('(x-3)^2 + y^2', { x: 0, y: 1 }, opts);
    expect(rows.map((r) => r[0])).toEqual([0, 3, 6, 7]);
    expect(rows).toEqual(viaCallback.rows);
    expect([...next.value.point]).toEqual([...viaCallback.result.point]);
  });

  it('a step that overflows the point says which parameter, and with what value', () => {
    const { result } = run('x^2 + y', { x: 1, y: 0 }, { lr: 1e308, steps: 3 });
    expect(result.stopped).toBe('non-finite');
    expect(result.steps).toBe(0);
    expect(result.overflowed).toEqual({ index: 0, value: -Infinity });
    const finite = run('exp(x)', { x: 0 }, { lr: 100, steps: 10, maximize: true }).result;
    expect(finite.stopped).toBe('non-finite');
    expect(finite.overflowed).toBeUndefined();
    expect(finite.rejected).toBe(Infinity);
  });
});
