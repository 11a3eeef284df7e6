// `fit --jobs`: the passes over the rows on worker threads, the fit itself
// (Levenberg–Marquardt, gd, adam) still synchronous on the main thread. Every
// thread binds the same program to the same columns (in shared memory), so
// each has the same tape. A pass: the main thread writes the point into
// shared memory and opens a new generation; the workers and the main thread
// take chunks (src/calculus/fit/chunked-passes.ts) one by one from a shared
// counter, so a worker that has not started yet just takes none and nothing
// waits for it; each chunk's result goes into its own slot; the main thread
// waits until every chunk is done and combines the slots in chunk order, the
// same arithmetic as one thread. The main thread blocks in Atomics.wait
// during a pass, and no signal handler is installed, so Ctrl-C still ends the
// run at once.
import { Worker } from 'node:worker_threads';
import type { FitColumns, FitModel, FitSettings } from '../calculus/fit-program.js';
import { combineLossRecords, combinePacked } from '../calculus/fit/chunked-passes.js';
import { QrAccumulator } from '../calculus/fit/qr-accumulator.js';
import type { Program } from '../syntax/ast.js';
import {
  allocate, BY_WORKERS, claimChunk, computeChunk, DONE, FAILED, GENERATION, LEAST_SQUARES, LOSS, MODE, READY, STOP, type FitJobData,
} from './fit-protocol.js';
import { workerScript } from './jobs.js';

/** In workers-only mode (tests) the main thread gives up when no worker has started in this time. */
const START_TIMEOUT_MS = 30_000;

/** The columns in shared memory, for every worker to read without a copy of its own: as they are, or copied once. */
function inSharedMemory(values: readonly Float64Array[]): readonly Float64Array[] {
  if (values.every((v) => v.buffer instanceof SharedArrayBuffer)) return values;
  return values.map((v) => {
    const shared = new Float64Array(new SharedArrayBuffer(8 * v.length));
    shared.set(v);
    return shared;
  });
}

/** A fit's passes spread over worker threads. */
export interface FitPool {
  /** The model whose passes run on every thread (the same results as the one-thread model, bit for bit). */
  readonly model: FitModel;
  /** Threads in all, the main thread included. */
  readonly threads: number;
  /** How the chunks were shared out so far, for AUTOGRAD_DEBUG. */
  report(): string;
  /** Ends the workers; throws when one of them failed. */
  close(): Promise<void>;
}

/** Options of {@link startFitPool}. */
export interface FitPoolOptions {
  /** Tests: the main thread computes no chunk itself, every chunk comes from a worker. */
  readonly workersOnly?: boolean;
}

/**
 * Starts `threads − 1` workers for `model` (bound by prepareFit to `columns`)
 * and returns the model with parallel passes.
 */
export function startFitPool(program: Program, columns: FitColumns, settings: FitSettings, model: FitModel, threads: number,
  options: FitPoolOptions = {}): FitPool {
  const { chunks } = model;
  const shared = allocate(chunks);
  const { control, slots, slotLength, count } = shared;
  const data: FitJobData = {
    kind: 'fit', program, shared,
    columns: { names: columns.names, values: inSharedMemory(columns.values), rows: columns.rows },
    settings: { at: settings.at, y: settings.y, weights: settings.weights, wrt: settings.wrt, method: model.method },
  };
  let failure: Error | undefined;
  const workers: Worker[] = [];
  for (let i = 1; i < threads; i++) {
    const worker = new Worker(workerScript(), { workerData: data });
    worker.on('error', (e) => { failure ??= e; });
    worker.unref();
    workers.push(worker);
  }
  const workersOnly = options.workersOnly === true && workers.length > 0;
  const p = chunks.size;
  const block = new QrAccumulator(p);
  let generation = 0;
  let passes = 0;
  const slot = (c: number): Float64Array => slots.subarray(c * slotLength, (c + 1) * slotLength);
  const failed = (): Error | undefined => {
    if (Atomics.load(control, FAILED) === 0) return failure;
    const bytes = shared.message.slice();
    const end = bytes.indexOf(0);
    return new Error(`a fit worker thread failed: ${new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end))}`);
  };
  /** One pass at `point`: every chunk computed (by any thread) into its slot. */
  const run = (mode: number, point: Float64Array): void => {
    shared.point.set(point);
    Atomics.store(control, MODE, mode);
    Atomics.store(control, DONE, 0);
    generation++;
    passes++;
    Atomics.store(shared.claim, 0, BigInt(generation) << 32n);
    Atomics.store(control, GENERATION, generation);
    Atomics.notify(control, GENERATION);
    if (!workersOnly) for (let c = claimChunk(shared, generation); c >= 0; c = claimChunk(shared, generation)) computeChunk(shared, chunks, c, block, false);
    const since = performance.now();
    for (let done = Atomics.load(control, DONE); done < count; done = Atomics.load(control, DONE)) {
      const error = failed();
      if (error !== undefined) throw error;
      if (workersOnly && Atomics.load(control, READY) === 0 && performance.now() - since > START_TIMEOUT_MS) {
        throw new Error(`no fit worker thread started within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(control, DONE, done, 1000);
    }
    const error = failed();
    if (error !== undefined) throw error;
  };
  const parallel: FitModel = {
    ...model,
    problem: {
      size: p,
      evaluate(point, sink) {
        run(LEAST_SQUARES, point);
        combinePacked(count, slot, block, sink);
      },
    },
    objective: {
      size: p,
      evaluate(point, grad) {
        run(LOSS, point);
        return combineLossRecords(chunks, slot, grad);
      },
    },
  };
  return {
    model: parallel,
    threads,
    report: () => `fit: ${threads} threads, ${count} chunks of ${chunks.chunkRows} rows a pass; `
      + `the workers computed ${Atomics.load(control, BY_WORKERS)} of ${passes * count} chunks`,
    async close() {
      Atomics.store(control, STOP, 1);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
      await Promise.all(workers.map((w) => w.terminate()));
      const error = failed();
      if (error !== undefined) throw error;
    },
  };
}
