// `autograd fit`: read the data rows once into columns, bind the program to
// them (columns are data, the other variables parameters), run lm, gd or
// adam, and print the lab report or the JSON object.
import { createReadStream, promises as fsp } from 'node:fs';
import {
  CLI_SPELLING, DEFAULT_FIT_LR, fitIsFinite, meanLossFit, prepareFit, runLeastSquares, type FitResult, type FitSettings,
} from '../calculus/fit-program.js';
import { AutogradError, InputError, UsageError } from '../errors.js';
import { freeVariables } from '../graph/build.js';
import { readColumns } from '../io/data-columns.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import { fitJsonHead, fitJsonTail, fitRowJson, fitRowText, formatFit, LM_STOPS } from '../render/fit.js';
import { quoteText } from '../syntax/unshowable.js';
import { warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { readError } from './inputs.js';
import { loadProgram, warnUnused } from './load-program.js';
import type { FitOptions } from './option-tables.js';
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
    columns = await readColumns(input, where, keep);
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

  const passes = model.method === 'lm' ? opts.steps ?? 200 * (model.moving.length + 1) : opts.steps ?? 1000;
  const bar = stderrIsTTY ? new ProgressBar(ctx.stderr, passes * model.rows, 'fit') : undefined;
  const progress = bar === undefined ? undefined : (done: number): void => bar.tick(done - (done & 1023));
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  let fit: FitResult;
  if (model.method === 'lm') fit = runLeastSquares(model, settings, progress);
  else {
    // Trajectory rows go out with the stream's backpressure; a closed pipe (| head -1) ends the run at once.
    let headWritten = false;
    const run = meanLossFit(model, settings, progress);
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
  if (fit.method === 'lm' && !fit.converged) return EXIT.failed;
  return opts.strict && (fit.stopped === 'non-finite' || !fitIsFinite(fit)) ? EXIT.failed : EXIT.ok;
}
