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
  readonly fromBytes?: number;
  readonly blockBytes?: number;
  /** Wait for the workers to be ready once they are started (a fast in-memory input would end first). */
  readonly waitForWorkers?: boolean;
  /** Told at the end how many workers were started and how many blocks they got. */
  readonly report?: (r: { readonly workers: number; readonly blocks: number }) => void;
}

const PROGRESS_EVERY_MS = 250;

/** While the workers boot, the main thread reads this much at a time, and looks whether one is ready in between. */
const READ_PIECE = 1 << 16;

/**
 * An input larger than this starts the workers (a file at once, stdin once
 * this much is read); the main thread goes on with the rows until they are
 * ready, then hands them the rest. A smaller input costs no worker start-up.
 * (Measured: see docs/benchmarks.md.)
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
  let firstSent = false;
  let open = true;

  /**
   * Reads `chunk` here, a piece at a time, until a worker is ready: then the
   * rest of the line in hand is read here and the rest of the chunk, from the
   * next line on, is returned for the workers (undefined: all of it was read here).
   */
  const readUntilReady = (p: PointsPool, chunk: Uint8Array): Uint8Array | undefined => {
    for (let at = 0; at < chunk.length;) {
      if (firstSent && p.ready) {
        const lineEnd = chunk.indexOf(10, at);
        if (lineEnd === -1) {
          reader.push(chunk.subarray(at));
          return undefined;
        }
        reader.push(chunk.subarray(at, lineEnd + 1));
        p.start(reader.line + 1);
        return chunk.subarray(lineEnd + 1);
      }
      const end = Math.min(chunk.length, at + READ_PIECE);
      reader.push(chunk.subarray(at, end));
      at = end;
      if (!firstSent && reader.firstLine !== undefined) {
        firstSent = true;
        p.setFirstLine(reader.firstLine);
      }
    }
    return undefined;
  };

  const input = openInput(opts.points, ctx);
  try {
    for await (const text of input) {
      const chunk = typeof text === 'string' ? Buffer.from(text) : text;
      bytes += chunk.length;
      if (pool === undefined && jobs > 1 && Math.max(bytes, total) > fromBytes) {
        // Started early (a large file at once): the main thread goes on with the rows while the workers boot.
        const { PointsPool: Pool } = await import('./points-parallel.js');
        pool = new Pool(jobs, { program, at: [...at], opts: rowsOptions(opts), where }, out, opts.tuning?.blockBytes);
      }
      /** What goes to the workers. */
      let rest: Uint8Array | undefined;
      try {
        if (pool === undefined) reader.push(chunk);
        else rest = pool.started ? chunk : readUntilReady(pool, chunk);
      } finally {
        // Rows before a bad row are written before the error is reported.
        await out.flushIfFull();
      }
      open = rest === undefined || pool === undefined ? !out.closed : await pool.push(rest);
      if (!open) break;
      if (opts.tuning?.waitForWorkers === true && pool?.started === false && firstSent) await pool.whenReady;
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
      if (pool?.started === true) await pool.end();
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
    opts.tuning?.report?.({ workers: pool?.workers ?? 0, blocks: pool?.blocks ?? 0 });
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

/** The options a worker needs (plain data). */
function rowsOptions(opts: PointsOptions): RowsOptions {
  return { wrt: opts.wrt, all: opts.all, json: opts.json, strict: opts.strict, hessian: opts.hessian, of: opts.of };
}
