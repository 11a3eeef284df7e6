// `autograd optimize`: gradient descent (or ascent) from --at, reporting the
// value before and after and the final point.
import { tapeObjective } from '../calculus/descent.js';
import { compileProgram } from '../compile/program.js';
import { optimizeSteps } from '../calculus/optimize.js';
import { UsageError } from '../errors.js';
import { build } from '../graph/build.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import { chooseTargets } from '../graph/targets.js';
import type { Value } from '../graph/value.js';
import { formatOptimize, formatRow, jsonHead, jsonTail, nonFiniteMessage, rowJson, type OptimizeView } from '../render/optimize.js';
import { warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { loadProgram, warnUnused } from './load-program.js';
import type { OptimizeOptions } from './option-tables.js';
import { ProgressBar } from './progress.js';
import { StepRecord, writeStepsPlot } from './plot-output.js';
import { quoteText } from '../syntax/unshowable.js';

/** Longest a trajectory row waits in the output buffer. */
const ROW_DELAY_MS = 100;

export async function runOptimize(expr: string | undefined, opts: OptimizeOptions, ctx: CliContext,
  stderrIsTTY: boolean): Promise<ExitCode> {
  const { lr, steps, tol, every, at, wrt, plot } = opts;
  if (every !== undefined && every > steps) {
    throw new UsageError(`--every ${every} is more than --steps ${steps}: only the start and the end would be reported `
      + `(give --steps ${every} or more, or drop --every)`);
  }
  const { program } = await loadProgram(expr, opts.file, ctx);
  const built = build(program, at, { evaluate: false });
  warnUnused(ctx, built.unused);
  const params = chooseTargets(built, { wrt });
  for (const [name, v] of params) {
    if (built.variables.get(name) !== v) throw new UsageError(`--wrt '${quoteText(name)}' is a named node: optimize moves variables only`);
  }
  if (params.length === 0) warn(ctx, 'the program has no variables: there is nothing to optimize');
  const index = new Map<Value, number>(params.map(([, v], i) => [v, i]));
  const pointOf = (x: Float64Array): Array<readonly [string, number]> =>
    [...built.variables].map(([name, v]) => {
      const i = index.get(v);
      return [name, i === undefined ? v.data : x[i] ?? NaN] as const;
    });

  const { tape } = compileProgram(built, [built.output]);
  const record = plot === undefined ? undefined : new StepRecord();
  const objective = StepRecord.watch(tapeObjective(tape, Int32Array.from(params, ([, v]) => v.id)), record);
  const start = Float64Array.from(params, ([, v]) => v.data);
  const bar = stderrIsTTY && steps > 0 ? new ProgressBar(ctx.stderr, steps, 'optimize') : undefined;
  // Rows go out with the stream's backpressure, and a closed pipe (| head -1) ends the run at once.
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  let headWritten = false;
  const run = optimizeSteps(objective, start, {
    lr, steps, maximize: opts.maximize, tol, every,
    onProgress: bar === undefined ? undefined : (done) => bar.tick(done),
  });
  let next = run.next();
  for (; next.done !== true; next = run.next()) {
    const { step, value, point } = next.value;
    bar?.finish();
    if (!opts.json) out.add(formatRow(built.outputName, step, value, pointOf(point)));
    else if (headWritten) out.add(`,${rowJson(step, value, pointOf(point))}`);
    else {
      out.add(`${jsonHead(built.outputName, value)},"trajectory":[${rowJson(step, value, pointOf(point))}`);
      headWritten = true;
    }
    await out.flushIfDue(ROW_DELAY_MS);
    if (out.closed) {
      bar?.finish();
      return EXIT.ok;
    }
  }
  const result = next.value;
  bar?.finish();
  const view: OptimizeView = {
    output: built.outputName, lr, maximize: opts.maximize, tol, result,
    point: pointOf(result.point),
    gradient: params.map(([name], i) => [name, result.gradient[i] ?? NaN] as const),
  };
  if (result.stopped === 'non-finite') warn(ctx, nonFiniteMessage(view));
  if (plot !== undefined) await writeStepsPlot(plot, record!, built.outputName);
  if (!opts.json) out.add(formatOptimize(view, ctx.style));
  else out.add(`${headWritten ? ']' : jsonHead(view.output, result.before)}${jsonTail(view)}\n`);
  await out.flush();
  return opts.strict && result.stopped === 'non-finite' ? EXIT.failed : EXIT.ok;
}
