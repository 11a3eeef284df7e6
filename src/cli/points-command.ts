// `autograd eval --points <file|->`: one compiled tape, one output line per
// input row, in order, streamed with backpressure (memory stays flat). A small
// input is done on the main thread; the rest of a large one (WORKERS_FROM_MS)
// is spread over worker threads (--jobs, points-parallel.ts).
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
  /** Start the workers once this many bytes are read, instead of by the time the rows take. */
  readonly fromBytes?: number;
  readonly blockBytes?: number;
  /** Wait for the workers to be ready once they are started (a fast in-memory input would end first). */
  readonly waitForWorkers?: boolean;
  /** Told at the end how many workers were started and how many blocks they got. */
  readonly report?: (r: { readonly workers: number; readonly blocks: number }) => void;
}

const PROGRESS_EVERY_MS = 250;

/** The main thread reads this much at a time, and looks in between whether to start the workers or hand them the rest. */
const READ_PIECE = 1 << 16;

/**
 * The workers start when the rows will take at least this long on the main
 * thread: for a file, its size times the time the rows read so far took per
 * byte (looked at after every 64 KB); for stdin, once they have taken this
 * long. Until they are ready the main thread goes on with the rows. Measured
 * on 2 cores with a 10-operation program: two workers broke even with one
 * thread at 6–8 MB of input (0.25–0.3 s of rows) and were 18% faster at
 * 12 MB, 32% at 38 MB; below that, their start-up and warm-up cost more than
 * they save. Time rather than bytes, because a row's cost depends on the program.
 * AUTOGRAD_POINTS_PARALLEL_MS replaces it (tests: 0 starts them at once and waits until one is ready).
 */
export const WORKERS_FROM_MS = 300;
/** A file's rows are estimated from the time of its first this many bytes. */
const ESTIMATE_FROM_BYTES = 1 << 19;
/** Rows cost at least this (measured: `x` over 38 MB of two-column CSV, 14 ms a megabyte), whatever the program. */
const CHEAPEST_MS_PER_MB = 12;

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
  const fromBytes = opts.tuning?.fromBytes;
  const override = ctx.env.AUTOGRAD_POINTS_PARALLEL_MS;
  const fromMs = override !== undefined && /^\d+$/.test(override) ? Number(override) : WORKERS_FROM_MS;
  // Tests that ask for the workers at once (the tuning, or a threshold of 0) also wait for them, so they surely get blocks.
  const waitForWorkers = opts.tuning?.waitForWorkers === true || fromMs === 0;

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
  /** Bytes read, and those the main thread has turned into rows (in the time rowsMs). */
  let bytes = 0;
  let bytesHere = 0;
  let rowsMs = 0;
  // Loaded (not for a small input) before the workers may be needed, so that they can start between two pieces of a chunk.
  let Pool: typeof PointsPool | undefined;
  let loading = false;
  let noWorkers = false;
  let pool: PointsPool | undefined;
  let firstSent = false;
  let open = true;

  /** Whether the rest of the input is worth the workers (see WORKERS_FROM_MS). */
  const worthWorkers = (): boolean => {
    if (fromBytes !== undefined) return Math.max(bytes, total) > fromBytes;
    // A file so large that even the cheapest rows take that long: at once.
    if ((total / (1 << 20)) * CHEAPEST_MS_PER_MB >= fromMs) return true;
    // The first rows are slow (the code is not yet optimized): estimate from enough of them.
    if (total > bytesHere) return bytesHere >= ESTIMATE_FROM_BYTES && rowsMs * (total / bytesHere) >= fromMs;
    return rowsMs >= fromMs;
  };

  /** The main thread reads `piece` itself. */
  const here = (piece: Uint8Array): void => {
    const t0 = performance.now();
    reader.push(piece);
    rowsMs += performance.now() - t0;
    bytesHere += piece.length;
  };

  /**
   * Reads `chunk` here, a piece at a time; in between, starts the workers when
   * the input is worth them and gives them the first line once it is read.
   * Once one is ready, the line in hand is finished here and the rest of the
   * chunk, from the next line on, is returned for the workers (undefined: all
   * of it was read here).
   */
  const readHere = (chunk: Uint8Array): Uint8Array | undefined => {
    for (let pos = 0; pos < chunk.length;) {
      if (Pool !== undefined && pool === undefined && worthWorkers()) {
        // The main thread goes on with the rows while the workers boot.
        try {
          pool = new Pool(jobs, { program, at: [...at], opts: rowsOptions(opts), where }, out, opts.tuning?.blockBytes);
        } catch {
          // No worker thread could be made: the run stays on this one.
          Pool = undefined;
          noWorkers = true;
        }
      }
      if (pool !== undefined && firstSent && pool.ready) {
        const lineEnd = chunk.indexOf(10, pos);
        if (lineEnd === -1) {
          here(chunk.subarray(pos));
          return undefined;
        }
        here(chunk.subarray(pos, lineEnd + 1));
        pool.start(reader.line + 1);
        return chunk.subarray(lineEnd + 1);
      }
      const end = Math.min(chunk.length, pos + READ_PIECE);
      here(chunk.subarray(pos, end));
      pos = end;
      if (pool !== undefined && !firstSent && reader.firstLine !== undefined) {
        firstSent = true;
        pool.setFirstLine(reader.firstLine);
      }
    }
    return undefined;
  };

  /** Starts loading the workers' module once the input is large enough to need them (a file: before its first chunk). */
  const load = (): void => {
    if (loading || noWorkers || Pool !== undefined || jobs === 1 || Math.max(bytes, total) < ESTIMATE_FROM_BYTES) return;
    loading = true;
    // Without it the run simply stays on one thread.
    import('./points-parallel.js').then((m) => { Pool = m.PointsPool; }, () => undefined);
  };
  load();

  const input = openInput(opts.points, ctx);
  try {
    for await (const text of input) {
      const chunk = typeof text === 'string' ? Buffer.from(text) : text;
      bytes += chunk.length;
      // Tests that ask for the workers get the module at once.
      if (Pool === undefined && !noWorkers && jobs > 1 && (fromBytes !== undefined || waitForWorkers)) {
        Pool = (await import('./points-parallel.js')).PointsPool;
      }
      load();
      /** What goes to the workers. */
      let rest: Uint8Array | undefined;
      try {
        rest = pool?.started === true ? chunk : readHere(chunk);
      } finally {
        // Rows before a bad row are written before the error is reported.
        await out.flushIfFull();
      }
      open = rest === undefined || pool === undefined ? !out.closed : await pool.push(rest);
      if (!open) break;
      if (waitForWorkers && pool?.started === false && firstSent) await pool.whenReady;
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
    if (ctx.env.AUTOGRAD_DEBUG) ctx.stderr.write(`points: ${pool?.workers ?? 0} worker threads, ${pool?.blocks ?? 0} blocks of lines sent to them\n`);
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
