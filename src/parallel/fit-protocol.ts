// The shared memory of `fit --jobs` and the worker's side of its protocol
// (src/parallel/fit-pool.ts is the main thread's side). The words and slots
// live in SharedArrayBuffers; a chunk is taken by a compare-and-swap on one
// 64-bit claim word that holds the pass's generation with the next chunk, so
// a thread still busy with an old pass can never take a chunk of a new one.
import { prepareFit, type FitColumns, type FitSettings } from '../calculus/fit-program.js';
import type { FitChunks } from '../calculus/fit/chunked-passes.js';
import { QrAccumulator } from '../calculus/fit/qr-accumulator.js';
import type { Program } from '../syntax/ast.js';

// The control words (an Int32Array in shared memory).
/** The pass now open; workers wait for it to change. */
export const GENERATION = 0;
/** Chunks of the open pass finished; the main thread waits for it to reach the count. */
export const DONE = 1;
/** 1: the fit is over, workers return. */
export const STOP = 2;
/** 1: a worker failed; its message is in the shared message bytes. */
export const FAILED = 3;
/** What the open pass computes: LEAST_SQUARES or LOSS. */
export const MODE = 4;
/** Chunks computed by workers over the whole fit (a figure for AUTOGRAD_DEBUG and the tests). */
export const BY_WORKERS = 5;
/** Workers that have bound the program and wait for passes. */
export const READY = 6;
const CONTROL_WORDS = 8;
export const LEAST_SQUARES = 0;
export const LOSS = 1;
export const MESSAGE_BYTES = 2048;
/** Chunks a worker computes for itself before it takes any (see serve). */
const WARM_UP_CHUNKS = 2;

/** The memory every thread of a fit shares. */
export interface SharedState {
  readonly control: Int32Array;
  /** The claim word: the generation in the high 32 bits, the next chunk to take in the low 32. */
  readonly claim: BigInt64Array;
  /** The point of the open pass. */
  readonly point: Float64Array;
  /** One slot per chunk: a packed QrAccumulator, or a loss record [Σ loss, Σ ∂loss/∂p…]. */
  readonly slots: Float64Array;
  readonly slotLength: number;
  readonly count: number;
  readonly message: Uint8Array;
}

/** What a worker is started with (workerData of kind 'fit'): plain data and shared memory. */
export interface FitJobData {
  readonly kind: 'fit';
  readonly program: Program;
  readonly columns: FitColumns;
  readonly settings: FitSettings;
  readonly shared: SharedState;
}

/** Takes the next chunk of generation `generation`, or -1 when none is left (or the pass is over). */
export function claimChunk(shared: SharedState, generation: number): number {
  const tag = BigInt(generation) << 32n;
  for (;;) {
    const word = Atomics.load(shared.claim, 0);
    if ((word & ~0xffffffffn) !== tag) return -1;
    const c = Number(word & 0xffffffffn);
    if (c >= shared.count) return -1;
    if (Atomics.compareExchange(shared.claim, 0, word, word + 1n) === word) return c;
  }
}

/** Computes chunk `c` of the open pass into its slot and counts it done (and, from a worker, as a worker's). */
export function computeChunk(shared: SharedState, chunks: FitChunks, c: number, block: QrAccumulator, byWorker: boolean): void {
  const slot = shared.slots.subarray(c * shared.slotLength, (c + 1) * shared.slotLength);
  if (Atomics.load(shared.control, MODE) === LEAST_SQUARES) {
    block.reset();
    chunks.leastSquares(shared.point, c, block);
    block.pack(slot);
  } else {
    chunks.loss(shared.point, c, slot.subarray(0, chunks.size + 1));
  }
  if (byWorker) Atomics.add(shared.control, BY_WORKERS, 1);
  if (Atomics.add(shared.control, DONE, 1) + 1 === shared.count) Atomics.notify(shared.control, DONE);
}

export function allocate(chunks: FitChunks): SharedState {
  const p = chunks.size;
  const slotLength = Math.max(QrAccumulator.packedLength(p), p + 1);
  const floats = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * n));
  return {
    control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS)),
    claim: new BigInt64Array(new SharedArrayBuffer(8)),
    point: floats(p),
    slots: floats(chunks.count * slotLength),
    slotLength,
    count: chunks.count,
    message: new Uint8Array(new SharedArrayBuffer(MESSAGE_BYTES)),
  };
}

/** A worker's side (workerData of kind 'fit'): binds the program, then serves passes until the fit is over. */
export function serve(data: FitJobData): void {
  const { shared } = data;
  const { control } = shared;
  try {
    const model = prepareFit(data.program, data.columns, data.settings);
    const { chunks } = model;
    if (chunks.count !== shared.count) throw new Error(`the worker cut ${chunks.count} chunks, the main thread ${shared.count}`);
    const block = new QrAccumulator(chunks.size);
    // Warm up first: the tape's sweeps run WARM_UP_CHUNKS chunks at the start
    // point here, so the code is compiled before this thread takes a chunk (a
    // cold first chunk would be the slowest of its pass, and the pass waits for it).
    const record = new Float64Array(chunks.size + 1);
    for (let c = 0; c < Math.min(WARM_UP_CHUNKS, chunks.count); c++) {
      if (model.method === 'lm') {
        block.reset();
        chunks.leastSquares(model.start, c, block);
      } else chunks.loss(model.start, c, record);
    }
    Atomics.add(control, READY, 1);
    for (let seen = 0; ;) {
      Atomics.wait(control, GENERATION, seen);
      if (Atomics.load(control, STOP) !== 0) return;
      seen = Atomics.load(control, GENERATION);
      for (let c = claimChunk(shared, seen); c >= 0; c = claimChunk(shared, seen)) computeChunk(shared, chunks, c, block, true);
    }
  } catch (e) {
    // The first line is the message (what an internal error shows); the stack after it (for AUTOGRAD_DEBUG).
    const text = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    new TextEncoder().encodeInto(text, shared.message.subarray(0, MESSAGE_BYTES - 1));
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE);
  }
}
