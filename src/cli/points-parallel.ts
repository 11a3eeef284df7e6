// `eval --points` over worker threads (--jobs): the main thread reads the
// input, cuts it into blocks of whole lines, hands each block to the least
// busy worker, and writes the blocks' output in input order with the output
// stream's backpressure. At most a few blocks per worker are in flight, so
// memory stays flat whatever the input's size; a bad row stops the run after
// every earlier row is written; a closed pipe ends every worker at once.
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { OutputBuffer } from '../io/output-buffer.js';
import { workerScript } from '../parallel/jobs.js';
import type { PointsBlock, PointsFirstLine, PointsJob, PointsResult } from '../parallel/points-worker.js';

/** A block is cut at the last line break after this many bytes (a few milliseconds of work). */
export const BLOCK_BYTES = 1 << 18;
/**
 * A small young generation: each worker's garbage (a block's row strings) is
 * collected while it is still in the cache. Measured on 1,000,000 rows with 2
 * workers: 8 MB took 0.82 s against 0.87 s for 4 MB, 16 MB and Node's default.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };
/** Blocks handed out and not yet written, per worker. */
const IN_FLIGHT_PER_WORKER = 3;

interface Slot {
  readonly worker: Worker;
  busy: number;
}

interface Waiting {
  readonly resolve: (r: PointsResult) => void;
  readonly reject: (e: unknown) => void;
  readonly done: Promise<PointsResult>;
}

/** Lines of bytes in `block` ('\n' count). */
function lineBreaks(block: Uint8Array): number {
  let n = 0;
  for (let i = block.indexOf(10); i !== -1; i = block.indexOf(10, i + 1)) n++;
  return n;
}

export class PointsPool {
  /** Rows written, non-finite rows and the first one's message (--strict), over the blocks written so far. */
  rows = 0;
  nonFiniteRows = 0;
  firstNonFinite = '';
  private readonly slots: Slot[];
  private readonly waiting = new Map<number, Waiting>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private nextSeq = 0;
  private nextWrite = 0;
  private failure: unknown;

  /** Blocks handed to the workers so far. */
  get blocks(): number {
    return this.nextSeq;
  }

  /** Workers started. */
  readonly workers: number;
  /** Resolves when a worker is ready, or one failed. */
  readonly whenReady: Promise<void>;
  private resolveReady!: () => void;
  /** Workers ready, counted in shared memory, so the main thread sees it between two pieces of synchronous work. */
  private readonly readyCount = new Int32Array(new SharedArrayBuffer(4));
  /** True once start() gave the workers the input's position. */
  started = false;
  /** The number of the next line a block starts with. */
  private line = 0;

  /** Starts the workers; `blockBytes`: where blocks are cut (tests make it small). */
  constructor(jobs: number, job: Omit<PointsJob, 'kind' | 'ready'>, private readonly out: OutputBuffer,
    private readonly blockBytes = BLOCK_BYTES) {
    this.workers = jobs;
    this.whenReady = new Promise((resolve) => { this.resolveReady = resolve; });
    const data: PointsJob = { kind: 'points', ...job, ready: this.readyCount };
    this.slots = [];
    for (let i = 0; i < jobs; i++) {
      let worker: Worker;
      try {
        worker = new Worker(workerScript(), { workerData: data, stdout: false, stderr: false, resourceLimits: WORKER_LIMITS });
      } catch (e) {
        // No thread could be made: end those that were, and let the caller stay on one thread.
        void this.close();
        throw e;
      }
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (r: PointsResult | 'ready') => {
        if (r === 'ready') {
          this.resolveReady();
          return;
        }
        slot.busy--;
        this.waitFor(r.seq).resolve(r);
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`a worker thread exited (code ${code})`)));
      this.slots.push(slot);
    }
  }

  /** True once a worker has set up (compiled the program, read the first line). */
  get ready(): boolean {
    return Atomics.load(this.readyCount, 0) > 0;
  }

  /** The input's first line: the workers set up their columns from it, then say they are ready. */
  setFirstLine(first: PointsFirstLine): void {
    for (const { worker } of this.slots) worker.postMessage(first);
  }

  /** From here on the input goes to the workers; `line` is the number of its next line. */
  start(line: number): void {
    this.line = line;
    this.started = true;
  }

  /**
   * Takes more input. Resolves false once the output is closed (the run
   * should stop); throws the input error of a bad row after writing every row before it.
   */
  async push(chunk: Uint8Array): Promise<boolean> {
    let rest = chunk;
    for (;;) {
      // A block ends at the first line break once it holds blockBytes; a longer line waits for its end.
      const from = Math.max(0, this.blockBytes - this.pendingBytes - 1);
      const end = from < rest.length ? rest.indexOf(10, from) : -1;
      if (end === -1) {
        if (rest.length > 0) {
          this.pending.push(rest);
          this.pendingBytes += rest.length;
        }
        return true;
      }
      this.pending.push(rest.subarray(0, end + 1));
      this.pendingBytes += end + 1;
      rest = rest.subarray(end + 1);
      if (!(await this.send(this.take(), false))) return false;
    }
  }

  /** The input ended: the rest goes out as the last block, and every block is written. */
  async end(): Promise<boolean> {
    if (this.pendingBytes > 0 && !(await this.send(this.take(), true))) return false;
    while (this.nextWrite < this.nextSeq) if (!(await this.writeNext())) return false;
    return true;
  }

  /** Ends every worker (at the end of the run, after an error, or when the output closed). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const { worker } of slots) worker.removeAllListeners('exit');
    await Promise.all(slots.map(({ worker }) => worker.terminate()));
  }

  /** The pending bytes as one block with a buffer of its own (it is moved to the worker, not copied). */
  private take(): Uint8Array {
    const block = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const part of this.pending) {
      block.set(part, at);
      at += part.length;
    }
    this.pending = [];
    this.pendingBytes = 0;
    return block;
  }

  private async send(bytes: Uint8Array, last: boolean): Promise<boolean> {
    const limit = IN_FLIGHT_PER_WORKER * this.slots.length;
    while (this.nextSeq - this.nextWrite >= limit) if (!(await this.writeNext())) return false;
    this.throwIfFailed();
    const block: PointsBlock = { seq: this.nextSeq++, bytes, line: this.line, last };
    this.line += lineBreaks(bytes);
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    slot.busy++;
    this.waitFor(block.seq);
    slot.worker.postMessage(block, [bytes.buffer as ArrayBuffer]);
    return true;
  }

  /** Writes the next block's output; false when the output closed. */
  private async writeNext(): Promise<boolean> {
    const seq = this.nextWrite++;
    const r = await this.waitFor(seq).done;
    this.waiting.delete(seq);
    await this.out.writeBytes(r.out);
    this.rows += r.rows;
    if (r.nonFiniteRows > 0 && this.nonFiniteRows === 0) this.firstNonFinite = r.firstNonFinite;
    this.nonFiniteRows += r.nonFiniteRows;
    if (r.crash !== undefined) throw new Error(`in a worker thread: ${r.crash}`);
    if (r.error !== undefined) {
      await this.out.flush();
      throw new InputError(r.error.message, r.error.line);
    }
    return !this.out.closed;
  }

  private waitFor(seq: number): Waiting {
    let w = this.waiting.get(seq);
    if (w === undefined) {
      let resolve!: (r: PointsResult) => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<PointsResult>((res, rej) => { resolve = res; reject = rej; });
      // Rejected only while someone may still await it; never an unhandled rejection.
      done.catch(() => {});
      w = { resolve, reject, done };
      if (this.failure !== undefined) reject(this.failure);
      this.waiting.set(seq, w);
    }
    return w;
  }

  private fail(e: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    // Nobody waits for workers that failed.
    this.resolveReady();
    for (const w of this.waiting.values()) w.reject(e);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
