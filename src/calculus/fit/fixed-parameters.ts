// Fitting some parameters and holding the others (gnuplot's `via`): the
// problem over the moving parameters, its rows' Jacobians cut to their columns.
import type { LeastSquaresProblem, RowSink } from './levenberg-marquardt.js';
import { QrAccumulator } from './qr-accumulator.js';

/**
 * `problem` over the parameters `moving` (indices into its parameter vector),
 * the others held at their values in `values`.
 */
export function fixParameters(problem: LeastSquaresProblem, values: Float64Array, moving: readonly number[]): LeastSquaresProblem {
  const full = Float64Array.from(values);
  const cut = new Float64Array(moving.length);
  /** A block of the full problem: its R restricted to the moving columns. */
  const restrict = (block: QrAccumulator): QrAccumulator => {
    const restricted = new QrAccumulator(moving.length);
    restricted.merge(block, moving);
    return restricted;
  };
  return {
    size: moving.length,
    evaluate(params, rows) {
      moving.forEach((index, k) => (full[index] = params[k]!));
      const sink: RowSink = {
        addRow(residual, jacobian) {
          moving.forEach((index, k) => (cut[k] = jacobian[index]!));
          rows.addRow(residual, cut);
        },
        merge(block: QrAccumulator) {
          rows.merge(restrict(block));
        },
        copyFrom(block: QrAccumulator) {
          rows.copyFrom(restrict(block));
        },
      };
      problem.evaluate(full, sink);
    },
  };
}
