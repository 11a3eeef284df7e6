// The option tables of the commands: each command's typed options and, beside
// them, the one table that spells, documents and reads every one of them.
import { DEFAULT_TOLERANCE } from '../calculus/check.js';
import { MAX_PICTURE_NODES } from '../render/picture.js';
import { parseDotTarget, type DotTarget } from './dot-output.js';
import { parseAt, parseNameList } from './inputs.js';
import { UsageError } from '../errors.js';
import { quoteText } from '../syntax/unshowable.js';
import { parseOver, parseWrtName, type Interval } from './plot-command.js';
import { parsePlotTarget, type PlotTarget } from './plot-output.js';
import { MAX_JOBS } from '../parallel/jobs.js';
import {
  numberOption, numberOptionOr, readSwitch, readText, readTexts, type OptionSpec, type OptionTable, type Raw,
} from './options.js';

/** The options every command shares. */
export interface GlobalOptions {
  /** False with --no-color. */
  readonly color: boolean;
}

export interface EvalOptions {
  readonly at: ReadonlyMap<string, number>;
  readonly file: string | undefined;
  readonly wrt: readonly string[] | undefined;
  readonly all: boolean;
  readonly json: boolean;
  readonly precision: number | undefined;
  readonly strict: boolean;
  readonly dot: DotTarget | undefined;
  readonly force: boolean;
  readonly trace: boolean;
  readonly check: boolean;
  readonly tolerance: number;
  readonly points: string | undefined;
  readonly hessian: boolean;
  readonly of: readonly string[] | undefined;
  readonly jobs: number | undefined;
}

export interface DiffOptions {
  readonly file: string | undefined;
  readonly wrt: readonly string[] | undefined;
  readonly all: boolean;
  readonly json: boolean;
  readonly program: boolean;
  readonly of: readonly string[] | undefined;
}

export interface OptimizeOptions {
  readonly at: ReadonlyMap<string, number>;
  readonly file: string | undefined;
  readonly lr: number;
  readonly steps: number;
  readonly maximize: boolean;
  readonly tol: number | undefined;
  readonly every: number | undefined;
  readonly wrt: readonly string[] | undefined;
  readonly json: boolean;
  readonly strict: boolean;
  readonly plot: PlotTarget | undefined;
}

export interface PlotOptions {
  readonly over: Interval;
  readonly at: ReadonlyMap<string, number>;
  readonly file: string | undefined;
  readonly wrt: string | undefined;
  readonly output: PlotTarget | undefined;
}

export interface FitOptions {
  readonly data: string | undefined;
  readonly y: string | undefined;
  readonly at: ReadonlyMap<string, number>;
  readonly wrt: readonly string[] | undefined;
  readonly weights: string | undefined;
  readonly method: 'lm' | 'gd' | 'adam' | undefined;
  readonly file: string | undefined;
  readonly steps: number | undefined;
  readonly tol: number | undefined;
  readonly lr: number | undefined;
  readonly every: number | undefined;
  readonly json: boolean;
  readonly strict: boolean;
  readonly plot: PlotTarget | undefined;
  readonly jobs: number | undefined;
}

// Entries shared by several tables (generic in K, the table's keys).

function switchOption<K extends string>(description: string): OptionSpec<boolean, K> {
  return { description, read: readSwitch };
}

function atOption<K extends string>(description: string): OptionSpec<ReadonlyMap<string, number>, K> {
  return { value: 'name=value,...', description, repeatable: true, read: (raw, _flag, note) => parseAt(readTexts(raw), note) };
}

function plotOption<K extends string>(description: string): OptionSpec<PlotTarget | undefined, K> {
  return { value: 'file', file: true, description, read: (raw, flag) => parsePlotTarget(flag, readText(raw)) };
}

/** --jobs: undefined when not given (the run uses the machine's available parallelism). */
function jobsOption<K extends string>(description: string): OptionSpec<number | undefined, K> {
  return { value: 'n', description, default: 'the number of cores', ...numberOption({ whole: true, min: 1, max: MAX_JOBS }) };
}

function fileOption<K extends string>(): OptionSpec<string | undefined, K> {
  return { short: 'f', value: 'path', description: 'read the program from a file', file: true, read: readText };
}

function wrtOption<K extends string>(description: string): OptionSpec<readonly string[] | undefined, K> {
  return {
    value: 'names', description, list: true,
    read: (raw: Raw, flag) => (typeof raw === 'string' ? parseNameList(flag, raw) : undefined),
  };
}

function ofOption<K extends string>(description: string, conflicts?: { readonly [O in K]?: string }): OptionSpec<readonly string[] | undefined, K> {
  return { ...wrtOption<K>(description), ...(conflicts === undefined ? {} : { conflicts }) };
}

/** Why an option that shows one output in detail does not go with --of. */
const oneOutput = (option: string): string => `${option} shows one output in detail: drop --of to use it on the program's output`;

const ALL_WITH_WRT = '--wrt names the targets, --all takes every named node: list the nodes you want in --wrt';
const ONE_POINT = '--points gives one result per row, and this works on a single point';
const STRICT = 'exit 1 when the value or a gradient is NaN or infinite';

export const GLOBAL_OPTIONS: OptionTable<GlobalOptions> = {
  color: { negate: true, description: 'never color the output (NO_COLOR and FORCE_COLOR are honoured too)', read: (raw) => raw !== false },
};

export const EVAL_OPTIONS: OptionTable<EvalOptions> = {
  at: atOption('variable values (repeatable)'),
  file: fileOption(),
  wrt: wrtOption('only these gradients: variables or named nodes, comma-separated'),
  all: { ...switchOption('also the gradient of every named intermediate node'), conflicts: { wrt: ALL_WITH_WRT } },
  json: switchOption('one JSON object (full precision) instead of text'),
  precision: {
    value: 'digits', description: 'significant digits in text output (JSON is always full precision)',
    conflicts: { json: 'JSON always carries full precision', points: 'the rows of --points always carry full precision' },
    ...numberOption({ whole: true, min: 1, max: 17 }),
  },
  strict: switchOption(STRICT),
  dot: {
    value: 'file', file: true, description: 'draw the graph: .dot/.gv DOT text, .svg, .png, .html (a live page), or - for DOT on stdout',
    read: (raw) => parseDotTarget(readText(raw)),
  },
  force: {
    ...switchOption(`with --dot: render an SVG or PNG even of a graph over ${MAX_PICTURE_NODES} value nodes`), needs: 'dot',
  },
  trace: switchOption('print the backward pass step by step (the chain rule at every node)'),
  check: switchOption('compare each gradient with an adaptive finite difference; exit 1 if any disagrees or at a kink'),
  tolerance: {
    value: 'rel', description: 'with --check: relative error accepted beyond the difference\'s uncertainty', needs: 'check',
    ...numberOptionOr({ min: 0, aboveMin: true, example: '1e-6' }, DEFAULT_TOLERANCE),
  },
  points: {
    value: 'file|-', file: true, description: 'batch mode: one result per row of a CSV (header of names) or JSON Lines input',
    conflicts: { dot: ONE_POINT, trace: ONE_POINT, check: ONE_POINT },
    read: readText,
  },
  hessian: switchOption('also the matrix of exact second derivatives'),
  of: ofOption('several outputs (statement names, comma-separated): their values and Jacobian',
    { trace: oneOutput('--trace'), hessian: oneOutput('--hessian'), dot: oneOutput('--dot') }),
  jobs: { ...jobsOption('with --points: threads for a large input (1: one thread; rows keep their order)'), needs: 'points' },
};

export const DIFF_OPTIONS: OptionTable<DiffOptions> = {
  file: fileOption(),
  wrt: wrtOption('only these derivatives: variables or named nodes, comma-separated'),
  all: { ...switchOption('also the derivative for every named intermediate node'), conflicts: { wrt: ALL_WITH_WRT } },
  json: switchOption('one JSON object: {"output":…,"gradient":{"x":"<program>",…}}'),
  program: {
    ...switchOption('one program instead: each derivative a named statement (df_dx = …)'),
    conflicts: { json: '--json already gives each derivative as a program' },
  },
  of: ofOption('several outputs (statement names, comma-separated): every derivative of each'),
};

export const OPTIMIZE_OPTIONS: OptionTable<OptimizeOptions> = {
  at: atOption('the starting point (repeatable)'),
  file: fileOption(),
  lr: { value: 'rate', description: 'learning rate', ...numberOptionOr({ min: 0, aboveMin: true }, 0.01) },
  steps: { value: 'n', description: 'most steps to take', ...numberOptionOr({ whole: true, min: 0 }, 1) },
  maximize: switchOption('gradient ascent instead of descent'),
  tol: {
    value: 't', description: 'stop early when every |gradient| or every |step| component is at most t',
    ...numberOption({ min: 0 }),
  },
  every: { value: 'n', description: 'also report the point every n steps (a trajectory)', ...numberOption({ whole: true, min: 1 }) },
  wrt: wrtOption('move only these variables (default: all)'),
  json: switchOption('one JSON object (with "trajectory" rows when --every is given)'),
  strict: switchOption('exit 1 when the run stops on a NaN or infinite value'),
  plot: plotOption('also draw the value over the steps: .svg or .png (a log scale when it spans decades)'),
};

export const PLOT_OPTIONS: OptionTable<PlotOptions> = {
  over: {
    value: 'name=from:to', description: 'the variable of the x-axis and its interval (required)',
    read: (raw) => parseOver(readText(raw)),
  },
  at: atOption('values of the other variables; the --over variable marks a point and its tangent (repeatable)'),
  file: fileOption(),
  wrt: { value: 'name', description: 'the partial derivative to draw (default: the --over variable)', read: (raw) => parseWrtName(readText(raw)) },
  output: {
    short: 'o', value: 'file', file: true, description: 'write a picture: .svg or .png (default: text in the terminal)',
    read: (raw) => parsePlotTarget('-o', readText(raw)),
  },
};

const FIT_METHODS = ['lm', 'gd', 'adam'] as const;

export const FIT_OPTIONS: OptionTable<FitOptions> = {
  data: { value: 'file|-', file: true, description: 'the data rows: CSV with a header of names, or JSON Lines (- reads stdin)', read: readText },
  y: { value: 'column', description: 'least squares: the column the model fits (without it, the program is a per-row loss)', read: readText },
  at: atOption('start values, one for every parameter (a variable that is not a column); repeatable'),
  wrt: wrtOption('move only these parameters; the others keep their --at values'),
  weights: {
    value: 'column', description: 'the σ of each y (wᵢ = 1/σᵢ, relative: the errors are scaled by the residual variance)',
    needs: 'y', read: readText,
  },
  method: {
    value: 'lm|gd|adam', description: 'lm (Levenberg–Marquardt, default with --y), gd or adam (default without --y)',
    read: (raw, flag) => {
      const text = readText(raw);
      if (text === undefined) return undefined;
      const method = FIT_METHODS.find((m) => m === text);
      if (method === undefined) throw new UsageError(`${flag} '${quoteText(text)}': expected lm, gd or adam`);
      return method;
    },
  },
  file: fileOption(),
  steps: {
    value: 'n', description: 'gd/adam: steps, each a full pass over the rows (default 1000); lm: most passes (default 200·(p+1))',
    ...numberOption({ whole: true, min: 1 }),
  },
  tol: {
    value: 't', description: 'gd/adam: stop when a step changes the mean loss by at most t·|loss|; lm: relative SSR reduction (default 1e-15)',
    ...numberOption({ min: 0 }),
  },
  lr: { value: 'rate', description: 'gd/adam learning rate (default 0.01)', ...numberOption({ min: 0, aboveMin: true }) },
  every: { value: 'n', description: 'gd/adam: also report the parameters and the loss every n steps (a trajectory)', ...numberOption({ whole: true, min: 1 }) },
  json: switchOption('one JSON object (full precision) instead of the report'),
  strict: switchOption('exit 1 when the result is NaN or infinite'),
  plot: plotOption('also draw the fit: .svg or .png (data, fitted curve and residuals; a mean loss over the steps)'),
  jobs: jobsOption('threads for the passes over a large data set (1: one thread; the result is the same for every n)'),
};
