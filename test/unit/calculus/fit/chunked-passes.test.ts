// A pass cut into chunks: combined in chunk order it is the factor (and the
// loss sums) of all the rows to rounding, and the same bits whichever thread
// computed which chunk in which order (simulated here by computing the chunks
// in a random order into packed slots, as the workers of fit --jobs do).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareFit } from '../../../../src/calculus/fit-program.js';
import {
  CHUNK_ROWS, chunkRows, combineLossRecords, combinePacked, serialPasses, type FitChunks, type RowRange,
} from '../../../../src/calculus/fit/chunked-passes.js';
import type { RowSink } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { QrAccumulator } from '../../../../src/calculus/fit/qr-accumulator.js';
import { parse } from '../../../../src/index.js';
import { uniform } from './curve.js';

/** A linear problem with rows (J_i, r_i) at the point 0; the loss of row i is r_i² + Σ_j J_ij·x_j, its gradient J_i. */
function table(n: number, p: number, seed: number): { j: Float64Array[]; r: Float64Array; range: RowRange } {
  const u = uniform(seed);
  // Scales over many orders of magnitude, so the order of the sums shows in the last bits.
  const j = Array.from({ length: n }, () => Float64Array.from({ length: p }, () => (u() * 4 - 2) * 10 ** Math.floor(u() * 6 - 3)));
  const r = Float64Array.from({ length: n }, () => (u() * 2 - 1) * 10 ** Math.floor(u() * 6 - 3));
  const range: RowRange = {
    leastSquares(point, from, to, sink) {
      for (let i = from; i < to; i++) sink.addRow(r[i]!, j[i]!);
    },
    loss(point, from, to, record) {
      for (let i = from; i < to; i++) {
        let v = r[i]! * r[i]!;
        for (let k = 0; k < p; k++) v += j[i]![k]! * point[k]!;
        record[0] = record[0]! + v;
        for (let k = 0; k < p; k++) record[k + 1] = record[k + 1]! + j[i]![k]!;
      }
    },
  };
  return { j, r, range };
}

/** The chunks computed in the order `order` into slots, as workers would: packed accumulators and loss records. */
function slotsInOrder(chunks: FitChunks, order: readonly number[], point: Float64Array): { packed: Float64Array[]; records: Float64Array[] } {
  const p = chunks.size;
  const packed: Float64Array[] = [];
  const records: Float64Array[] = [];
  const block = new QrAccumulator(p);
  for (const c of order) {
    block.reset();
    chunks.leastSquares(point, c, block);
    packed[c] = new Float64Array(QrAccumulator.packedLength(p));
    block.pack(packed[c]!);
    records[c] = new Float64Array(p + 1);
    chunks.loss(point, c, records[c]!);
  }
  return { packed, records };
}

const bits = (a: QrAccumulator): unknown[] => [...a.r, ...a.qtr, a.ssr, a.rows, a.allFinite].map((v) => (Object.is(v, -0) ? '-0' : v));

/** A random order of 0..count-1 from a seed. */
function shuffled(count: number, seed: number): number[] {
  const u = uniform(seed);
  const order = [...Array(count).keys()];
  for (let i = count - 1; i > 0; i--) {
    const k = Math.floor(u() * (i + 1));
    [order[i], order[k]] = [order[k]!, order[i]!];
  }
  return order;
}

describe('chunked passes', () => {
  it('combined in chunk order: the factor of all the rows to rounding, the same bits for every order the chunks were computed in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 64 }), fc.integer(), fc.integer(),
        (n, p, size, seed, orderSeed) => {
          const { j, r, range } = table(n, p, seed);
          const chunks = chunkRows(n, p, range, size);
          expect(chunks.count).toBe(Math.ceil(n / size));
          const point = new Float64Array(p).fill(0.5);
          const serial = serialPasses(chunks);
          const one = new QrAccumulator(p);
          serial.problem.evaluate(point, one);

          // Against one accumulator over every row: RᵀR = JᵀJ, Rᵀ·Qᵀr = Jᵀr and SSR, to rounding.
          const direct = new QrAccumulator(p);
          for (let i = 0; i < n; i++) direct.addRow(r[i]!, j[i]!);
          expect(one.rows).toBe(n);
          expect(Math.abs(one.ssr - direct.ssr)).toBeLessThanOrEqual(1e-13 * direct.ssr);
          for (let a = 0; a < p; a++) {
            for (let b = 0; b < p; b++) {
              let got = 0;
              let want = 0;
              let scale = 0;
              for (let k = 0; k < p; k++) {
                got += one.r[k * p + a]! * one.r[k * p + b]!;
                want += direct.r[k * p + a]! * direct.r[k * p + b]!;
                scale += direct.r[k * p + a]! ** 2 + direct.r[k * p + b]! ** 2;
              }
              expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * scale);
            }
          }

          // Chunks computed in a random order elsewhere, combined in chunk order: the same bits.
          const { packed, records } = slotsInOrder(chunks, shuffled(chunks.count, orderSeed), point);
          const combined = new QrAccumulator(p);
          combinePacked(chunks.count, (c) => packed[c]!, new QrAccumulator(p), combined);
          expect(bits(combined)).toEqual(bits(one));

          const serialGrad = new Float64Array(p);
          const serialLoss = serial.objective.evaluate(point, serialGrad);
          const grad = new Float64Array(p);
          expect(combineLossRecords(chunks, (c) => records[c]!, grad)).toBe(serialLoss);
          expect(Array.from(grad)).toEqual(Array.from(serialGrad));
          // And the mean loss is the mean of every row's loss, to rounding.
          let sum = 0;
          let absSum = 0;
          for (let i = 0; i < n; i++) {
            let v = r[i]! * r[i]!;
            for (let k = 0; k < p; k++) v += j[i]![k]! * point[k]!;
            sum += v;
            absSum += Math.abs(v);
          }
          expect(Math.abs(serialLoss - sum / n)).toBeLessThanOrEqual(1e-13 * absSum / n);
        }),
      { numRuns: 200 },
    );
  });

  it('cuts chunks of CHUNK_ROWS rows (p² for many parameters), the last one shorter', () => {
    const { range } = table(1, 1, 1);
    expect(chunkRows(CHUNK_ROWS, 3, range).count).toBe(1);
    expect(chunkRows(CHUNK_ROWS + 1, 3, range).count).toBe(2);
    expect(chunkRows(10 * CHUNK_ROWS, 3, range).chunkRows).toBe(CHUNK_ROWS);
    expect(chunkRows(100_000, 64, range).chunkRows).toBe(CHUNK_ROWS);
    expect(chunkRows(100_000, 100, range).chunkRows).toBe(10_000);
    expect(chunkRows(100_000, 100, range).count).toBe(10);
  });

  it('one chunk: every row goes straight into the pass\'s accumulator, as without chunks', () => {
    const rows = CHUNK_ROWS - 1;
    const x = Float64Array.from({ length: rows }, (_, i) => i / rows);
    const model = prepareFit(parse('a*exp(-k*x) + c'), { names: ['x', 'y'], values: [x, x.map((v) => 2.5 * Math.exp(-1.3 * v) + 0.5)], rows },
      { at: new Map([['a', 1], ['k', 1], ['c', 0]]), y: 'y' });
    expect(model.chunks.count).toBe(1);
    const direct = new QrAccumulator(3);
    let added = 0;
    let blocks = 0;
    const sink: RowSink = {
      addRow(residual, jacobian) { added++; direct.addRow(residual, jacobian); },
      merge: () => { blocks++; },
      copyFrom: () => { blocks++; },
    };
    model.problem.evaluate(model.start, sink);
    expect(added).toBe(rows);
    expect(blocks).toBe(0);
  });

  it('several chunks: the first one straight in, the others merged, in order', () => {
    const rows = 2 * CHUNK_ROWS + 5;
    const x = Float64Array.from({ length: rows }, (_, i) => i / rows);
    const model = prepareFit(parse('a*x + b'), { names: ['x', 'y'], values: [x, x.map((v) => 2 * v + 1)], rows },
      { at: new Map([['a', 1], ['b', 0]]), y: 'y' });
    const calls: string[] = [];
    const sink: RowSink = {
      addRow: () => { if (calls.at(-1) !== 'row') calls.push('row'); },
      merge: (b) => { calls.push(`merge ${b.rows}`); },
      copyFrom: () => { calls.push('copy'); },
    };
    model.problem.evaluate(model.start, sink);
    expect(calls).toEqual(['row', `merge ${CHUNK_ROWS}`, 'merge 5']);
  });
});
