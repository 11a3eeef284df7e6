// `autograd eval`: parse, evaluate, differentiate, render.
import { UsageError } from '../errors.js';
import { build } from '../graph/build.js';
import { backward, forward } from '../graph/propagate.js';
import { chooseTargets } from '../graph/targets.js';
import { formatHessian, hessianJson } from '../render/hessian.js';
import { formatResult, toJson, type ResultView } from '../render/result.js';
import { parse } from '../syntax/parser.js';
import { warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { hessianFinite, hessianFor } from './hessian-option.js';
import { parseAt, parseNameList, readProgram } from './inputs.js';

export interface EvalOptions {
  readonly at: readonly string[];
  readonly file?: string;
  readonly wrt?: string;
  readonly all?: boolean;
  readonly json?: boolean;
  readonly precision?: string;
  readonly strict?: boolean;
  readonly hessian?: boolean;
}

/** Parses --precision: an integer number of significant digits, 1 to 17. */
export function parsePrecision(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 17) throw new UsageError(`--precision '${text}': expected a whole number from 1 to 17`);
  return n;
}

export async function runEval(expr: string | undefined, opts: EvalOptions, ctx: CliContext): Promise<ExitCode> {
  const digits = parsePrecision(opts.precision);
  const at = parseAt(opts.at, (m) => warn(ctx, m));
  const wrt = opts.wrt === undefined ? undefined : parseNameList('--wrt', opts.wrt);
  const source = await readProgram(expr, opts.file, ctx.stdin);
  const program = parse(source);
  const built = build(program, at);
  const targets = chooseTargets(built, { wrt, all: opts.all });
  for (const u of built.unused) {
    const hint = u.suggestions.length > 0 ? ` (did you mean ${u.suggestions.map((s) => `'${s}'`).join(' or ')}?)` : '';
    warn(ctx, `--at ${u.name} is not used by the program${hint}`);
  }
  forward(built.graph.nodes);
  backward(built.graph.nodes, built.output);
  const view: ResultView = {
    output: built.outputName,
    value: built.output.data,
    gradient: targets.map(([name, v]) => [name, v.grad] as const),
  };
  const hessian = opts.hessian ? hessianFor(built, targets, wrt !== undefined) : undefined;
  if (opts.json) ctx.stdout.write(`${toJson(view, hessian ? [['hessian', hessianJson(hessian)]] : [])}\n`);
  else {
    ctx.stdout.write(formatResult(view, ctx.style, digits));
    if (hessian) ctx.stdout.write(formatHessian(hessian, view.output, ctx.style, digits));
  }
  const finite = Number.isFinite(view.value) && view.gradient.every(([, g]) => Number.isFinite(g)) &&
    (hessian === undefined || hessianFinite(hessian));
  return opts.strict && !finite ? EXIT.failed : EXIT.ok;
}
