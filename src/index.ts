// The library API: the same engine the CLI uses.
import { hessian as hessianOf, type Hessian } from './calculus/hessian.js';
import { chooseOutputs, JacobianTape, type JacobianMode } from './calculus/jacobian.js';
import { symbolicGradient } from './calculus/symbolic-gradient.js';
import { build, freeVariables, type Built } from './graph/build.js';
import { backward, forward } from './compile/sweep.js';
import { chooseTargets, type TargetChoice } from './graph/targets.js';
import type { Program } from './syntax/ast.js';
import { formatProgram, printExpression } from './render/expression.js';
import {
  checkPoint, checkWrt, choiceArgument, fitDataArgument, jacobianArgument, pointArgument, programArgument, tangentArgument,
} from './api-arguments.js';
import { prepareFit, runFit, type FitMethod, type FitResult } from './calculus/fit-program.js';
import { ArgumentError } from './errors.js';

export { parse } from './syntax/parser.js';
export type { Program, AstNode, NumberNode, NameNode, OpNode, Statement } from './syntax/ast.js';
export { build, freeVariables, type Built, type BuildOptions } from './graph/build.js';
export { Graph, Value, type NodeOp, type Span } from './graph/value.js';
export { forward, backward, type ContributionListener, type BackwardOptions } from './compile/sweep.js';
export { Tape, type TapeOptions, type EdgeListener } from './compile/tape.js';
export { compileProgram, type CompiledProgram } from './compile/program.js';
export { OPS, OP_NAMES, OP_ARITY, FUNCTIONS, CONSTANTS, type OpName, type OpArity } from './ops/table.js';
export type { OpSpec } from './ops/spec.js';
export { toDot, type DotSource, type DotOptions } from './render/dot.js';
export { AutogradError, ParseError, NameError, UsageError, InputError, ArgumentError } from './errors.js';
export type { NameErrorInit } from './errors.js';

/**
 * Variable values, as a Map (any name is safe, `__proto__` included) or a plain object.
 *
 * @example
 * const at: Point = { x: 1, y: 2 };
 * const same: Point = new Map([['x', 1], ['y', 2]]);
 */
export type Point = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** The program and point of a call, checked: every variable has a number. */
function programAt(program: Program | string, at: Point | undefined): [Program, ReadonlyMap<string, number>] {
  const p = programArgument(program);
  const point = pointArgument(at);
  checkPoint(p, point);
  return [p, point];
}

/** What {@link evaluate} returns: the output's name and value, and the graph behind them. */
export interface Evaluation {
  /** The output's name: the last statement's name, or `f`. */
  readonly output: string;
  /** The output's forward value. */
  readonly value: number;
  /** The built graph, for drawing or inspection. */
  readonly built: Built;
}

/**
 * Evaluates a program (source text or parsed) at a point (it may be left out
 * when the program has no variables).
 *
 * Throws ParseError on bad syntax, NameError when the point has no value for
 * a variable, and ArgumentError for an argument of the wrong type (a value
 * that is not a number, such as the string '3'; NaN and ±Infinity are numbers).
 *
 * @example
 * evaluate('x*y + sin(x)', { x: 1, y: 2 }).value // 2.8414709848078967
 * evaluate('d = a*b; d + c', { a: 2, b: 3, c: 4 }).output // 'f'
 * evaluate('e = a*b; L = e + 1', new Map([['a', 2], ['b', 3]])).output // 'L'
 * evaluate('2 + 3').value // 5
 * evaluate('x + y', { x: 1 }) // throws NameError: the point has no value for variable 'y'
 * evaluate('x', { x: '3' as unknown as number }) // throws ArgumentError: point gives 'x' the string '3': a value must be a number
 */
export function evaluate(program: Program | string, at?: Point): Evaluation {
  // As in the CLI: the graph is the structure, one engine sweep fills its data.
  const built = build(...programAt(program, at), { evaluate: false });
  forward(built.graph.nodes);
  return { output: built.outputName, value: built.output.data, built };
}

/** What {@link gradient} returns: the evaluation plus ∂output/∂name per target. */
export interface GradientResult extends Evaluation {
  /** ∂output/∂name for each variable (or each --wrt name), in order of first appearance. */
  readonly gradient: ReadonlyMap<string, number>;
}

/**
 * Value and gradient of a program at a point, by reverse-mode backpropagation.
 *
 * `choice.wrt` picks (and orders) the names to report, variables or named
 * nodes; `choice.all` adds every named intermediate node after the variables.
 *
 * @example
 * gradient('a*b**2', { a: 2, b: 3 }).gradient // Map { 'a' => 9, 'b' => 12 }
 * gradient('a*b**2', { a: 2, b: 3 }).value // 18
 * gradient('e = a*b; L = e*c', { a: 2, b: 3, c: 4 }, { wrt: ['e', 'c'] }).gradient // Map { 'e' => 4, 'c' => 6 }
 * gradient('e = a*b; L = e*c', { a: 2, b: 3, c: 4 }, { all: true }).gradient // Map { 'a' => 12, 'b' => 8, 'c' => 6, 'e' => 4 }
 * gradient('x*y', { x: 1, y: 2 }, { wrt: ['z'] }) // throws NameError: wrt names 'z', which is neither a variable nor a named node of the program
 */
export function gradient(program: Program | string, at?: Point, choice: TargetChoice = {}): GradientResult {
  choiceArgument(choice);
  const ev = evaluate(program, at);
  const { built } = ev;
  checkWrt(built, choice.wrt);
  const targets = chooseTargets(built, choice);
  backward(built.graph.nodes, built.output);
  return { ...ev, gradient: new Map(targets.map(([name, v]) => [name, v.grad])) };
}
export type { TargetChoice };
export { tapeObjective } from './calculus/descent.js';

/**
 * The derivative of a program's output with respect to each variable (or each
 * `wrt` name), as program text of the language itself: shared subexpressions
 * are steps `t1 = …`, and `evaluate(text, at).value` is the gradient entry.
 *
 * @example
 * diff('x^3').get('x') // '3*x^2'
 * diff('sin(x)*y') // Map { 'x' => 'y*cos(x)', 'y' => 'sin(x)' }
 * evaluate(diff('sin(x)*y').get('x')!, { x: 0, y: 5 }).value // 5
 */
export function diff(program: Program | string, choice: TargetChoice = {}): Map<string, string> {
  choiceArgument(choice);
  const p = programArgument(program);
  const built = build(p, new Map(freeVariables(p, new Set(choice.wrt ?? [])).map((n) => [n, NaN])));
  checkWrt(built, choice.wrt);
  const { graph, gradient: g } = symbolicGradient(built, chooseTargets(built, choice));
  return new Map(g.map(([name, v]) => [name, formatProgram(printExpression(graph.nodes, v))]));
}

/**
 * The exact Hessian of a program at a point, over its variables in order of
 * first appearance (or the `wrt` variables), by reverse over reverse mode.
 *
 * @example
 * hessian('x*y^2', { x: 1, y: 2 }).rows // [[0, 4], [4, 2]]
 * hessian('x*y^2', { x: 1, y: 2 }).names // ['x', 'y']
 * hessian('x*y^2', { x: 1, y: 2 }, { wrt: ['y'] }).rows // [[2]]
 * hessian('e = x*y; e^2', { x: 1, y: 2 }, { wrt: ['e'] }) // throws NameError: wrt names 'e', a named node: the Hessian is over variables only
 */
export function hessian(program: Program | string, at?: Point, choice: Pick<TargetChoice, 'wrt'> = {}): Hessian {
  choiceArgument(choice);
  const built = build(...programAt(program, at));
  checkWrt(built, choice.wrt, true);
  const targets = chooseTargets(built, choice).filter(([name, v]) => built.variables.get(name) === v);
  return hessianOf(built, targets);
}
export type { Hessian };
export { printExpression, formatProgram, type PrintedProgram, type PrintOptions } from './render/expression.js';
export { optimize, type OptimizeOptions, type OptimizeResult, type StopReason } from './calculus/optimize.js';
export type { Objective } from './calculus/descent.js';

/** What {@link jacobian} and {@link jvp} are asked for: the outputs, and for jacobian the columns and mode. */
export interface JacobianChoice extends TargetChoice {
  /** Output names: statement names (each its latest assignment) or the output's name, in the order of rows. */
  readonly of: readonly string[];
  /** 'reverse' (one sweep per output) or 'forward' (one sweep per column); by default the one with fewer sweeps. */
  readonly mode?: JacobianMode | undefined;
}
export type { JacobianMode };
export { JacobianTape, type JacobianOptions } from './calculus/jacobian.js';

/** What {@link jacobian} returns: each output's value and its derivatives. */
export interface JacobianResult {
  /** Output names, in the order asked for. */
  readonly outputs: readonly string[];
  /** Each output's value. */
  readonly values: ReadonlyMap<string, number>;
  /** jacobian.get(u).get(x) = ∂u/∂x, columns in order of first appearance (or `wrt` order). */
  readonly jacobian: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The mode that computed it. */
  readonly mode: JacobianMode;
}

/** The built program and the compiled Jacobian tape of a call. */
function jacobianTape(program: Program | string, at: Point | undefined, choice: JacobianChoice): JacobianTape {
  jacobianArgument(choice);
  const built = build(...programAt(program, at), { evaluate: false });
  checkWrt(built, choice.wrt);
  const outputs = chooseOutputs(built, choice.of, 'of');
  return new JacobianTape(built, outputs, chooseTargets(built, choice), { kernel: false, mode: choice.mode });
}

/**
 * The values and the Jacobian of several outputs of a program at a point: one
 * forward pass, then reverse mode once per output or forward mode once per
 * column, whichever is fewer sweeps (or `choice.mode`). An entry whose output
 * does not depend on the column is exactly 0.
 *
 * @example
 * const polar = 'x = r*cos(t); y = r*sin(t)';
 * const j = jacobian(polar, { r: 2, t: 0 }, { of: ['x', 'y'] });
 * j.values // Map { 'x' => 2, 'y' => 0 }
 * j.mode // 'forward'
 * j.jacobian // Map { 'x' => Map { 'r' => 1, 't' => 0 }, 'y' => Map { 'r' => 0, 't' => 2 } }
 * jacobian('u = x*y; v = x + 1', { x: 3, y: 4 }, { of: ['v'], mode: 'reverse' }).jacobian // Map { 'v' => Map { 'x' => 1, 'y' => 0 } }
 * jacobian('u = x*y; v = x + 1', { x: 3, y: 4 }, { of: ['uu'] }) // throws NameError: of 'uu' is not an output of the program: it names no statement and is not the output's name (did you mean 'u'?)
 */
export function jacobian(program: Program | string, at: Point | undefined, choice: JacobianChoice): JacobianResult {
  const tape = jacobianTape(program, at, choice);
  const rows = tape.evaluate();
  return {
    outputs: tape.outputs,
    values: new Map(tape.outputs.map((name, i) => [name, tape.values[i]!])),
    jacobian: new Map(tape.outputs.map((name, i) => [name, new Map(tape.names.map((x, j) => [x, rows[i]![j]!]))])),
    mode: tape.mode,
  };
}

/**
 * The Jacobian-vector product J·t of the `of` outputs at a point, by one
 * forward-mode sweep: `tangent` gives a direction per variable (a variable it
 * leaves out has 0).
 *
 * @example
 * jvp('u = x*y; v = x + sin(y)', { x: 1, y: 0 }, { x: 1, y: 2 }, { of: ['u', 'v'] }) // Map { 'u' => 2, 'v' => 3 }
 * jvp('u = x*y', { x: 1, y: 2 }, { z: 1 }, { of: ['u'] }) // throws NameError: tangent names 'z', which is not a variable of the program
 */
export function jvp(program: Program | string, at: Point | undefined, tangent: Point,
  choice: Pick<JacobianChoice, 'of'>): Map<string, number> {
  const t = pointArgument(tangent);
  const tape = jacobianTape(program, at, { of: choice?.of, mode: 'forward' } as JacobianChoice);
  const direction = tangentArgument(t, tape.names);
  tape.tape.forward();
  const into = tape.jvp(direction, new Float64Array(tape.outputs.length));
  return new Map(tape.outputs.map((name, i) => [name, into[i]!]));
}
/**
 * Fit data: columns of numbers by name (arrays or Float64Arrays, equally
 * long), or rows (an array of objects of numbers).
 *
 * @example
 * const columns: FitData = { x: [1, 2, 3], y: [2, 4, 6] };
 * const rows: FitData = [{ x: 1, y: 2 }, { x: 2, y: 4 }];
 */
export type FitData = Readonly<Record<string, ArrayLike<number>>> | ReadonlyArray<Readonly<Record<string, number>>>;

/** Options of {@link fit}: the start values, and how to fit. */
export interface FitOptions {
  /** Start values: one for every parameter (a variable of the program that is not a column). */
  readonly at: Point;
  /** The column the model fits (least squares); without it, the program's output is a per-row loss. */
  readonly y?: string;
  /** The column of σᵢ (wᵢ = 1/σᵢ, relative: the errors are scaled by the residual variance). */
  readonly weights?: string;
  /** The parameters to move; the others keep their start values. */
  readonly wrt?: readonly string[];
  /** Default 'lm' with `y`, 'adam' without. */
  readonly method?: FitMethod;
  /** lm: most passes over the data (default 200·(p+1)); gd/adam: steps, one pass each (default 1000). */
  readonly steps?: number;
  /** lm: relative SSR reduction to stop at (default 1e-15); gd/adam: stop when a step changes the loss by at most tol·|loss|. */
  readonly tol?: number;
  /** gd/adam learning rate (default 0.01). */
  readonly lr?: number;
}

/**
 * Fits the parameters of a program to data, as `autograd fit` does: with `y`,
 * nonlinear least squares by Levenberg–Marquardt with the exact Jacobian and
 * the statistics of the fit; without it, the mean of the program's output
 * over the rows minimized by Adam or gradient descent. A variable that is a
 * column is data; every other variable needs a start value in `at`.
 *
 * Throws NameError for a parameter without a start value, InputError for a
 * value that is not finite (or a σ that is not positive), ArgumentError for
 * arguments of the wrong shape. Never throws for a fit that does not converge:
 * see `stopped` and `converged`. Runs on the calling thread (the command
 * line's `--jobs` spreads the passes over threads), with the same arithmetic,
 * so it returns the same bits as `autograd fit` on the same data.
 *
 * @example
 * const line = fit('a*x + b', { x: [0, 1, 2, 3], y: [1, 3, 5, 7] }, { y: 'y', at: { a: 0, b: 0 } });
 * line.method // 'lm'
 * Math.round(line.parameters.get('a')! * 1e9) / 1e9 // 2
 * Math.round(line.parameters.get('b')! * 1e9) / 1e9 // 1
 * line.method === 'lm' && line.converged // true
 * line.method === 'lm' && line.degreesOfFreedom // 2
 * const tutorial = fit('y_hat = w*x + b; (y - y_hat)^2', [{ x: 0, y: 1 }, { x: 1, y: 3 }], { at: { w: 0, b: 0 }, method: 'gd', lr: 0.1, steps: 2000 });
 * Math.round(tutorial.parameters.get('w')! * 1e6) / 1e6 // 2
 * tutorial.method === 'gd' && tutorial.loss < 1e-12 // true
 * fit('a*x', { x: [1] }, { y: 'y', at: { a: 1 } }) // throws NameError: y 'y' is not a column of the data: the columns are 'x'
 */
export function fit(program: Program | string, data: FitData, options: FitOptions): FitResult {
  const p = programArgument(program);
  if (options === null || typeof options !== 'object') throw new ArgumentError('the options must be an object like { at: { a: 1 } }');
  const at = pointArgument(options.at);
  const settings = { ...options, at };
  return runFit(prepareFit(p, fitDataArgument(data), settings), settings);
}
export type { FitMethod, FitResult };
export type { FitStop, LeastSquaresFit, MeanLossFit } from './calculus/fit-program.js';
export type { LeastSquaresStop, MeanLossStop } from './calculus/fit/index.js';
