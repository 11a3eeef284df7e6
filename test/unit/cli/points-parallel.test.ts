// eval --points over worker threads, in this process with tiny blocks, so that
// a few kilobytes of input cross many block boundaries: the output must be
// byte for byte the one-thread output, whatever the program, the format, the
// chunking of the input and where the blocks are cut.
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../../src/cli/color.js';
import type { CliContext } from '../../../src/cli/context.js';
import { runPoints, type PointsOptions } from '../../../src/cli/points-command.js';
import { parse } from '../../../src/syntax/parser.js';
import { expressionArb } from '../../helpers/random-expr.js';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | undefined;
  readonly error: string | undefined;
  readonly blocks: number;
  readonly workers: number;
}

/** Runs --points on `input` given in `chunks` pieces of these sizes (cycled). */
async function points(source: string, input: Buffer, sizes: readonly number[], opts: Omit<PointsOptions, 'points'>,
  env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const parts: Buffer[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    parts.push(input.subarray(at, at + n));
    at += n;
  }
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const ctx: CliContext = {
    stdout: { write: (s: string | Uint8Array) => { stdout += typeof s === 'string' ? s : decoder.decode(s); return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from(parts),
    env,
    style: makeStyle(0),
    errStyle: makeStyle(0),
  };
  let blocks = 0;
  let workers = 0;
  const tuning = { ...opts.tuning, report: (r: { workers: number; blocks: number }) => { ({ blocks, workers } = r); } };
  try {
    const code = await runPoints(parse(source), new Map(), { ...opts, tuning, points: '-' }, ctx);
    return { stdout, stderr, code, error: undefined, blocks, workers };
  } catch (e) {
    return { stdout, stderr, code: undefined, error: (e as Error).message, blocks, workers };
  }
}

const number = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }).map(String),
  fc.constantFrom('0', '-0', '1e-3', '2.5', ' 1 ', '3'),
);

interface Rows {
  readonly text: string;
  readonly rows: number;
}

/** CSV or JSON Lines over x, y, z with blank lines, CRLF and a BOM sprinkled in. */
const rowsArb: fc.Arbitrary<Rows> = fc.record({
  json: fc.boolean(),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  // Mostly enough rows to reach the workers, sometimes none or a few.
  values: fc.oneof(
    { weight: 1, arbitrary: fc.array(fc.tuple(number, number, number), { maxLength: 5 }) },
    { weight: 4, arbitrary: fc.array(fc.tuple(number, number, number), { minLength: 100, maxLength: 400 }) },
  ),
  blanks: fc.array(fc.nat(300), { maxLength: 20 }),
  finalBreak: fc.boolean(),
}).map(({ json, bom, crlf, values, blanks, finalBreak }) => {
  const lines = values.map(([x, y, z]) => (json ? `{"x":${Number(x)},"y":${Number(y)},"z":${Number(z)}}` : `${x},${y},${z}`));
  for (const at of blanks) lines.splice(Math.min(at, lines.length), 0, at % 2 === 0 ? '' : '  ');
  if (!json) lines.unshift('x,y,z');
  const eol = crlf ? '\r\n' : '\n';
  return { text: `${bom ? '\ufeff' : ''}${lines.join(eol)}${finalBreak ? eol : ''}`, rows: values.length };
});

const layout = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 5 }),
  fromBytes: fc.integer({ min: 0, max: 1000 }),
  blockBytes: fc.integer({ min: 1, max: 1500 }),
  jobs: fc.integer({ min: 2, max: 3 }),
});

describe('eval --points with worker threads', () => {
  it('writes exactly what one thread writes: random programs, CSV and JSON Lines, any cut of the blocks', async () => {
    let parallel = 0;
    let blocks = 0;
    await fc.assert(fc.asyncProperty(expressionArb(undefined, 3), rowsArb, layout, fc.constantFrom('gradient', 'hessian', 'json', 'of'),
      async (expr, { text, rows }, { sizes, fromBytes, blockBytes, jobs }, mode) => {
        const source = mode === 'of' ? `u = ${expr}; v = u*x + y` : expr;
        const base: Omit<PointsOptions, 'points'> = {
          json: mode === 'json', hessian: mode === 'hessian', of: mode === 'of' ? ['u', 'v'] : undefined, strict: true,
        };
        const input = Buffer.from(text);
        const one = await points(source, input, [input.length + 1], { ...base, jobs: 1 });
        const many = await points(source, input, sizes, { ...base, jobs, tuning: { fromBytes, blockBytes, waitForWorkers: true } });
        expect(many).toEqual({ ...one, blocks: many.blocks, workers: many.workers });
        expect(one.error).toBeUndefined();
        expect(one.workers).toBe(0);
        // The workers got the input past fromBytes (unless it ended before a line break past it).
        if (input.length > fromBytes + 3000 && rows > 0) expect(many.blocks).toBeGreaterThan(0);
        if (many.blocks > 0) parallel++;
        blocks += many.blocks;
      }), { numRuns: 25, seed: 1612, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
    // Most runs crossed into the workers, over many blocks in all.
    expect(parallel).toBeGreaterThan(12);
    expect(blocks).toBeGreaterThan(200);
  }, 120_000);

  it('a bad row stops the run after every earlier row, with its line number, at a block boundary or inside a block', async () => {
    const good = Array.from({ length: 400 }, (_, i) => `${i},${i / 7}`);
    for (const bad of [1, 57, 58, 200, 399]) {
      const lines = ['x,y', ...good];
      lines[bad] = `${bad},oops`;
      const input = Buffer.from(`${lines.join('\n')}\n`);
      const one = await points('x*y', input, [input.length], { jobs: 1 });
      expect(one.error).toBe(`<stdin>:${bad + 1}: 'oops' in column 'y' is not a number`);
      expect(one.stdout.split('\n').length).toBe(bad + 1);
      for (const blockBytes of [1, 100, 529, 5000]) {
        const many = await points('x*y', input, [300, 1000], { jobs: 2, tuning: { fromBytes: 0, blockBytes, waitForWorkers: true } });
        expect(many).toEqual({ ...one, blocks: many.blocks, workers: many.workers });
        // Past the first chunk (read on the main thread), the bad row is in a worker's block.
        if (bad > 1) expect(many.blocks).toBeGreaterThan(0);
      }
    }
  }, 60_000);

  it('--strict counts non-finite rows over every block and names the first', async () => {
    const lines = ['x', ...Array.from({ length: 300 }, (_, i) => String(i % 50 === 7 ? -1 : i + 1))];
    const input = Buffer.from(`${lines.join('\n')}\n`);
    const one = await points('log(x)', input, [input.length], { jobs: 1, strict: true });
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('<stdin>:9');
    expect(one.stderr).toContain('the first of 6 rows of 300');
    const many = await points('log(x)', input, [333], { jobs: 3, strict: true, tuning: { fromBytes: 10, blockBytes: 64, waitForWorkers: true } });
    expect(many).toEqual({ ...one, blocks: many.blocks, workers: many.workers });
    expect(many.blocks).toBeGreaterThan(10);
  }, 60_000);

  it('rows that take less than the threshold start no worker, whatever --jobs says; more do', async () => {
    const rows = (n: number): Buffer => Buffer.from(`x\n${Array.from({ length: n }, (_, i) => String(i / 3)).join('\n')}\n`);
    const small = rows(40_000);
    const quiet = await points('x*x', small, [65_536], { jobs: 3 });
    expect(quiet.workers).toBe(0);
    expect(quiet.stdout.split('\n').length).toBe(40_002);
    // The same rows, with the threshold lowered to 1 ms: past it, the workers start.
    const lowered = await points('x*x', small, [65_536], { jobs: 3, tuning: { waitForWorkers: true } }, { AUTOGRAD_POINTS_PARALLEL_MS: '1' });
    expect(lowered.workers).toBe(3);
    expect(lowered.blocks).toBeGreaterThan(0);
    expect(lowered.stdout === quiet.stdout).toBe(true);
  }, 60_000);
});
