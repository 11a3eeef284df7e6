import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levenbergMarquardt, type LeastSquaresProblem } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { QrAccumulator } from '../../../../src/calculus/fit/qr-accumulator.js';
import { uniform } from './curve.js';

/** Rows (J_i, r_i) of a random p-column problem. */
function randomRows(n: number, p: number, seed: number): { j: number[][]; r: number[] } {
  const u = uniform(seed);
  const j = Array.from({ length: n }, () => Array.from({ length: p }, () => u() * 4 - 2));
  return { j, r: j.map(() => u() * 2 - 1) };
}

function accumulate(rows: { j: number[][]; r: number[] }, p: number): QrAccumulator {
  const acc = new QrAccumulator(p);
  rows.j.forEach((row, i) => acc.addRow(rows.r[i]!, row));
  return acc;
}

/** max |(RᵀR − JᵀJ)_ab| and |(Rᵀ·Qᵀr − Jᵀr)_a|, relative to the largest entry. */
function factorError(acc: QrAccumulator, rows: { j: number[][]; r: number[] }, columns: readonly number[]): number {
  const p = columns.length;
  let worst = 0;
  let scale = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let rtr = 0;
      for (let k = 0; k < p; k++) rtr += acc.r[k * p + a]! * acc.r[k * p + b]!;
      const jtj = rows.j.reduce((s, row) => s + row[columns[a]!]! * row[columns[b]!]!, 0);
      worst = Math.max(worst, Math.abs(rtr - jtj));
      scale = Math.max(scale, Math.abs(jtj));
    }
    let rtb = 0;
    for (let k = 0; k < p; k++) rtb += acc.r[k * p + a]! * acc.qtr[k]!;
    worst = Math.max(worst, Math.abs(rtb - rows.j.reduce((s, row, i) => s + row[columns[a]!]! * rows.r[i]!, 0)));
  }
  return worst / scale;
}

describe('QrAccumulator', () => {
  it('RᵀR = JᵀJ and Rᵀ·Qᵀr = Jᵀr, R upper triangular, SSR and the row count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (n, p, seed) => {
        const rows = randomRows(n, p, seed);
        const acc = accumulate(rows, p);
        expect(factorError(acc, rows, [...Array(p).keys()])).toBeLessThan(1e-13);
        for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) expect(acc.r[i * p + j]).toBe(0);
        const ssr = rows.r.reduce((s, r) => s + r * r, 0);
        expect(Math.abs(acc.ssr - ssr)).toBeLessThanOrEqual(1e-14 * ssr);
        expect(acc.rows).toBe(n);
      }),
      { numRuns: 50 },
    );
  });

  it('merging blocks gives the factor of all rows, the same bits for the same blocks in the same order', () => {
    const rows = randomRows(90, 4, 11);
    const blocks = [0, 30, 60].map((from) => accumulate({ j: rows.j.slice(from, from + 30), r: rows.r.slice(from, from + 30) }, 4));
    const merged = (): QrAccumulator => {
      const acc = new QrAccumulator(4);
      for (const b of blocks) acc.merge(b);
      return acc;
    };
    const a = merged();
    expect(factorError(a, rows, [0, 1, 2, 3])).toBeLessThan(1e-13);
    expect(a.rows).toBe(90);
    expect(Math.abs(a.ssr - accumulate(rows, 4).ssr)).toBeLessThan(1e-12);
    const b = merged();
    expect(Array.from(b.r)).toEqual(Array.from(a.r));
    expect(Array.from(b.qtr)).toEqual(Array.from(a.qtr));
  });

  it('merging some columns of a block gives the factor of those columns of J', () => {
    const rows = randomRows(40, 5, 5);
    const acc = new QrAccumulator(2);
    acc.merge(accumulate(rows, 5), [3, 1]);
    expect(factorError(acc, rows, [3, 1])).toBeLessThan(1e-13);
  });

  it('marks non-finite rows', () => {
    const acc = new QrAccumulator(2);
    acc.addRow(1, [1, 2]);
    expect(acc.allFinite).toBe(true);
    acc.addRow(1, [NaN, 2]);
    expect(acc.allFinite).toBe(false);
    acc.reset();
    acc.addRow(1e200, [1, 0]); // r² overflows
    expect(acc.allFinite).toBe(false);
  });

  it('streams 1,000,000 rows of a 3-parameter model: one reused row buffer, O(p²) state, exact fit', () => {
    // y = a·exp(−b·x) + c on x = i/n·5, rows computed on the fly, never stored.
    const n = 1_000_000;
    const truth = [2.5, 0.7, -0.3];
    const jacobian = new Float64Array(3);
    let rowsSeen = 0;
    const problem: LeastSquaresProblem = {
      size: 3,
      evaluate([a, b, c], sink) {
        for (let i = 0; i < n; i++) {
          const x = (5 * i) / n;
          const e = Math.exp(-b! * x);
          const y = truth[0]! * Math.exp(-truth[1]! * x) + truth[2]!;
          // r = y − (a·e + c), ∂r/∂(a, b, c) = (−e, a·x·e, −1), into the same buffer every row.
          jacobian[0] = -e;
          jacobian[1] = a! * x * e;
          jacobian[2] = -1;
          sink.addRow(y - (a! * e + c!), jacobian);
          rowsSeen++;
        }
      },
    };
    const result = levenbergMarquardt(problem, Float64Array.of(1, 1, 0));
    expect(result.rows.rows).toBe(n);
    expect(rowsSeen).toBe(n * result.evaluations);
    expect(result.rows.r.length).toBe(9);
    truth.forEach((t, j) => expect(Math.abs(result.parameters[j]! - t)).toBeLessThan(1e-10 * Math.abs(t)));
  });
});
