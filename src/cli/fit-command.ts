// `autograd fit`: read the data rows once into columns, bind the program to
// them (columns are data, the other variables parameters), run lm, gd or
// adam, and print the lab report or the JSON object.
import { createReadStream, promises as fsp } from 'node:fs';
import {
  CLI_SPELLING, DEFAULT_FIT_LR, DEFAULT_FIT_STEPS, fitIsFinite, meanLossFit, prepareFit, runLeastSquares, type FitModel, type FitResult, type FitSettings,
} from '../calculus/fit-program.js';
import { AutogradError, InputError, UsageError } from '../errors.js';
import { freeVariables } from '../graph/build.js';
import { readColumns } from '../io/data-columns.js';
import { fitThreads, LM_PASSES_ESTIMATE } from '../parallel/jobs.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import { fitJsonHead, fitJsonTail, fitRowJson, fitRowText, formatFit, LM_STOPS } from '../render/fit.js';
import { quoteText } from '../syntax/unshowable.js';
import { warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { readError } from './inputs.js';
import { loadProgram, warnUnused } from './load-program.js';
import type { FitOptions } from './option-tables.js';
import { loadPlotKit, StepRecord, writePlot, writeStepsPlot, type PlotTarget } from './plot-output.js';
import { ProgressBar } from './progress.js';

/** Longest a trajectory row waits in the output buffer. */
const ROW_DELAY_MS = 100;

async function checkReadable(path: string): Promise<void> {
  try {
    if ((await fsp.stat(path)).isDirectory()) throw readError(path, Object.assign(new Error(), { code: 'EISDIR' }));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw readError(path, e);
  }
}

export async function runFit(expr: string | undefined, opts: FitOptions, ctx: CliContext, stderrIsTTY: boolean): Promise<ExitCode> {
  if (opts.data === undefined) throw new UsageError('fit needs the data: give --data <file>, or --data - to read the rows from stdin');
  if (opts.data === '-' && expr === '-') throw new UsageError("the program and --data cannot both come from stdin ('-')");
  const { program } = await loadProgram(expr, opts.file, ctx);
  if (opts.data !== '-') await checkReadable(opts.data);
  const where = opts.data === '-' ? '<stdin>' : quoteText(opts.data);
  const input = opts.data === '-' ? ctx.stdin as AsyncIterable<Buffer | string> : createReadStream(opts.data, { highWaterMark: 1 << 20 });
  // Keep the columns the program could read (a column named like a constant shadows it) and --y, --weights.
  const keep = (columns: readonly string[]): string[] =>
    [...freeVariables(program, new Set(columns)), ...[opts.y, opts.weights].filter((c): c is string => c !== undefined)];
  let columns;
  try {
    // In shared memory, for worker threads (--jobs).
    columns = await readColumns(input, where, keep, undefined, { shared: true });
  } catch (e) {
    if (e instanceof AutogradError) throw e;
    if (typeof (e as NodeJS.ErrnoException).errno === 'number') throw readError(opts.data, e);
    throw e;
  }
  const { lines } = columns;
  const settings: FitSettings = {
    at: opts.at, y: opts.y, weights: opts.weights, wrt: opts.wrt, method: opts.method,
    steps: opts.steps, tol: opts.tol, lr: opts.lr, every: opts.every,
  };
  const model = prepareFit(program, { ...columns, where: (i) => ({ text: `${where}:${lines[i]!}`, line: lines[i]! }) }, settings, CLI_SPELLING);
  warnUnused(ctx, model.unused);
  for (const name of model.shadowedAt) warn(ctx, `--at ${quoteText(name)} is ignored: '${quoteText(name)}' is a column of the data`);
  if (model.moving.length === 0) warn(ctx, 'no parameters to fit: every variable is a column of the data or held by --wrt');
  // Much work: the passes over the rows on worker threads too (the module is loaded only then).
  const expected = model.method === 'lm' ? Math.min(LM_PASSES_ESTIMATE, passBudget(model, opts)) : passBudget(model, opts);
  const threads = fitThreads(opts.jobs, model.rows, expected, model.chunks.count, ctx.env);
  const pool = threads === 1 ? undefined : (await import('../parallel/fit-pool.js'))
    .startFitPool(program, columns, settings, model, threads, { workersOnly: ctx.env.AUTOGRAD_FIT_WORKERS_ONLY === '1' });
  let code: ExitCode;
  try {
    code = await fitAndReport(pool?.model ?? model, opts, settings, ctx, stderrIsTTY);
  } catch (e) {
    await pool?.close().catch(() => undefined);
    throw e;
  }
  await pool?.close();
  if (ctx.env.AUTOGRAD_DEBUG) ctx.stderr.write(`${pool?.report() ?? 'fit: one thread, no worker threads'}\n`);
  return code;
}

/** The most passes over the rows the fit may take. */
function passBudget(model: FitModel, opts: FitOptions): number {
  return opts.steps ?? (model.method === 'lm' ? 200 * (model.moving.length + 1) : DEFAULT_FIT_STEPS);
}

/** Runs the fit of a bound model and writes its report (and trajectory, and picture). */
async function fitAndReport(model: FitModel, opts: FitOptions, settings: FitSettings, ctx: CliContext, stderrIsTTY: boolean): Promise<ExitCode> {
  const bar = stderrIsTTY ? new ProgressBar(ctx.stderr, passBudget(model, opts) * model.rows, 'fit') : undefined;
  const progress = bar === undefined ? undefined : (done: number): void => bar.tick(done - (done & 1023));
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  let fit: FitResult;
  const record = opts.plot === undefined || model.method === 'lm' ? undefined : new StepRecord();
  if (model.method === 'lm') fit = runLeastSquares(model, settings, progress);
  else {
    // Trajectory rows go out with the stream's backpressure; a closed pipe (| head -1) ends the run at once.
    let headWritten = false;
    const run = meanLossFit(record === undefined ? model : { ...model, objective: StepRecord.watch(model.objective, record) }, settings, progress);
    let next = run.next();
    for (; next.done !== true; next = run.next()) {
      const { step, loss, point } = next.value;
      bar?.finish();
      const values = [...model.parameterValues(point)];
      if (!opts.json) out.add(fitRowText(model.output, step, loss, values));
      else {
        out.add(headWritten ? `,${fitRowJson(step, loss, values)}` : `${fitJsonHead(model.output, model.method)},"trajectory":[${fitRowJson(step, loss, values)}`);
        headWritten = true;
      }
      await out.flushIfDue(ROW_DELAY_MS);
      if (out.closed) return EXIT.ok;
    }
    fit = next.value;
    if (headWritten) out.add(']');
    else if (opts.json) out.add(fitJsonHead(fit.output, fit.method));
  }
  bar?.finish();
  if (fit.method === 'lm') {
    if (!fit.converged) warn(ctx, `the fit did not converge (${LM_STOPS[fit.stopped].replace('not converged: ', '')}); the best point found is printed`);
    // At a non-finite start there are no statistics to speak of: the stop says why.
    for (const name of fit.stopped === 'non-finite' ? [] : fit.undetermined) {
      warn(ctx, `the data cannot determine '${quoteText(name)}' (the model's Jacobian is singular there): its error is undetermined`);
    }
    if (opts.json) out.add(`${fitJsonHead(fit.output, fit.method)}${fitJsonTail(fit)}\n`);
  } else {
    if (fit.stopped === 'non-finite') {
      warn(ctx, fit.rejected === undefined
        ? `the mean of ${quoteText(fit.output)} or its gradient is not finite at the start: nothing to fit`
        : `step ${fit.iterations + 1} gave a mean ${quoteText(fit.output)} of ${String(fit.rejected)} or a non-finite gradient; `
          + 'stopped at the last finite point: try a smaller --lr');
    }
    if (opts.json) out.add(`${fitJsonTail(fit)}\n`);
  }
  if (!opts.json) out.add(formatFit(fit, ctx.style, opts.lr ?? DEFAULT_FIT_LR));
  await out.flush();
  if (opts.plot !== undefined) {
    if (record !== undefined) await writeStepsPlot(opts.plot, record, `mean ${fit.output}`);
    else await writeFitPlot(opts.plot, model, fit, opts.y!);
  }
  if (fit.method === 'lm' && !fit.converged) return EXIT.failed;
  return opts.strict && (fit.stopped === 'non-finite' || !fitIsFinite(fit)) ? EXIT.failed : EXIT.ok;
}

/** The picture of a least-squares fit: the curve through the data (one data column) or the residuals against the fit. */
async function writeFitPlot(target: PlotTarget, model: FitModel, fit: FitResult, yName: string): Promise<void> {
  const { curveFitFigure, residualFigure } = await loadPlotKit();
  const point = Float64Array.from(model.moving, (n) => fit.parameters.get(n)!);
  const y = model.observed!;
  if (model.data.length === 1) {
    const [{ name, values }] = model.data as [FitModel['data'][number]];
    const at = new Float64Array(1);
    const curve = (x: number): number => { at[0] = x; return model.predict(point, at); };
    return writePlot(target, curveFitFigure({ x: values, y, xLabel: name, yLabel: yName, model: curve }));
  }
  const row = new Float64Array(model.data.length);
  const fitted = new Float64Array(model.rows);
  for (let i = 0; i < model.rows; i++) {
    model.data.forEach((c, k) => { row[k] = c.values[i]!; });
    fitted[i] = model.predict(point, row);
  }
  return writePlot(target, residualFigure(fitted, y, yName));
}
