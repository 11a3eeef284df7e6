// The bounded record of a run's values that optimize --plot draws.
import { describe, expect, it } from 'vitest';
import { StepRecord } from '../../../src/cli/plot-output.js';

describe('StepRecord', () => {
  it('keeps every step of a short run', () => {
    const r = new StepRecord(10);
    for (let i = 0; i < 8; i++) r.add(i * i);
    expect(r.series()).toEqual({ steps: [0, 1, 2, 3, 4, 5, 6, 7], values: [0, 1, 4, 9, 16, 25, 36, 49] });
  });

  it('thins a long run to evenly spaced steps, at most the limit, the last step kept', () => {
    const r = new StepRecord(10);
    for (let i = 0; i <= 100; i++) r.add(-i);
    const { steps, values } = r.series();
    expect(steps.length).toBeLessThanOrEqual(11);
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBe(100);
    const gaps = new Set(steps.slice(1, -1).map((s, i) => s - steps[i]!));
    expect(gaps.size).toBe(1);
    expect(values).toEqual(steps.map((s) => -s));
  });

  it('records what an objective returns with a finite gradient only', () => {
    const r = new StepRecord();
    const watched = StepRecord.watch({ size: 1, evaluate: (p, g) => { g[0] = p[0]! > 1 ? NaN : 1; return p[0]!; } }, r);
    const g = new Float64Array(1);
    for (const x of [0, 0.5, 1, 2]) watched.evaluate(Float64Array.of(x), g);
    expect(r.series().values).toEqual([0, 0.5, 1]);
  });
});
