// A program fitted to data columns: which variables are data and which are
// parameters, the compiled tape run once per row (forward, one backward sweep,
// the Jacobian row from the tape's gradient: exact reverse mode), and the
// facts of the result that the CLI prints and the library returns.
import { compileProgram } from '../compile/program.js';
import { ArgumentError, InputError, NameError, UsageError } from '../errors.js';
import { build, freeVariables } from '../graph/build.js';
import type { Program } from '../syntax/ast.js';
import { suggest } from '../syntax/suggest.js';
import { quoteText } from '../syntax/unshowable.js';
import type { Objective } from './descent.js';
import { chunkRows, serialPasses, type FitChunks, type RowRange } from './fit/chunked-passes.js';
import {
  leastSquaresStatistics, levenbergMarquardt, meanLossSteps, type LeastSquaresProblem, type LeastSquaresStop,
  type MeanLossRow, type MeanLossStop,
} from './fit/index.js';

/** How a fit minimizes: Levenberg–Marquardt least squares, or a mean loss by gradient descent or Adam. */
export type FitMethod = 'lm' | 'gd' | 'adam';

/** The data: equally long columns of numbers by name. */
export interface FitColumns {
  readonly names: readonly string[];
  readonly values: readonly Float64Array[];
  readonly rows: number;
  /** Columns of the data that were not read (nothing uses them): for "did you mean". */
  readonly unread?: readonly string[];
  /** Where row i came from, for messages ('data.csv:5'); default 'row i+1'. */
  readonly where?: (row: number) => { readonly text: string; readonly line?: number };
}

/** What to fit and how; every field but `at` may be left out. */
export interface FitSettings {
  /** Start values: one for every parameter (a variable that is not a column). */
  readonly at: ReadonlyMap<string, number>;
  /** The column of observations: least squares of y − f. Without it the output is a per-row loss. */
  readonly y?: string | undefined;
  /** The column of σᵢ (wᵢ = 1/σᵢ), least squares only. */
  readonly weights?: string | undefined;
  /** The parameters to move (the others keep their start values); default all. */
  readonly wrt?: readonly string[] | undefined;
  /** Default `lm` with `y`, `adam` without. */
  readonly method?: FitMethod | undefined;
  /** lm: most passes over the rows (default 200·(p + 1)); gd/adam: steps, each one pass (default 1000). */
  readonly steps?: number | undefined;
  /** lm: relative reduction of SSR to stop at (default 1e-15); gd/adam: stop when a step changes the loss by at most tol·|loss|. */
  readonly tol?: number | undefined;
  /** gd/adam learning rate (default 0.01). */
  readonly lr?: number | undefined;
  /** gd/adam: a trajectory row every `every` steps. */
  readonly every?: number | undefined;
}

export const DEFAULT_FIT_STEPS = 1000;
export const DEFAULT_FIT_LR = 0.01;

/**
 * Why a least-squares fit stopped: the solver's reasons, and `converged-exact`
 * when no step could lower SSR because the residuals are already at the
 * rounding level of the data (an exact fit: every |rᵢ| about 1e-14·wᵢ|yᵢ|).
 */
export type FitStop = LeastSquaresStop | 'converged-exact';

/** Residuals this many float64 epsilons of |wᵢyᵢ| are rounding: the fit is exact. */
const ROUNDING = 64;

/** The facts of a least-squares fit, parameters in order of first appearance. */
export interface LeastSquaresFit {
  readonly output: string;
  readonly method: 'lm';
  /** Every parameter's value: the fitted ones and those `wrt` held fixed. */
  readonly parameters: ReadonlyMap<string, number>;
  /** The fitted parameters' standard errors (NaN for an undetermined one). */
  readonly standardErrors: ReadonlyMap<string, number>;
  /** 95% confidence intervals [lower, upper] (Student's t with the degrees of freedom). */
  readonly confidenceIntervals: ReadonlyMap<string, readonly [number, number]>;
  readonly residualSumOfSquares: number;
  readonly residualStandardDeviation: number;
  readonly degreesOfFreedom: number;
  readonly rows: number;
  readonly iterations: number;
  readonly stopped: FitStop;
  readonly correlation: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly covariance: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The fitted parameters the data cannot determine (their errors are NaN). */
  readonly undetermined: readonly string[];
  /** True for the `converged-*` stops. */
  readonly converged: boolean;
}

/** The facts of a mean-loss fit. */
export interface MeanLossFit {
  readonly output: string;
  readonly method: 'gd' | 'adam';
  readonly parameters: ReadonlyMap<string, number>;
  /** The mean loss at the start and at the end. */
  readonly before: number;
  readonly loss: number;
  readonly rows: number;
  /** Steps taken (full passes over the rows). */
  readonly iterations: number;
  readonly stopped: MeanLossStop;
  /** ∂loss/∂p of the fitted parameters at the end. */
  readonly gradient: ReadonlyMap<string, number>;
  /** When a step was refused for a non-finite loss or gradient: the loss it produced. */
  readonly rejected?: number;
}

/** What a fit returns: a least-squares fit (`method` lm) or a mean-loss fit (gd, adam). */
export type FitResult = LeastSquaresFit | MeanLossFit;

/** A program bound to columns and settings, ready to run. */
export interface FitModel {
  readonly output: string;
  readonly method: FitMethod;
  /** Every parameter, in order of first appearance, and the moving ones among them. */
  readonly parameters: readonly string[];
  readonly moving: readonly string[];
  /** --at names that are columns (the column wins), for a warning. */
  readonly shadowedAt: readonly string[];
  /** --at names the program does not use. */
  readonly unused: ReadonlyArray<{ readonly name: string; readonly suggestions: readonly string[] }>;
  readonly rows: number;
  /** Σ (ROUNDING·ε·wᵢ·yᵢ)²: an SSR below it is rounding (least squares). */
  readonly roundingSsr: number;
  /** The rows in chunks, each computed on its own (on any thread) and combined in order. */
  readonly chunks: FitChunks;
  /** The least-squares problem over the moving parameters, or the mean-loss objective (passes over the chunks on this thread). */
  readonly problem: LeastSquaresProblem;
  readonly objective: Objective;
  readonly start: Float64Array;
  /** The value of every parameter with the moving ones at `point`. */
  parameterValues(point: Float64Array): Map<string, number>;
  /** The columns the program reads, by name, and the observations of `y` (least squares). */
  readonly data: ReadonlyArray<{ readonly name: string; readonly values: Float64Array }>;
  readonly observed: Float64Array | undefined;
  /** The output with the moving parameters at `point` and the data columns at `row` (in the order of `data`). */
  predict(point: Float64Array, row: ArrayLike<number>): number;
}

const names = (list: readonly string[]): string => list.map((n) => `'${quoteText(n)}'`).join(', ');

function column(columns: FitColumns, name: string, option: string): Float64Array {
  const i = columns.names.indexOf(name);
  if (i < 0) {
    const all = [...columns.names, ...columns.unread ?? []];
    throw new NameError({
      problem: `${option} '${quoteText(name)}' is not a column of the data`, suggestions: suggest(name, all),
      advice: all.length === 0 ? 'the data has no columns' : `the columns are ${names(all.slice(0, 10))}${all.length > 10 ? ', …' : ''}`,
    });
  }
  return columns.values[i]!;
}

/** Every value the fit reads must be a finite number, and every σ positive; a bad one names its row. */
function checkData(columns: FitColumns, used: readonly string[], weights: string | undefined): void {
  if (columns.rows === 0) throw new InputError('the data has no rows: nothing to fit');
  const fail = (i: number, message: string): never => {
    const at = columns.where?.(i) ?? { text: `row ${i + 1}` };
    throw new InputError(`${at.text}: ${message}`, at.line);
  };
  for (const name of new Set([...used, ...(weights === undefined ? [] : [weights])])) {
    const values = columns.values[columns.names.indexOf(name)]!;
    for (let i = 0; i < columns.rows; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) fail(i, `${quoteText(name)} is ${String(v)}: the fit needs a finite number in every row`);
      if (name === weights && !(v > 0)) fail(i, `the weight σ ${quoteText(name)} is ${String(v)}: σ must be positive (wᵢ = 1/σᵢ)`);
    }
  }
}

/** How the caller spells an option in messages: `--y` on the command line, `y` in the library. */
export interface FitSpelling {
  readonly flag: (option: string) => string;
  /** The error for options that do not go together. */
  readonly usage: (message: string) => Error;
}

export const CLI_SPELLING: FitSpelling = { flag: (o) => `--${o}`, usage: (m) => new UsageError(m) };
export const LIBRARY_SPELLING: FitSpelling = { flag: (o) => o, usage: (m) => new ArgumentError(m) };

/** The method, checked against `y`: lm fits y; gd and adam minimize a loss. */
function chooseMethod(settings: FitSettings, { flag, usage }: FitSpelling): FitMethod {
  const method = settings.method ?? (settings.y === undefined ? 'adam' : 'lm');
  if (method === 'lm' && settings.y === undefined) {
    throw usage(`method lm fits a column: give it with ${flag('y')} (without it the program is a per-row loss for gd or adam)`);
  }
  if (method !== 'lm' && settings.y !== undefined) {
    throw usage(`method ${method} minimizes the mean of the program's output: drop ${flag('y')} and write the loss, `
      + 'e.g. "(y - (model))^2", or use method lm');
  }
  if (settings.weights !== undefined && settings.y === undefined) throw usage(`${flag('weights')} gives the σ of each y: it needs ${flag('y')}`);
  if (method === 'lm' && settings.lr !== undefined) throw usage(`${flag('lr')} is the step size of gd and adam: lm chooses its own steps`);
  if (method === 'lm' && settings.every !== undefined) throw usage(`${flag('every')} reports the steps of gd and adam: lm prints its result only`);
  return method;
}

/**
 * Binds `program` to the columns: a variable that is a column is data, every
 * other one a parameter that needs a start value. Throws NameError for a
 * parameter without one (with "did you mean" against the columns) and for a
 * --y, --weights or --wrt name that is not what it should be.
 */
export function prepareFit(program: Program, columns: FitColumns, settings: FitSettings,
  spelling: FitSpelling = LIBRARY_SPELLING): FitModel {
  const { flag } = spelling;
  const method = chooseMethod(settings, spelling);
  const at = settings.at;
  const isColumn = new Set(columns.names);
  const free = freeVariables(program, new Set([...at.keys(), ...columns.names]));
  const parameters = free.filter((n) => !isColumn.has(n));
  const data = free.filter((n) => isColumn.has(n));
  const spare = [...columns.names, ...columns.unread ?? []].filter((n) => !free.includes(n) && n !== settings.y && n !== settings.weights);
  const missing = parameters.filter((n) => !at.has(n));
  if (missing.length > 0) {
    const first = missing[0]!;
    throw new NameError({
      problem: missing.length === 1
        ? `no start value for parameter '${quoteText(first)}'`
        : `no start values for parameters ${names(missing.slice(0, 10))}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`,
      suggestions: missing.length === 1 ? suggest(first, spare) : [], from: 'among the columns',
      advice: `a name that is not a column of the data is a parameter: give its start with ${flag('at')} ${quoteText(first)}=…`,
    });
  }
  const y = settings.y === undefined ? undefined : column(columns, settings.y, flag('y'));
  const sigma = settings.weights === undefined ? undefined : column(columns, settings.weights, flag('weights'));
  checkData(columns, [...data, ...(settings.y === undefined ? [] : [settings.y])], settings.weights);
  const wrt = settings.wrt;
  for (const name of wrt ?? []) {
    if (isColumn.has(name) && free.includes(name)) throw spelling.usage(`${flag('wrt')} '${quoteText(name)}' is a column of the data, not a parameter`);
    if (!parameters.includes(name)) {
      throw new NameError({
        problem: `${flag('wrt')} names '${quoteText(name)}', which is not a parameter of the program`,
        suggestions: suggest(name, parameters), advice: parameters.length === 0 ? 'the program has no parameters' : `the parameters are ${names(parameters)}`,
      });
    }
  }
  const moving = wrt === undefined ? parameters : parameters.filter((n) => wrt.includes(n));
  const shadowedAt = [...at.keys()].filter((n) => isColumn.has(n) && free.includes(n));

  const start = new Map<string, number>();
  for (const n of parameters) start.set(n, at.get(n)!);
  for (const n of data) start.set(n, NaN);
  // --at names the program does not use stay in, so build reports them.
  for (const [n, v] of at) if (!start.has(n) && !isColumn.has(n)) start.set(n, v);
  const built = build(program, start, { evaluate: false });
  const { tape, variables } = compileProgram(built, [built.output]);
  const movingSlots = Int32Array.from(moving, (n) => variables.get(n)!);
  const dataSlots = Int32Array.from(data, (n) => variables.get(n)!);
  const dataColumns = data.map((n) => columns.values[columns.names.indexOf(n)]!);
  const rows = columns.rows;
  const p = moving.length;
  const jacobian = new Float64Array(p);

  /** Puts the moving parameters on the tape; then `row(i)` runs row i forward and backward. */
  const setParameters = (point: Float64Array): void => {
    for (let j = 0; j < p; j++) tape.set(movingSlots[j]!, point[j]!);
  };
  const row = (i: number): void => {
    for (let k = 0; k < dataSlots.length; k++) tape.set(dataSlots[k]!, dataColumns[k]![i]!);
    tape.forward();
    tape.backward();
  };
  const range: RowRange = {
    leastSquares(point, from, to, sink) {
      setParameters(point);
      for (let i = from; i < to; i++) {
        row(i);
        const w = sigma === undefined ? 1 : 1 / sigma[i]!;
        // rᵢ = wᵢ·(yᵢ − fᵢ), so ∂rᵢ/∂p = −wᵢ·∂fᵢ/∂p.
        for (let j = 0; j < p; j++) jacobian[j] = -w * tape.grad[movingSlots[j]!]!;
        sink.addRow(w * (y![i]! - tape.value), jacobian);
      }
    },
    loss(point, from, to, record) {
      setParameters(point);
      let sum = 0;
      for (let i = from; i < to; i++) {
        row(i);
        sum += tape.value;
        for (let j = 0; j < p; j++) record[j + 1] = record[j + 1]! + tape.grad[movingSlots[j]!]!;
      }
      record[0] = sum;
    },
  };
  const chunks = chunkRows(rows, p, range);
  const { problem, objective } = serialPasses(chunks);
  const parameterValues = (point: Float64Array): Map<string, number> => {
    const values = new Map<string, number>();
    for (const n of parameters) values.set(n, at.get(n)!);
    moving.forEach((n, j) => values.set(n, point[j]!));
    return values;
  };
  const predict = (point: Float64Array, values: ArrayLike<number>): number => {
    setParameters(point);
    for (let k = 0; k < dataSlots.length; k++) tape.set(dataSlots[k]!, values[k]!);
    tape.forward();
    return tape.value;
  };
  let roundingSsr = 0;
  if (y !== undefined) {
    for (let i = 0; i < rows; i++) roundingSsr += (ROUNDING * Number.EPSILON * y[i]! / (sigma === undefined ? 1 : sigma[i]!)) ** 2;
  }
  return {
    roundingSsr, output: built.outputName, method, parameters, moving, shadowedAt, unused: built.unused.filter((u) => !isColumn.has(u.name)),
    rows, chunks, problem, objective, start: Float64Array.from(moving, (n) => at.get(n)!), parameterValues,
    data: data.map((name, k) => ({ name, values: dataColumns[k]! })), observed: y, predict,
  };
}

/** Called with the rows processed so far (a pass over the data adds `rows`). */
export type FitProgress = (rowsDone: number) => void;

/** Counts the rows of every pass, for a progress bar. */
function counted(model: FitModel, progress: FitProgress | undefined): { problem: LeastSquaresProblem; objective: Objective } {
  if (progress === undefined) return model;
  let done = 0;
  return {
    problem: { size: model.problem.size, evaluate: (x, sink) => { model.problem.evaluate(x, sink); progress(done += model.rows); } },
    objective: { size: model.objective.size, evaluate: (x, g) => { const v = model.objective.evaluate(x, g); progress(done += model.rows); return v; } },
  };
}

/** A square matrix of the moving parameters from a row-major array. */
function matrix(moving: readonly string[], values: Float64Array): Map<string, Map<string, number>> {
  const p = moving.length;
  return new Map(moving.map((a, i) => [a, new Map(moving.map((b, j) => [b, values[i * p + j]!]))]));
}

/** Runs Levenberg–Marquardt on a least-squares model and computes its statistics. */
export function runLeastSquares(model: FitModel, settings: FitSettings, progress?: FitProgress): LeastSquaresFit {
  const { problem } = counted(model, progress);
  const result = levenbergMarquardt(problem, model.start, {
    ...(settings.steps === undefined ? {} : { maxEvaluations: Math.max(1, settings.steps) }),
    ...(settings.tol === undefined ? {} : { ftol: settings.tol }),
  });
  const stats = leastSquaresStatistics(result.rows, result.parameters);
  const exact = result.stopped === 'cannot-improve' && stats.residualSumOfSquares <= model.roundingSsr;
  const stopped: FitStop = exact ? 'converged-exact' : result.stopped;
  const { moving } = model;
  return {
    output: model.output, method: 'lm', parameters: model.parameterValues(result.parameters),
    standardErrors: new Map(moving.map((n, j) => [n, stats.standardErrors[j]!])),
    confidenceIntervals: new Map(moving.map((n, j) => [n, [stats.lower[j]!, stats.upper[j]!] as const])),
    residualSumOfSquares: stats.residualSumOfSquares,
    residualStandardDeviation: stats.residualStandardDeviation,
    degreesOfFreedom: stats.degreesOfFreedom,
    rows: stats.rows,
    iterations: result.iterations,
    stopped,
    correlation: matrix(moving, stats.correlation),
    covariance: matrix(moving, stats.covariance),
    undetermined: stats.undetermined.map((j) => moving[j]!),
    converged: stopped.startsWith('converged'),
  };
}

/** A mean-loss model's trajectory rows (with `every`), returning the fit. */
export function* meanLossFit(model: FitModel, settings: FitSettings,
  progress?: FitProgress): Generator<MeanLossRow, MeanLossFit, void> {
  const { objective } = counted(model, progress);
  const method = model.method === 'gd' ? 'gd' : 'adam';
  const r = yield* meanLossSteps(objective, model.start, {
    method, lr: settings.lr ?? DEFAULT_FIT_LR, steps: settings.steps ?? DEFAULT_FIT_STEPS, tol: settings.tol, every: settings.every,
  });
  return {
    output: model.output, method, parameters: model.parameterValues(r.point), before: r.before, loss: r.loss, rows: model.rows,
    iterations: r.steps, stopped: r.stopped, gradient: new Map(model.moving.map((n, j) => [n, r.gradient[j]!])),
    ...(r.rejected === undefined ? {} : { rejected: r.rejected }),
  };
}

/** Runs the model's method to the end. */
export function runFit(model: FitModel, settings: FitSettings): FitResult {
  if (model.method === 'lm') return runLeastSquares(model, settings);
  const run = meanLossFit(model, settings);
  for (let r = run.next(); ; r = run.next()) if (r.done === true) return r.value;
}

/** Whether a fit's numbers are all finite (what --strict asks). */
export function fitIsFinite(fit: FitResult): boolean {
  for (const v of fit.parameters.values()) if (!Number.isFinite(v)) return false;
  return fit.method === 'lm' ? Number.isFinite(fit.residualSumOfSquares) : Number.isFinite(fit.loss);
}
