// `autograd eval`: parse, evaluate, differentiate, render.
import { checkGradient, type CheckEntry } from '../calculus/check.js';
import { firstNonFiniteGradient, firstNonFiniteValue } from '../calculus/non-finite.js';
import { traceBackward, type TraceBlock } from '../calculus/trace.js';
import { UsageError } from '../errors.js';
import { build } from '../graph/build.js';
import { backward, forward } from '../compile/sweep.js';
import { chooseTargets } from '../graph/targets.js';
import { checkJson, formatCheck } from '../render/check.js';
import { describeGradientOrigin, describeValueOrigin } from '../render/non-finite.js';
import { formatHessian, hessianJson } from '../render/hessian.js';
import { formatResult, toJson, type ResultView } from '../render/result.js';
import { formatTrace, traceJson } from '../render/trace.js';
import { complain, warn, type CliContext } from './context.js';
import { checkPictureSize, writeDot } from './dot-output.js';
import { EXIT, type ExitCode } from './exit.js';
import { hessianFinite, hessianFor } from './hessian-option.js';
import { loadProgram, warnUnused } from './load-program.js';
import type { EvalOptions } from './option-tables.js';
import { runOf } from './of-option.js';
import { runPoints } from './points-command.js';
import { nonFiniteResults, strictMessage } from '../render/strict.js';

export async function runEval(expr: string | undefined, opts: EvalOptions, ctx: CliContext): Promise<ExitCode> {
  const { at, wrt, dot, tolerance, precision: digits } = opts;
  if (dot?.path === undefined && dot !== undefined && (opts.json || opts.trace || opts.check || opts.hessian || digits !== undefined)) {
    throw new UsageError('--dot - writes the DOT text alone to stdout: write it to a file to combine it with --json, --trace, --check, --hessian or --precision');
  }
  if (opts.points === '-' && expr === '-') throw new UsageError("the program and --points cannot both come from stdin ('-')");
  const { source, program } = await loadProgram(expr, opts.file, ctx);
  if (opts.points !== undefined) {
    return runPoints(program, at, {
      points: opts.points, wrt, all: opts.all, json: opts.json, strict: opts.strict, hessian: opts.hessian, of: opts.of, jobs: opts.jobs,
    }, ctx);
  }
  if (opts.of !== undefined) {
    return runOf(program, source, at, {
      of: opts.of, wrt, all: opts.all, json: opts.json, strict: opts.strict, digits, check: opts.check ? tolerance : undefined,
    }, ctx);
  }
  // The graph is the structure; the engine fills its numbers, once each way.
  const built = build(program, at, { evaluate: false });
  const output = built.output;
  const targets = chooseTargets(built, { wrt, all: opts.all });
  if (dot !== undefined) checkPictureSize(dot, built, opts.force);
  warnUnused(ctx, built.unused);
  const nodes = built.graph.nodes;
  forward(nodes);
  const badValue = firstNonFiniteValue(nodes, output);
  if (badValue !== undefined) warn(ctx, describeValueOrigin(badValue, source));
  // A picture shows the true gradient of every node, constants included.
  const everyNode = dot !== undefined;
  let trace: TraceBlock[] | undefined;
  if (opts.trace) trace = traceBackward(nodes, output, { everyNode });
  else backward(nodes, output, { everyNode });
  const badGradient = firstNonFiniteGradient(nodes, output);
  if (badGradient !== undefined) warn(ctx, describeGradientOrigin(badGradient, source));
  const checked: CheckEntry[] | undefined = opts.check ? checkGradient(built, targets, tolerance) : undefined;
  // The file is written before stdout, so a failed write leaves stdout empty.
  if (dot !== undefined) await writeDot(dot, built, ctx.stdout, source);
  const view: ResultView = {
    output: built.outputName,
    value: output.data,
    gradient: targets.map(([name, v]) => [name, v.grad] as const),
  };
  const hessian = opts.hessian ? hessianFor(built, targets, wrt !== undefined) : undefined;
  const names = { source, output, outputName: built.outputName };
  if (dot !== undefined && dot.path === undefined) {
    // stdout holds the DOT alone.
  } else if (opts.json) {
    const extra: Array<readonly [string, string]> = [];
    if (trace !== undefined) extra.push(['trace', traceJson(trace, names)]);
    if (checked !== undefined) extra.push(['check', checkJson(checked)]);
    if (hessian !== undefined) extra.push(['hessian', hessianJson(hessian)]);
    ctx.stdout.write(`${toJson(view, extra)}\n`);
  } else {
    if (trace !== undefined) ctx.stdout.write(`${formatTrace(trace, names, ctx.style, digits)}\n`);
    ctx.stdout.write(formatResult(view, ctx.style, digits));
    if (hessian !== undefined) ctx.stdout.write(formatHessian(hessian, view.output, ctx.style, digits));
    if (checked !== undefined) ctx.stdout.write(formatCheck(checked, built.outputName, tolerance, ctx.style, digits));
  }
  const finite = Number.isFinite(view.value) && view.gradient.every(([, g]) => Number.isFinite(g)) &&
    (hessian === undefined || hessianFinite(hessian));
  const disagree = checked?.filter((e) => !e.ok) ?? [];
  if (disagree.length > 0) {
    // The text table marks each one FAIL; with --json, stderr says it.
    if (opts.json) {
      const names = disagree.map((e) => `∂${view.output}/∂${e.name}`).join(', ');
      complain(ctx, `--check: ${names} ${disagree.length === 1 ? 'disagrees' : 'disagree'} with the finite difference`);
    }
    return EXIT.failed;
  }
  if (!opts.strict || finite) return EXIT.ok;
  // Exit 1 never comes alone: unless a warning above already said where the NaN or Infinity came from, say what it is.
  if (badValue === undefined && badGradient === undefined) {
    complain(ctx, strictMessage(nonFiniteResults(view.output, view.value, view.gradient, hessian)));
  }
  return EXIT.failed;
}
