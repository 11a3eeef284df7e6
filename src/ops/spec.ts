// The shape of one operation: everything the program knows about an op lives in
// one OpSpec (see table.ts). Parser, evaluator, backward pass, help text and the
// tests all read it from there.
import type { OpArity } from './table.js';

/** How an operator is written between its operands (`a + b`). */
export interface InfixSyntax {
  /** The canonical symbol, used by printers. */
  readonly symbol: string;
  /** Other spellings the parser accepts (`**` for `^`). */
  readonly aliases?: readonly string[];
  /** Higher binds tighter: + - is 1, * / is 2, unary minus 3, ^ 4. */
  readonly precedence: number;
  readonly assoc: 'left' | 'right';
}

/** How an operator is written before its operand (`-x`). */
export interface PrefixSyntax {
  readonly symbol: string;
  readonly precedence: number;
}

/** The arguments of an op of arity `A` in a rule: one, two, or one or more. */
export type ArgsOf<A, T> = A extends 1 ? [x: T] : A extends 2 ? [a: T, b: T] : [x: T, ...rest: T[]];

/**
 * What a symbolic derivative (`dExpr` fields) is written with: `op` builds any
 * op of the table by name, with as many arguments as its arity, and `num` a
 * constant. The calculus layer implements it over Value graphs, so a
 * derivative is itself a graph that can be printed (`diff`) or differentiated
 * again (`--hessian`).
 *
 * @example
 * // d/dx tanh(x) = 1 - tanh(x)^2, with y the node tanh(x) itself:
 * const rule = <T>(e: ExprOps<T>, _x: T, y: T): T => e.op('sub', e.num(1), e.op('pow', y, e.num(2)));
 */
export interface ExprOps<T> {
  num(c: number): T;
  op<K extends keyof OpArity>(name: K, ...args: ArgsOf<OpArity[K], T>): T;
}

interface OpCommon {
  /** Names a user may call it by (`log`, `ln`); empty for pure operators. */
  readonly calls: readonly string[];
  /** One help line. */
  readonly doc: string;
  /** The derivative rule in words, for `autograd functions` and --help. */
  readonly rule: string;
  /** The convention used where the derivative does not exist, if any. */
  readonly kink?: string;
  /** Parameter names for help (`atan2(y, x)`); default x for one argument, a, b for two, x, … for many. */
  readonly params?: readonly string[];
  readonly infix?: InfixSyntax;
  readonly prefix?: PrefixSyntax;
}

/** An op of one argument (`sin`, unary minus). */
export interface UnarySpec extends OpCommon {
  readonly arity: 1;
  /** Forward value. */
  readonly f: (x: number) => number;
  /** dy/dx, given the input and the already computed output y. Must not allocate. */
  readonly df: (x: number, y: number) => number;
  /** dy/dx as an expression over other ops (`y` is this node); the same kink conventions as df. */
  readonly dExpr: <T>(e: ExprOps<T>, x: T, y: T) => T;
}

/** An op of two arguments (`+`, `^`, `hypot`, `log(x, b)`). */
export interface BinarySpec extends OpCommon {
  readonly arity: 2;
  readonly f: (a: number, b: number) => number;
  /** ∂y/∂a */
  readonly da: (a: number, b: number, y: number) => number;
  /** ∂y/∂b */
  readonly db: (a: number, b: number, y: number) => number;
  /** ∂y/∂a as an expression over other ops. */
  readonly daExpr: <T>(e: ExprOps<T>, a: T, b: T, y: T) => T;
  /** ∂y/∂b as an expression over other ops. */
  readonly dbExpr: <T>(e: ExprOps<T>, a: T, b: T, y: T) => T;
}

/** An op of any number of arguments (`min`, `max`). */
export interface VariadicSpec extends OpCommon {
  /** Any number of arguments, at least one. */
  readonly arity: 'n';
  readonly f: (xs: ArrayLike<number>) => number;
  /** ∂y/∂xs[i] */
  readonly dx: (xs: ArrayLike<number>, y: number, i: number) => number;
  /** Every ∂y/∂xs[i] into `out` in one pass: backward uses it so a call with n arguments costs O(n), not O(n²). */
  readonly dxAll: (xs: ArrayLike<number>, y: number, out: number[]) => void;
  /** ∂y/∂xs[i] as an expression over other ops. */
  readonly dxExpr: <T>(e: ExprOps<T>, xs: readonly T[], y: T, i: number) => T;
}

/** One entry of the op table: a unary, binary or variadic (min, max) op. */
export type OpSpec = UnarySpec | BinarySpec | VariadicSpec;

export const unary = (s: Omit<UnarySpec, 'arity'>): UnarySpec => ({ arity: 1, ...s });
export const binary = (s: Omit<BinarySpec, 'arity'>): BinarySpec => ({ arity: 2, ...s });
export const variadic = (s: Omit<VariadicSpec, 'arity'>): VariadicSpec => ({ arity: 'n', ...s });
