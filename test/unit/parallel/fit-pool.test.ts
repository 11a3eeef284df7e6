// The fit pool in process, with real worker threads (dist/worker.cjs): a pass
// from the workers alone has the bits of a pass on this thread, a worker that
// fails is an error on the main thread, never a hang, and the progress bar of
// a parallel fit still moves.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { prepareFit, type FitSettings } from '../../../src/calculus/fit-program.js';
import { QrAccumulator } from '../../../src/calculus/fit/qr-accumulator.js';
import { parse } from '../../../src/index.js';
import { startFitPool, type FitPool } from '../../../src/parallel/fit-pool.js';

const ROWS = 10_000;
const x = Float64Array.from({ length: ROWS }, (_, i) => (4 * i) / ROWS);
const columns = { names: ['x', 'y'], values: [x, x.map((v, i) => 2.5 * Math.exp(-1.3 * v) + 0.5 + 1e-3 * Math.sin(i))], rows: ROWS };
const at = new Map([['a', 1], ['k', 1], ['c', 0]]);
let pool: FitPool | undefined;
afterEach(async () => { await pool?.close().catch(() => undefined); pool = undefined; });

const bits = (a: QrAccumulator): number[] => [...a.r, ...a.qtr, a.ssr, a.rows];

describe('fit pool', () => {
  it('a least-squares pass and a loss pass from the workers alone: the same bits as on this thread', async () => {
    const settings: FitSettings = { at, y: 'y' };
    const model = prepareFit(parse('a*exp(-k*x) + c'), columns, settings);
    pool = startFitPool(parse('a*exp(-k*x) + c'), columns, settings, model, 3, { workersOnly: true });
    const point = Float64Array.of(2, 1.1, 0.4);
    const here = new QrAccumulator(3);
    model.problem.evaluate(point, here);
    const there = new QrAccumulator(3);
    pool.model.problem.evaluate(point, there);
    expect(bits(there)).toEqual(bits(here));
    expect(there.rows).toBe(ROWS);

    const lossSettings: FitSettings = { at, method: 'adam' };
    const loss = prepareFit(parse('(y - (a*exp(-k*x) + c))^2'), columns, lossSettings);
    await pool.close();
    pool = startFitPool(parse('(y - (a*exp(-k*x) + c))^2'), columns, lossSettings, loss, 2, { workersOnly: true });
    const g1 = new Float64Array(3);
    const g2 = new Float64Array(3);
    expect(pool.model.objective.evaluate(point, g2)).toBe(loss.objective.evaluate(point, g1));
    expect(Array.from(g2)).toEqual(Array.from(g1));
    expect(pool.report()).toBe('fit: 2 threads, 3 chunks of 4096 rows a pass; the workers computed 3 of 3 chunks');
  });

  it('a worker that fails: the pass throws its message, and so does close', async () => {
    const settings: FitSettings = { at, y: 'y' };
    const model = prepareFit(parse('a*exp(-k*x) + c'), columns, settings);
    // The workers get a program with a parameter that has no start value: binding it fails there.
    pool = startFitPool(parse('a*exp(-k*x) + q'), columns, settings, model, 2, { workersOnly: true });
    expect(() => pool!.model.problem.evaluate(model.start, new QrAccumulator(3))).toThrow(/^a fit worker thread failed: .*no start value for parameter 'q'/);
    await expect(pool.close()).rejects.toThrow(/a fit worker thread failed/);
  });
});

describe('fit --jobs in process', () => {
  it('draws the progress bar on a terminal while the workers compute the passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-fit-pool-'));
    const file = join(dir, 'rows.csv');
    writeFileSync(file, `x,y\n${Array.from(x, (v, i) => `${v},${columns.values[1]![i]!}`).join('\n')}\n`);
    let stdout = '';
    let stderr = '';
    // 4000 passes over 10,000 rows: seconds, well past the half second after which the bar shows.
    const code = await main(['fit', '(y - (a*exp(-k*x) + c))^2', '--data', file, '--at', 'a=1,k=1,c=0', '--steps', '4000', '--json', '--jobs', '2'], {
      stdout: { write: (t: string) => { stdout += t; return true; }, isTTY: false },
      stderr: { write: (t: string) => { stderr += t; return true; }, isTTY: true },
      stdin: Readable.from([]),
      env: { AUTOGRAD_FIT_PARALLEL_WORK: '0', AUTOGRAD_FIT_WORKERS_ONLY: '1' },
    });
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { iterations: number }).iterations).toBe(4000);
    // The bar, drawn as the passes go, then erased.
    expect(stderr).toMatch(/^\rfit [█░]{30} \d+% \d+\/40000000\r/);
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
  }, 60_000);
});
