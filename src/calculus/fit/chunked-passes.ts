// One pass over a fit's rows, cut into fixed chunks. Each chunk is folded on
// its own (least squares: a QrAccumulator of its own; a mean loss: its own
// sums of the loss and the gradient), and the chunks are combined in chunk
// order: the first as it is, then every other one merged (added) after it.
// The cut depends only on the number of rows and parameters, never on the
// threads, so a pass whose chunks are computed by any threads in any order
// (src/parallel/fit-pool.ts) gives the same bits as one thread. A fit of one
// chunk does the arithmetic of one accumulator over every row.
import type { Objective } from '../descent.js';
import type { LeastSquaresProblem, RowSink } from './levenberg-marquardt.js';
import { QrAccumulator } from './qr-accumulator.js';

/**
 * Rows per chunk, at least. Merging a chunk rotates p rows into R, against a
 * chunk's own cost of its rows (a tape sweep and the rotation of one row
 * each). Measured over 1,000,000 rows (245 chunks): the merges take 0.1 ms
 * for p = 3 (a pass of the benchmark model takes 82 ms, the same as without
 * chunks), 1.4 ms for p = 20 and 88 ms for p = 100, a few percent of their
 * passes' rotations alone. Past 64 parameters a chunk has p² rows: the merges
 * stay under 1/p of a pass, and the chunks' results a pool keeps (p² numbers
 * each) under about one number per row.
 */
export const CHUNK_ROWS = 4096;

/** The rows of a fit cut into chunks, each computed on its own. */
export interface FitChunks {
  /** p, the moving parameters. */
  readonly size: number;
  readonly rows: number;
  /** Rows in every chunk but the last. */
  readonly chunkRows: number;
  /** The number of chunks (at least 1). */
  readonly count: number;
  /** Least squares: the rows of chunk `c` at `point`, into `sink`, which holds no rows yet. */
  leastSquares(point: Float64Array, c: number, sink: RowSink): void;
  /** A mean loss: [Σ loss, Σ ∂loss/∂p₀, …] over chunk `c` at `point`, into `record` (overwritten; p + 1 long). */
  loss(point: Float64Array, c: number, record: Float64Array): void;
}

/** Rows [from, to) at `point`: into an empty sink, or summed into a zeroed loss record. */
export interface RowRange {
  leastSquares(point: Float64Array, from: number, to: number, sink: RowSink): void;
  loss(point: Float64Array, from: number, to: number, record: Float64Array): void;
}

/** Cuts `rows` rows of a problem with `size` parameters into chunks of `chunkRows` (default: CHUNK_ROWS, or size² when larger). */
export function chunkRows(rows: number, size: number, range: RowRange, chunkRows = Math.max(CHUNK_ROWS, size * size)): FitChunks {
  const count = Math.max(1, Math.ceil(rows / chunkRows));
  const bounds = (c: number): [number, number] => [c * chunkRows, Math.min(rows, (c + 1) * chunkRows)];
  return {
    size, rows, chunkRows, count,
    leastSquares: (point, c, sink) => range.leastSquares(point, ...bounds(c), sink),
    loss(point, c, record) {
      record.fill(0);
      range.loss(point, ...bounds(c), record);
    },
  };
}

/** Adds a chunk's loss record to the running one (the chunks in order). */
function addLoss(total: Float64Array, record: Float64Array): void {
  for (let k = 0; k < total.length; k++) total[k] = total[k]! + record[k]!;
}

/** The mean loss of a pass from its summed record; writes the mean gradient into `grad`. */
function meanOfLoss(total: Float64Array, grad: Float64Array, rows: number): number {
  for (let j = 0; j < grad.length; j++) grad[j] = total[j + 1]! / rows;
  return total[0]! / rows;
}

/** The passes on this thread, chunk by chunk in order (the first chunk straight into the pass's own accumulator). */
export function serialPasses(chunks: FitChunks): { problem: LeastSquaresProblem; objective: Objective } {
  const p = chunks.size;
  const block = new QrAccumulator(p);
  const total = new Float64Array(p + 1);
  const record = new Float64Array(p + 1);
  return {
    problem: {
      size: p,
      evaluate(point, sink) {
        chunks.leastSquares(point, 0, sink);
        for (let c = 1; c < chunks.count; c++) {
          block.reset();
          chunks.leastSquares(point, c, block);
          sink.merge(block);
        }
      },
    },
    objective: {
      size: p,
      evaluate(point, grad) {
        chunks.loss(point, 0, total);
        for (let c = 1; c < chunks.count; c++) {
          chunks.loss(point, c, record);
          addLoss(total, record);
        }
        return meanOfLoss(total, grad, chunks.rows);
      },
    },
  };
}

/**
 * A least-squares pass from its chunks computed elsewhere, each packed
 * (QrAccumulator.pack) into `slot(c)`: combined in chunk order into `sink`,
 * the same bits as serialPasses. `block` is scratch of the problem's size.
 */
export function combinePacked(count: number, slot: (c: number) => Float64Array, block: QrAccumulator, sink: RowSink): void {
  for (let c = 0; c < count; c++) {
    block.unpack(slot(c));
    if (c === 0) sink.copyFrom(block);
    else sink.merge(block);
  }
}

/**
 * A mean-loss pass from its chunks' loss records computed elsewhere (the
 * first p + 1 numbers of `slot(c)`), in chunk order: the mean loss, and the
 * mean gradient in `grad`, the same bits as serialPasses.
 */
export function combineLossRecords(chunks: FitChunks, slot: (c: number) => Float64Array, grad: Float64Array): number {
  const length = chunks.size + 1;
  const total = slot(0).slice(0, length);
  for (let c = 1; c < chunks.count; c++) addLoss(total, slot(c).subarray(0, length));
  return meanOfLoss(total, grad, chunks.rows);
}
