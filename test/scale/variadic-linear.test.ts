// max/min of many arguments cost linear time on every path: one dxAll per
// call and sweep, never one dx per argument, through eval, --points and an
// optimize step; and the generated kernel grows linearly with the arguments.
// Work is counted (calls of the op's rules), never timed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kernelSource } from '../../src/compile/kernel.js';
import { Tape } from '../../src/compile/tape.js';
import { build } from '../../src/graph/build.js';
import { OPS } from '../../src/ops/table.js';
import { parse } from '../../src/syntax/parser.js';
import { runMain } from '../helpers/in-process.js';
import { withRule } from '../helpers/op-table.js';

vi.mock('../../src/ops/table.js', async (real) =>
  (await import('../helpers/op-table.js')).swappableTable(await real()));

const calls = { f: 0, dx: 0, dxAll: 0, elements: 0 };
beforeEach(() => Object.assign(calls, { f: 0, dx: 0, dxAll: 0, elements: 0 }));

/** max with its rules counted: how many calls, and how many arguments dxAll went through. */
const max = OPS.max;
const countingMax = {
  ...max,
  f: (xs: ArrayLike<number>) => { calls.f++; return max.f(xs); },
  dx: (xs: ArrayLike<number>, y: number, i: number) => { calls.dx++; return max.dx(xs, y, i); },
  dxAll: (xs: ArrayLike<number>, y: number, out: number[]) => {
    calls.dxAll++;
    calls.elements += xs.length;
    max.dxAll(xs, y, out);
  },
};

/** `max(x+0, x+1, …)` of n arguments: the last one is the largest. */
function program(n: number): string {
  return `max(${Array.from({ length: n }, (_, k) => `x+${k}`).join(', ')})`;
}

const PATHS = [
  ['eval', (n: number) => ['eval', program(n), '--at', 'x=0.5', '--json'], 1, 1],
  ['--points, one row', (n: number) => ['eval', program(n), '--points', '-', '--json'], 1, 1],
  ['optimize, one step', (n: number) => ['optimize', program(n), '--at', 'x=0.5', '--steps', '1', '--lr', '0.1', '--json'], 2, 2],
] as const;

describe.each(PATHS)('max of 100,000 arguments through %s', (_name, args, forwards, sweeps) => {
  it('calls dxAll once per backward sweep and dx never', async () => {
    for (const n of [1000, 100_000]) {
      calls.f = calls.dx = calls.dxAll = calls.elements = 0;
      const r = await withRule('max', countingMax, () => runMain(args(n), 'x\n0.5\n'));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout.split('\n')[0]!);
      expect(out.gradient.x).toBe(1);
      // The same number of calls whatever n is; the arguments each pass reads are n per call.
      expect(calls).toEqual({ f: forwards, dx: 0, dxAll: sweeps, elements: sweeps * n });
    }
  }, 120_000);
});

describe('the generated kernel of a max call', () => {
  it('grows linearly with the argument count (no gather per edge)', () => {
    const size = (n: number): number => {
      const built = build(parse(`max(${Array.from({ length: n }, () => 'x').join(', ')})`), new Map([['x', 1]]));
      const tape = new Tape(built.graph.nodes, [built.output]);
      expect(tape.compiled).toBe(true);
      return kernelSource(tape).body.length;
    };
    const [a, b] = [size(1000), size(2000)];
    // One gather forward, one backward and one statement per edge: 2n + n lines; a gather per edge would be n².
    expect(b / a).toBeGreaterThan(1.9);
    expect(b / a).toBeLessThan(2.2);
  });
});
