// The outcome of `autograd fit`: a lab report for people, one JSON object for
// machines, and the trajectory rows of gd and adam.
import type { FitResult, FitStop, LeastSquaresFit, MeanLossFit } from '../calculus/fit-program.js';
import { quoteText } from '../syntax/unshowable.js';
import { formatForPeople, formatNumber, jsonNumber } from './number.js';
import { formatPoint } from './optimize.js';
import { jsonObject, type TextStyle } from './result.js';

/** Significant digits of the parameters and errors in the text report (JSON has them all). */
const DIGITS = 11;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What each stop of Levenberg–Marquardt means, in words. */
export const LM_STOPS: Readonly<Record<FitStop, string>> = {
  'converged-exact': 'converged: the model fits the data exactly (the residuals are rounding)',
  'converged-ssr': 'converged: the sum of squares stopped falling',
  'converged-step': 'converged: the steps became negligible',
  'converged-gradient': 'converged: the residuals are orthogonal to the Jacobian',
  'max-evaluations': 'not converged: the budget of passes over the data (--steps) is spent',
  'cannot-improve': 'not converged: no step lowers the sum of squares (a kink, a wall of NaN, or a minimum at infinity)',
  'non-finite': 'not converged: the model or its derivatives are NaN or infinite at the start',
};

const MEAN_STOPS: Readonly<Record<MeanLossFit['stopped'], string>> = {
  steps: 'the step budget (--steps) is spent',
  tol: 'stopped by --tol: the last step changed the loss by at most tol·|loss|',
  'non-finite': 'stopped at the last finite point: the next step gave a NaN or infinite loss or gradient',
};

const people = (x: number): string => formatForPeople(x, DIGITS);

function percent(se: number, value: number): string {
  const r = Math.abs(se / value);
  return Number.isFinite(r) ? `${formatForPeople(100 * r, 3)}%` : 'relative error undefined';
}

function leastSquaresText(fit: LeastSquaresFit, style: TextStyle): string {
  const name = style.name;
  const num = (x: number): string => style.number(people(x));
  let out = `method: Levenberg–Marquardt (lm), ${plural(fit.iterations, 'iteration')}, ${LM_STOPS[fit.stopped]}\n`;
  const undetermined = new Set(fit.undetermined);
  const width = Math.max(...[...fit.parameters.keys()].map((n) => [...quoteText(n)].length));
  for (const [p, value] of fit.parameters) {
    const label = name(quoteText(p).padEnd(width));
    const se = fit.standardErrors.get(p);
    if (se === undefined) out += `${label} = ${num(value)} (fixed)\n`;
    else if (undetermined.has(p)) out += `${label} = ${num(value)} ± undetermined (the data cannot determine it)\n`;
    else {
      const [lo, hi] = fit.confidenceIntervals.get(p)!;
      out += `${label} = ${num(value)} ± ${num(se)} (${percent(se, value)}; 95% interval ${num(lo)} to ${num(hi)})\n`;
    }
  }
  out += `residual sum of squares:     ${num(fit.residualSumOfSquares)}\n`;
  out += `residual standard deviation: ${num(fit.residualStandardDeviation)}\n`;
  out += `degrees of freedom:          ${fit.degreesOfFreedom} (${plural(fit.rows, 'row')})\n`;
  const moving = [...fit.correlation.keys()];
  if (moving.length > 1) {
    const cells = moving.map((a) => moving.map((b) => {
      const c = fit.correlation.get(a)!.get(b)!;
      return Number.isFinite(c) ? c.toFixed(4) : 'undetermined';
    }));
    const labels = moving.map((n) => quoteText(n));
    const labelWidth = Math.max(...labels.map((l) => [...l].length));
    const cellWidth = Math.max(...labels.map((l) => [...l].length), ...cells.flat().map((c) => c.length));
    out += 'correlation:\n';
    out += `  ${' '.repeat(labelWidth)}  ${labels.map((l) => name(l.padStart(cellWidth))).join('  ')}\n`;
    cells.forEach((row, i) => {
      out += `  ${name(labels[i]!.padEnd(labelWidth))}  ${row.map((c) => c.padStart(cellWidth)).join('  ')}\n`;
    });
  }
  return out;
}

function meanLossText(fit: MeanLossFit, lr: number, style: TextStyle): string {
  const num = (x: number): string => style.number(formatNumber(x));
  let out = `method: ${fit.method === 'gd' ? 'gradient descent (gd)' : 'Adam (adam)'}, lr ${formatNumber(lr)}, `
    + `${plural(fit.iterations, 'step')}, ${MEAN_STOPS[fit.stopped]}\n`;
  out += `mean ${style.name(quoteText(fit.output))} over ${plural(fit.rows, 'row')}: ${num(fit.before)} at the start, ${num(fit.loss)} at the end\n`;
  const width = Math.max(...[...fit.parameters.keys()].map((n) => [...quoteText(n)].length));
  for (const [p, value] of fit.parameters) {
    out += `${style.name(quoteText(p).padEnd(width))} = ${num(value)}${fit.gradient.has(p) ? '' : ' (fixed)'}\n`;
  }
  return out;
}

/** The lab report. `lr` is the learning rate a mean-loss fit used. */
export function formatFit(fit: FitResult, style: TextStyle, lr: number): string {
  return fit.method === 'lm' ? leastSquaresText(fit, style) : meanLossText(fit, lr, style);
}

const numbers = (m: ReadonlyMap<string, number>): string => jsonObject([...m].map(([k, x]) => [k, jsonNumber(x)] as const));
const matrix = (m: ReadonlyMap<string, ReadonlyMap<string, number>>): string =>
  jsonObject([...m].map(([k, row]) => [k, numbers(row)] as const));

/** The keys that open the JSON object: known before a run, so a trajectory can follow them. */
export function fitJsonHead(output: string, method: string): string {
  return `{"output":${JSON.stringify(output)},"method":${JSON.stringify(method)}`;
}

/** The rest of the JSON object after the head (and any trajectory), with the closing brace. */
export function fitJsonTail(fit: FitResult): string {
  const entries: Array<readonly [string, string]> = [['parameters', numbers(fit.parameters)]];
  if (fit.method === 'lm') {
    entries.push(
      ['standardErrors', numbers(fit.standardErrors)],
      ['confidenceIntervals', jsonObject([...fit.confidenceIntervals].map(([k, [lo, hi]]) => [k, `[${jsonNumber(lo)},${jsonNumber(hi)}]`] as const))],
      ['residualSumOfSquares', jsonNumber(fit.residualSumOfSquares)],
      ['residualStandardDeviation', jsonNumber(fit.residualStandardDeviation)],
      ['degreesOfFreedom', String(fit.degreesOfFreedom)],
    );
  } else entries.push(['loss', jsonNumber(fit.loss)]);
  entries.push(['rows', String(fit.rows)], ['iterations', String(fit.iterations)], ['stopped', JSON.stringify(fit.stopped)]);
  if (fit.method === 'lm') entries.push(['correlation', matrix(fit.correlation)], ['covariance', matrix(fit.covariance)]);
  return `,${jsonObject(entries).slice(1)}`;
}

/** The whole JSON object, without a trailing newline. */
export function fitJson(fit: FitResult): string {
  return `${fitJsonHead(fit.output, fit.method)}${fitJsonTail(fit)}`;
}

/** One trajectory row as text. */
export function fitRowText(output: string, step: number, loss: number, point: ReadonlyArray<readonly [string, number]>): string {
  return `step ${step}: mean ${quoteText(output)} = ${formatNumber(loss)} at ${formatPoint(point)}\n`;
}

/** One trajectory row as JSON. */
export function fitRowJson(step: number, loss: number, point: ReadonlyArray<readonly [string, number]>): string {
  return jsonObject([
    ['step', String(step)], ['loss', jsonNumber(loss)],
    ['parameters', jsonObject(point.map(([k, x]) => [k, jsonNumber(x)] as const))],
  ]);
}
