// `autograd plot`: f and a partial derivative over --over x=a:b, in the
// terminal (braille) or as an SVG or PNG picture, with the tangent at --at x.
import { curveOf } from '../calculus/curve.js';
import { NameError, UsageError } from '../errors.js';
import { build, freeVariables } from '../graph/build.js';
import { chooseTargets } from '../graph/targets.js';
import { suggest } from '../syntax/suggest.js';
import { isName } from '../syntax/tokens.js';
import { quoteText } from '../syntax/unshowable.js';
import type { CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { parseDecimal } from '../syntax/number-text.js';
import { loadProgram, warnUnused } from './load-program.js';
import type { PlotOptions } from './option-tables.js';
import { loadPlotKit, writePlot } from './plot-output.js';

/** The terminal's size when stdout is one; undefined on a pipe (80 × 24 is used). */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** Node evaluations a plot may spend in all: a program of a million nodes gets the base grid alone. */
const WORK = 2e7;

/** The size of a text plot on a pipe. */
export const PIPE_SIZE: TerminalSize = { columns: 80, rows: 24 };

export interface Interval {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/** Parses `--over x=a:b`: a name and an interval a < b of finite numbers. */
export function parseOver(text: string | undefined): Interval {
  if (text === undefined) throw new UsageError('plot needs --over <name>=<from>:<to>, the variable and interval of the x-axis (like --over x=-2:2)');
  const shown = quoteText(text);
  const eq = text.indexOf('=');
  if (eq === -1) throw new UsageError(`--over '${shown}': expected name=from:to (like x=-2:2)`);
  const name = text.slice(0, eq).trim();
  if (!isName(name)) throw new UsageError(`--over '${shown}': '${quoteText(name)}' is not a valid name`);
  const ends = text.slice(eq + 1).split(':');
  if (ends.length !== 2) throw new UsageError(`--over '${shown}': expected two numbers from:to after '=' (like ${name}=-2:2)`);
  const [from, to] = ends.map((e) => {
    const v = parseDecimal(e.trim());
    if (v === undefined || !Number.isFinite(v)) throw new UsageError(`--over '${shown}': '${quoteText(e.trim())}' is not a finite number`);
    return v;
  }) as [number, number];
  if (from === to) throw new UsageError(`--over '${shown}': the interval is empty (from and to are both ${from})`);
  if (from > to) throw new UsageError(`--over '${shown}': the interval is reversed (give the smaller end first: ${name}=${ends[1]!.trim()}:${ends[0]!.trim()})`);
  if (!Number.isFinite(to - from)) throw new UsageError(`--over '${shown}': the interval is too wide to sample`);
  return { name, from, to };
}

/** The legend's name of f: `f = <program>` when the program is one short line. */
function functionLabel(output: string, source: string): string {
  const text = source.trim();
  return text.length <= 40 && !/[\n;#]/.test(text) ? `${output} = ${text}` : output;
}

/** Parses `--wrt name`: one variable or named node. */
export function parseWrtName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const name = text.trim();
  if (!isName(name)) throw new UsageError(`--wrt '${quoteText(text)}': expected one variable or named node`);
  return name;
}

export async function runPlot(expr: string | undefined, opts: PlotOptions, ctx: CliContext,
  terminal: TerminalSize | undefined): Promise<ExitCode> {
  const { over, at, output: target } = opts;
  const wrtName = opts.wrt ?? over.name;
  const markX = at.get(over.name);
  if (markX !== undefined && !(markX >= over.from && markX <= over.to)) {
    throw new UsageError(`--at ${over.name}=${markX} is outside --over ${over.name}=${over.from}:${over.to}: the point to mark must lie on the plot`);
  }
  const { source, program } = await loadProgram(expr, opts.file, ctx);
  const values = new Map(at);
  values.set(over.name, markX ?? over.from);
  const names = freeVariables(program, new Set(values.keys()));
  if (!names.includes(over.name)) {
    const known = names.length === 0 ? 'it has no variables' : `its variables are ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;
    throw new NameError({
      problem: `--over '${quoteText(over.name)}': the program has no variable of that name`,
      suggestions: suggest(over.name, names), advice: known,
    });
  }
  const built = build(program, values, { evaluate: false });
  const variable = built.variables.get(over.name)!;
  warnUnused(ctx, built.unused);
  const [[, wrt]] = chooseTargets(built, { wrt: [wrtName] }) as [[string, typeof variable]];
  const curve = curveOf(built, variable, wrt);
  let mark: { x: number; y: number; slope: number } | undefined;
  if (markX !== undefined) {
    const out = new Float64Array(3);
    curve(markX, out);
    mark = { x: markX, y: out[0]!, slope: out[2]! };
  }
  const kit = await loadPlotKit();
  const size = terminal ?? PIPE_SIZE;
  const area = target === undefined ? { width: size.columns * 2, height: size.rows * 4 } : kit.plotArea();
  const figure = kit.functionFigure({
    evaluate: curve, over: over.name, from: over.from, to: over.to, mark,
    fLabel: functionLabel(built.outputName, source), dLabel: `∂${built.outputName}/∂${wrtName}`, ...area,
    budget: Math.min(4000, Math.floor(WORK / built.graph.nodes.length)),
  });
  if (figure === undefined) {
    throw new UsageError(`${built.outputName} is NaN or infinite everywhere on ${over.name} = ${over.from}…${over.to}: nothing to plot`);
  }
  if (target !== undefined) await writePlot(target, figure);
  else ctx.stdout.write(kit.figureToText(figure, size, ctx.style.curves));
  return EXIT.ok;
}
