// --check and optimize run on the compiled tape, never through the Value graph:
// the sweeps that fill the Value graph's numbers (compile/sweep.ts) are
// counted, and their call counts do not grow with the number of variables
// checked or the number of steps taken.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

const calls = vi.hoisted(() => ({ forward: 0, backward: 0 }));

vi.mock('../../../src/compile/sweep.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/compile/sweep.js')>();
  return {
    ...real,
    forward: (...args: Parameters<typeof real.forward>) => {
      calls.forward++;
      return real.forward(...args);
    },
    backward: (...args: Parameters<typeof real.backward>) => {
      calls.backward++;
      return real.backward(...args);
    },
  };
});

beforeEach(() => {
  calls.forward = 0;
  calls.backward = 0;
});

/** A sum of n terms over n variables. */
function program(n: number): { source: string; at: string } {
  const names = Array.from({ length: n }, (_, i) => `x${i}`);
  return { source: names.map((x, i) => `sin(${x})*${x}+${i}`).join(' + '), at: names.map((x, i) => `${x}=${i / n}`).join(',') };
}

describe('one engine', () => {
  it('eval --check evaluates the graph once and probes every variable on the tape', async () => {
    for (const n of [1, 30]) {
      calls.forward = 0;
      calls.backward = 0;
      const { source, at } = program(n);
      const r = await runMain(['eval', source, '--at', at, '--check', '--json']);
      expect(r.code).toBe(0);
      expect(Object.keys(JSON.parse(r.stdout).check)).toHaveLength(n);
      // The interpreter's own evaluation only: no 2 probes per variable.
      expect(calls).toEqual({ forward: 1, backward: 1 });
    }
  });

  // The second case is 20,000 nodes for 500 steps: 10,000,000 node visits each way.
  it.each([[20, 2000, '0.001'], [4000, 500, '0.01']])('optimize over %i variables, %i steps, never runs the interpreter',
    async (n, steps, lr) => {
      const { source, at } = program(n);
      const r = await runMain(['optimize', source, '--at', at, '--steps', String(steps), '--lr', lr, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).steps).toBe(steps);
      expect(calls).toEqual({ forward: 0, backward: 0 });
    }, 60_000);
});
