// The fitting core, data in and data out: Levenberg–Marquardt least squares
// over streamed Jacobian rows, its statistics, and the mean-loss loops.
export { fixParameters } from './fixed-parameters.js';
export {
  type LeastSquaresStatistics,
  leastSquaresStatistics,
  type StatisticsOptions,
} from './least-squares-statistics.js';
export {
  type LeastSquaresProblem,
  type LeastSquaresStop,
  levenbergMarquardt,
  type LevenbergMarquardtOptions,
  type LevenbergMarquardtResult,
  type RowSink,
} from './levenberg-marquardt.js';
export {
  type MeanLossMethod, type MeanLossOptions, type MeanLossResult, type MeanLossRow, type MeanLossStop, meanLossSteps, minimizeMeanLoss,
} from './mean-loss.js';
export { QrAccumulator } from './qr-accumulator.js';
export { normalQuantile, studentTQuantile } from './student-t.js';
