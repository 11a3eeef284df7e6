// `autograd eval --points <file|->`: one compiled tape, one output line per
// input row, in order, streamed with backpressure (memory stays flat). A small
// input is done on the main thread; past JOBS_FROM_BYTES, the rest of a large
// one is spread over worker threads (--jobs, points-parallel.ts).
import { createReadStream, promises as fsp } from 'node:fs';
import { AutogradError, InputError } from '../errors.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import type { Program } from '../syntax/ast.js';
import { quoteText } from '../syntax/unshowable.js';
import { complain, warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { readError } from './inputs.js';
import { warnUnused } from './load-program.js';
import type { PointsPool } from './points-parallel.js';
import { PointsRows, type RowsOptions } from './points-rows.js';
import { defaultJobs } from '../parallel/jobs.js';

export interface PointsOptions extends RowsOptions {
  /** A file path, or '-' for stdin. */
  readonly points: string;
  /** Threads in all (default: the machine's available parallelism). */
  readonly jobs?: number | undefined;
  /** Where the workers start and blocks are cut (tests make both small to cross many block boundaries). */
  readonly tuning?: PointsTuning | undefined;
}

export interface PointsTuning {
  readonly fromBytes: number;
  readonly blockBytes: number;
  /** Told the number of blocks the workers got (0: the run stayed on the main thread). */
  readonly blocks?: (n: number) => void;
}

const PROGRESS_EVERY_MS = 250;

/**
 * Input up to this many bytes is done on the main thread, where it costs no
 * worker start-up; past it, the rest goes to the workers. (Measured: see docs/benchmarks.md.)
 */
export const JOBS_FROM_BYTES = 1 << 20;

function openInput(path: string, ctx: CliContext): AsyncIterable<Buffer | string> {
  if (path === '-') return ctx.stdin as AsyncIterable<Buffer | string>;
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Runs the program over every row of the --points input. */
export async function runPoints(program: Program, at: ReadonlyMap<string, number>, opts: PointsOptions,
  ctx: CliContext): Promise<ExitCode> {
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  const where = opts.points === '-' ? '<stdin>' : quoteText(opts.points);
  const rows = new PointsRows(program, at, opts, where, (text) => out.add(text), (message) => warn(ctx, message));
  warnUnused(ctx, rows.unused);
  const reader = rows.reader;
  const jobs = opts.jobs ?? defaultJobs();
  const fromBytes = opts.tuning?.fromBytes ?? JOBS_FROM_BYTES;

  const stderr = ctx.stderr as { isTTY?: boolean; write(s: string): unknown };
  let total = 0;
  if (opts.points !== '-') {
    try {
      const s = await fsp.stat(opts.points);
      if (s.isDirectory()) throw readError(opts.points, Object.assign(new Error(), { code: 'EISDIR' }));
      total = s.size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw readError(opts.points, e);
    }
  }
  const progress = stderr.isTTY === true && opts.points !== '-';
  let lastProgress = Date.now();
  let bytes = 0;
  let pool: PointsPool | undefined;
  let open = true;

  const input = openInput(opts.points, ctx);
  try {
    for await (const text of input) {
      const chunk = typeof text === 'string' ? Buffer.from(text) : text;
      bytes += chunk.length;
      if (pool !== undefined) open = await pool.push(chunk);
      else if (jobs > 1 && bytes > fromBytes) {
        // The lines up to the first line break past fromBytes here (at least the first line,
        // the header or the first JSON row, which sets up the columns); the rest to the workers.
        let cut = chunk.indexOf(10, Math.max(0, fromBytes - (bytes - chunk.length)));
        let seen = reader.firstLine !== undefined || (cut !== -1 && !isBlankText(chunk, 0, cut));
        while (cut !== -1 && !seen) {
          const next = chunk.indexOf(10, cut + 1);
          seen = next !== -1 && !isBlankText(chunk, cut + 1, next);
          cut = next;
        }
        const here = cut === -1 ? chunk : chunk.subarray(0, cut + 1);
        try {
          reader.push(here);
        } finally {
          await out.flushIfFull();
        }
        const first = reader.firstLine;
        if (cut !== -1 && first !== undefined) {
          const { PointsPool: Pool } = await import('./points-parallel.js');
          pool = new Pool(jobs, { program, at: [...at], opts: rowsOptions(opts), where, first }, out, reader.line + 1, opts.tuning?.blockBytes);
          open = await pool.push(chunk.subarray(cut + 1));
        } else open = !out.closed;
      } else {
        try {
          reader.push(chunk);
        } finally {
          // Rows before a bad row are written before the error is reported.
          await out.flushIfFull();
        }
        open = !out.closed;
      }
      if (!open) break;
      if (progress) {
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          const pct = total > 0 ? ` (${Math.floor((100 * bytes) / total)}%)` : '';
          stderr.write(`\r${reader.rows + (pool?.rows ?? 0)} rows${pct}`);
        }
      }
    }
    if (open) {
      if (pool !== undefined) await pool.end();
      else reader.end();
    }
    rows.start();
  } catch (e) {
    await out.flush();
    if (progress) stderr.write('\r\x1b[K');
    if (e instanceof AutogradError) throw e;
    if (typeof (e as NodeJS.ErrnoException).errno === 'number') throw readError(opts.points, e);
    throw e;
  } finally {
    opts.tuning?.blocks?.(pool?.blocks ?? 0);
    await pool?.close();
  }
  await out.flush();
  if (progress) stderr.write('\r\x1b[K');
  if (out.closed) return EXIT.ok;
  const nonFiniteRows = rows.nonFiniteRows + (pool?.nonFiniteRows ?? 0);
  if (nonFiniteRows === 0) return EXIT.ok;
  const firstNonFinite = rows.nonFiniteRows > 0 ? rows.firstNonFinite : pool!.firstNonFinite;
  const count = reader.rows + (pool?.rows ?? 0);
  const share = nonFiniteRows === 1 ? `the only row of ${count}` : `the first of ${nonFiniteRows} rows of ${count}`;
  complain(ctx, `${firstNonFinite} (${share} with a non-finite result)`);
  return EXIT.failed;
}

/** True when bytes[from, to) hold only spaces, tabs, CRs, line breaks and a BOM's bytes. */
function isBlankText(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0xef && c !== 0xbb && c !== 0xbf) return false;
  }
  return true;
}

/** The options a worker needs (plain data). */
function rowsOptions(opts: PointsOptions): RowsOptions {
  return { wrt: opts.wrt, all: opts.all, json: opts.json, strict: opts.strict, hessian: opts.hessian, of: opts.of };
}
