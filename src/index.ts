// The library API: the same engine the CLI uses.
import { hessian as hessianOf, type Hessian } from './calculus/hessian.js';
import { symbolicGradient } from './calculus/symbolic-gradient.js';
import { build, freeVariables, type Built } from './graph/build.js';
import { backward, forward } from './compile/sweep.js';
import { chooseTargets, type TargetChoice } from './graph/targets.js';
import type { Program } from './syntax/ast.js';
import { formatProgram, printExpression } from './render/expression.js';
import { checkPoint, checkWrt, choiceArgument, pointArgument, programArgument } from './api-arguments.js';

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
