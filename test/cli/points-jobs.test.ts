// eval --points --jobs through the built binary: the same bytes for every
// --jobs value, a bad row's line number and every row before it, a closed pipe
// and Ctrl-C end the run. The workers normally start only for inputs whose rows
// take 300 ms or more; AUTOGRAD_POINTS_PARALLEL_MS=0 starts them for these few
// megabytes, and AUTOGRAD_DEBUG=1 says how many blocks they got.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, hasStackFrame, ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 110_000;
const value = (i: number, k: number): string => String(Math.sin(i * 0.37 + k) * 3);
/** About 4 MB of CSV with a BOM, CRLF line ends and blank lines here and there. */
const csvLines = ['x,y,unused', ...Array.from({ length: ROWS }, (_, i) => (i % 997 === 5 ? '' : `${value(i, 0)},${value(i, 1)},text`))];
const csv = join(dir, 'rows.csv');
writeFileSync(csv, `\ufeff${csvLines.join('\r\n')}\r\n`);
const jsonl = join(dir, 'rows.jsonl');
writeFileSync(jsonl, `${Array.from({ length: ROWS }, (_, i) => (i % 1009 === 3 ? '   ' : JSON.stringify({ y: Number(value(i, 1)), θ: Number(value(i, 2)), x: Number(value(i, 0)) }))).join('\n')}`);

const PROGRAM = 'u = sigmoid(a*x + b*y) * log1p(x*x); v = u * exp(-y)';
const PARALLEL = { AUTOGRAD_POINTS_PARALLEL_MS: '0' };

/** Runs with the workers at once; checks (in a second run) that they got blocks. */
function runParallel(args: readonly string[]): ReturnType<typeof runCli> {
  const debug = runCli(args, { env: { ...PARALLEL, AUTOGRAD_DEBUG: '1' } });
  const report = /^points: (\d+) worker threads, (\d+) blocks of lines sent to them$/m.exec(debug.stderr);
  expect(report, debug.stderr).not.toBeNull();
  const jobs = args.includes('--jobs') ? Number(args[args.indexOf('--jobs') + 1]) : undefined;
  if (jobs !== undefined) expect(Number(report![1])).toBe(jobs);
  expect(Number(report![2])).toBeGreaterThan(5);
  return runCli(args, { env: PARALLEL });
}

describe('eval --points --jobs', () => {
  it('writes the same bytes with --jobs 1, 2, 3 and the default: CSV with a BOM, CRLF and blank lines', () => {
    const args = ['eval', PROGRAM, '--at', 'a=0.5,b=-2', '--wrt', 'x,y', '--points', csv];
    const one = runCli([...args, '--jobs', '1']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').length).toBe(ROWS - Math.ceil(ROWS / 997) + 2);
    for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
      const r = runParallel([...args, ...jobs]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout === one.stdout).toBe(true);
    }
  });

  it('and JSON Lines, with --of and --hessian', () => {
    for (const extra of [['--of', 'u,v'], ['--hessian', '--json']]) {
      const args = ['eval', `${PROGRAM} + θ`, '--at', 'a=0.5,b=-2', '--points', jsonl, ...extra];
      const one = runCli([...args, '--jobs', '1']);
      expect(one.stderr).toBe('');
      const two = runParallel([...args, '--jobs', '2']);
      expect(two.stderr).toBe('');
      expect(two.code).toBe(0);
      expect(two.stdout === one.stdout).toBe(true);
      expect(two.stdout.length).toBeGreaterThan(1 << 20);
    }
  });

  it('a bad row past the first megabytes: exit 2, its line number, every row before it written', () => {
    const lines = [...csvLines];
    lines[81_234] = '1,two,text';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const one = runCli(['eval', 'x*y', '--points', bad, '--jobs', '1']);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe(`error: ${bad}:81235: 'two' in column 'y' is not a number\n`);
    for (const jobs of ['2', '3']) {
      const r = runCli(['eval', 'x*y', '--points', bad, '--jobs', jobs], { env: PARALLEL });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(one.stderr);
      expect(r.stdout === one.stdout).toBe(true);
      expect(hasStackFrame(r.stderr)).toBe(false);
    }
  });

  it('into a closed pipe (| head -1): ends at once, quietly, with status 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" eval "x*y" --points "${csv}" --jobs 2 | head -1; echo "status=$?"`], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...PARALLEL },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('f,df/dx,df/dy\nstatus=0\n');
  });

  it('Ctrl-C while the workers run ends the process at once', async () => {
    const child = spawn(process.execPath, [BIN, 'eval', 'x*y', '--points', '-', '--jobs', '2'], {
      stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...PARALLEL },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Endless input: past the first megabytes the workers are busy; then SIGINT.
    const block = `${csvLines.slice(1, 2001).join('\n')}\n`;
    child.stdin.on('error', () => {});
    child.stdin.write('x,y,unused\n');
    let written = 0;
    const feed = (): void => {
      while (child.stdin.writable && child.stdin.write(block)) written += block.length;
      written += block.length;
      if (child.stdin.writable) child.stdin.once('drain', feed);
    };
    feed();
    let out = 0;
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => { out += d.length; if (out > 2 << 20) resolve(); }));
    expect(written).toBeGreaterThan(1 << 20);
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    child.stdout.resume();
    child.kill('SIGINT');
    const r = await exit;
    expect(r.signal === 'SIGINT' || r.code === 130).toBe(true);
    expect(stderr).toBe('');
  }, 60_000);

  it('workers that cannot start leave the run to the main thread: the same output, exit 0', () => {
    // A copy of the built CLI without its worker script.
    const copy = join(dir, 'no-workers');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true, filter: (src) => !src.endsWith('worker.cjs') });
    const args = ['eval', PROGRAM, '--at', 'a=0.5,b=-2', '--points', csv];
    const one = runCli([...args, '--jobs', '1']);
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'autograd.js'), ...args, '--jobs', '2'], {
      encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30, env: { ...process.env, ...PARALLEL, AUTOGRAD_DEBUG: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout === one.stdout).toBe(true);
    expect(r.stderr).toBe('points: 2 worker threads, 0 blocks of lines sent to them\n');
  });

  it('a worker that fails mid-run: exit 3, one line, no hang; what was written is the start of the one-thread output', () => {
    const copy = join(dir, 'failing-worker');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    // The fifth message a worker gets (its fourth block) throws.
    appendFileSync(join(copy, 'dist', 'worker.cjs'), `
;(() => { const { parentPort } = require('node:worker_threads'); let n = 0; parentPort.on('message', () => { if (++n === 5) throw new Error('a test fault'); }); })();`);
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'autograd.js'), 'eval', 'x*y', '--points', csv, '--jobs', '2'], {
      encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30, env: { ...process.env, ...PARALLEL },
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('autograd: internal error: a test fault (please report)\n');
    const one = runCli(['eval', 'x*y', '--points', csv, '--jobs', '1']);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    // Every line written is the line one thread writes there, in order.
    expect(one.stdout.startsWith(lines.slice(0, -1).join('\n'))).toBe(true);
  });
});
