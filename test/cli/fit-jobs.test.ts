// fit --jobs through the built binary: the same JSON, bit for bit, for every
// --jobs value (lm, gd, adam; --weights, --wrt, --every; --plot), with the chunks
// computed by the main thread and the workers as they come, or by the workers
// alone; small data starts no worker; bad --jobs values; a closed pipe and
// Ctrl-C end a parallel fit at once.
// AUTOGRAD_FIT_PARALLEL_WORK lowers the work (rows × passes) from which
// workers start, so 20,000 rows (5 chunks) take the parallel path here; AUTOGRAD_FIT_WORKERS_ONLY
// leaves every chunk to the workers; AUTOGRAD_DEBUG reports who computed what.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../src/calculus/fit/chunked-passes.js';
import { FIT_PARALLEL_WORK, LM_PASSES_ESTIMATE } from '../../src/parallel/jobs.js';
import { BIN, hasStackFrame, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-fit-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** y = 2.5·exp(−1.3·x) + 0.5 + noise on x in [0, 4), σ between 0.5 and 1.5. */
function rows(n: number): string {
  let s = 0x2545f491;
  const rnd = (): number => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
  const lines = ['x,y,s'];
  for (let i = 0; i < n; i++) {
    const x = 4 * rnd();
    lines.push(`${x},${2.5 * Math.exp(-1.3 * x) + 0.5 + 0.01 * (rnd() - 0.5)},${0.5 + rnd()}`);
  }
  return `${lines.join('\n')}\n`;
}

const ROWS = 5 * CHUNK_ROWS - 480;
const data = join(dir, 'rows.csv');
writeFileSync(data, rows(ROWS));
const PARALLEL = { AUTOGRAD_FIT_PARALLEL_WORK: '0' };
const WORKERS_ALONE = { ...PARALLEL, AUTOGRAD_FIT_WORKERS_ONLY: '1' };
const WORKERS_ONLY = { ...WORKERS_ALONE, AUTOGRAD_DEBUG: '1' };
const MODEL = 'a*exp(-k*x) + c';
const LOSS = `(y - (${MODEL}))^2`;

const FITS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['lm', [MODEL, '--y', 'y', '--at', 'a=1,k=1,c=0']],
  ['lm --weights', [MODEL, '--y', 'y', '--weights', 's', '--at', 'a=1,k=1,c=0']],
  ['lm --wrt', [MODEL, '--y', 'y', '--wrt', 'a,k', '--at', 'a=1,k=1,c=0.5']],
  ['gd', [LOSS, '--method', 'gd', '--lr', '0.05', '--steps', '40', '--at', 'a=2,k=1,c=0.5']],
  ['adam --wrt --every', [LOSS, '--method', 'adam', '--lr', '0.05', '--steps', '40', '--every', '10', '--wrt', 'a,c', '--at', 'a=2,k=1.3,c=0']],
];

describe('fit --jobs', () => {
  it.each(FITS)('%s: the same JSON for --jobs 1, 2, 3, whoever computes the chunks', (name, args) => {
    const fit = (jobs: string, env: Record<string, string>): { stdout: string; stderr: string } => {
      const r = runCli(['fit', ...args, '--data', data, '--json', '--jobs', jobs], { env });
      expect(r.code).toBe(0);
      return r;
    };
    const one = fit('1', PARALLEL);
    expect(one.stderr).toBe('');
    const j = JSON.parse(one.stdout) as { rows: number; parameters: Record<string, number>; stopped: string };
    expect(j.rows).toBe(ROWS);
    // A real fit, not identical nonsense: lm converges near the truth, gd and adam move towards it.
    if (name.startsWith('lm')) {
      expect(j.stopped).toMatch(/^converged/);
      expect(Math.abs(j.parameters.k! - 1.3)).toBeLessThan(name === 'lm --wrt' ? 0.2 : 1e-3);
    } else {
      expect(j.stopped).toBe('steps');
    }
    for (const jobs of ['2', '3']) {
      const shared = fit(jobs, PARALLEL);
      expect(shared.stderr).toBe('');
      expect(shared.stdout === one.stdout).toBe(true);
      // Every chunk of every pass from the workers: their arithmetic is the main thread's.
      const workers = fit(jobs, WORKERS_ONLY);
      expect(workers.stdout === one.stdout).toBe(true);
      const report = /^fit: (\d+) threads, 5 chunks of 4096 rows a pass; the workers computed (\d+) of (\d+) chunks\n$/.exec(workers.stderr);
      expect(report, workers.stderr).not.toBeNull();
      expect(report![1]).toBe(jobs);
      expect(Number(report![2])).toBeGreaterThan(0);
      expect(report![2]).toBe(report![3]);
    }
  });

  it(`starts workers from ${FIT_PARALLEL_WORK.toLocaleString('en')} rows × passes on, with more than one chunk; the default --jobs gives the same result`, () => {
    const fit = (args: readonly string[], env: Record<string, string> = {}): { stdout: string; stderr: string } => {
      const r = runCli(['fit', ...args, '--json'], { env: { AUTOGRAD_DEBUG: '1', ...env } });
      expect(r.code).toBe(0);
      return r;
    };
    const ONE = 'fit: one thread, no worker threads\n';
    // adam: passes = --steps.
    const steps = FIT_PARALLEL_WORK / ROWS;
    const adam = [LOSS, '--data', data, '--method', 'adam', '--at', 'a=2,k=1,c=0.5'];
    expect(fit([...adam, '--steps', String(steps - 1), '--jobs', '2']).stderr).toBe(ONE);
    const one = fit([...adam, '--steps', String(steps), '--jobs', '1']);
    expect(one.stderr).toBe(ONE);
    const two = fit([...adam, '--steps', String(steps), '--jobs', '2']);
    expect(two.stderr).toMatch(/^fit: 2 threads, 5 chunks of 4096 rows a pass; the workers computed \d+ of \d+ chunks\n$/);
    expect(two.stdout === one.stdout).toBe(true);
    expect(fit([...adam, '--steps', String(steps)]).stdout === one.stdout).toBe(true);
    // lm counts as LM_PASSES_ESTIMATE passes: these rows are too few.
    expect(ROWS * LM_PASSES_ESTIMATE).toBeLessThan(FIT_PARALLEL_WORK);
    expect(fit([MODEL, '--data', data, '--y', 'y', '--at', 'a=1,k=1,c=0', '--jobs', '2']).stderr).toBe(ONE);
    // One chunk of rows: nothing to share, whatever the work.
    const small = join(dir, 'small.csv');
    writeFileSync(small, rows(CHUNK_ROWS));
    expect(fit([LOSS, '--data', small, '--method', 'adam', '--steps', '5', '--at', 'a=2,k=1,c=0.5', '--jobs', '3'], PARALLEL).stderr).toBe(ONE);
    rmSync(small);
  });

  it('--plot draws the same picture for --jobs 1 and 3 (lm and adam)', () => {
    for (const args of [FITS[0]![1], FITS[4]![1]]) {
      const pictures = ['1', '3'].map((jobs) => {
        const file = join(dir, `fit-${jobs}.svg`);
        const r = runCli(['fit', ...args, '--data', data, '--plot', file, '--jobs', jobs], { env: PARALLEL });
        expect(r.code).toBe(0);
        const svg = readFileSync(file, 'utf8');
        rmSync(file);
        return svg;
      });
      expect(pictures[0]).toMatch(/^<svg/);
      expect(pictures[1] === pictures[0]).toBe(true);
    }
  });

  it('a small eval and a small fit never load node:worker_threads (the cold start does not grow)', () => {
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, "const M = require('node:module'); const load = M._load; "
      + "M._load = function (request, ...rest) { if (/worker_threads/.test(request)) process.stderr.write('loaded ' + request + '\\n'); return load.call(this, request, ...rest); };");
    const run = (args: readonly string[]): string => spawnSync(process.execPath, ['-r', hook, BIN, ...args], { encoding: 'utf8' }).stderr;
    expect(run(['eval', 'x*y+sin(x)', '--at', 'x=1,y=2'])).toBe('');
    expect(run(['fit', MODEL, '--data', data, '--y', 'y', '--at', 'a=1,k=1,c=0'])).toBe('');
    // The hook does see a fit that starts workers.
    expect(run(['fit', LOSS, '--data', data, '--method', 'adam', '--steps', '400', '--at', 'a=2,k=1,c=0.5', '--jobs', '2'])).toContain('loaded node:worker_threads');
  });

  it('a bad --jobs is a usage error: exit 2, one message, no stack trace', () => {
    for (const bad of ['0', '1.5', 'abc', '257', '-1']) {
      const r = runCli(['fit', MODEL, '--data', data, '--y', 'y', '--at', 'a=1,k=1,c=0', '--jobs', bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: .*--jobs/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(hasStackFrame(r.stderr)).toBe(false);
    }
  });

  it('--every into a closed pipe (| head -1) ends a parallel fit at once, quietly, with status 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" fit "${LOSS}" --data "${data}" --method adam `
      + '--steps 100000000 --every 1 --at a=2,k=1,c=0.5 --jobs 2 | head -1; echo "status=$?"'], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...WORKERS_ALONE },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^[^\n]+\nstatus=0\n$/);
  });

  it('Ctrl-C while the workers compute ends the process at once', async () => {
    const child = spawn(process.execPath, [BIN, 'fit', LOSS, '--data', data, '--method', 'gd', '--steps', '100000000', '--every', '20',
      '--at', 'a=2,k=1,c=0.5', '--jobs', '2'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...WORKERS_ALONE } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Trajectory rows past the first: the workers are computing the passes.
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.split('\n').length > 4) resolve(); }));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    child.kill('SIGINT');
    const r = await exit;
    expect(r.signal === 'SIGINT' || r.code === 130).toBe(true);
    expect(stderr).toBe('');
  }, 60_000);
});
