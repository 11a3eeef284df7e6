// The op table: every operator and function of the language, once. Forward
// values call Math.* directly; derivatives are stated in closed form beside them.
// Kinks follow PyTorch's conventions, each with a NOTE.
import { binary, unary, variadic, type ExprOps, type OpSpec } from './spec.js';

/**
 * Every op name with its arity (1, 2, or 'n' for any number of arguments):
 * the one list of op names. {@link OPS} has exactly these entries, each of
 * this arity, and a derivative rule may build any of them (`e.op('tanh', x)`).
 *
 * @example
 * OP_ARITY.sin // 1
 * OP_ARITY.max // 'n'
 */
export const OP_ARITY = {
  add: 2, sub: 2, mul: 2, div: 2, neg: 1, pow: 2,
  sin: 1, cos: 1, tan: 1, asin: 1, acos: 1, atan: 1, atan2: 2,
  sinh: 1, cosh: 1, tanh: 1, asinh: 1, acosh: 1, atanh: 1,
  exp: 1, expm1: 1, log: 1, logb: 2, log2: 1, log10: 1, log1p: 1,
  sqrt: 1, cbrt: 1, square: 1, hypot: 2,
  abs: 1, sign: 1, relu: 1, min: 'n', max: 'n',
  sigmoid: 1, softplus: 1,
} as const satisfies Record<string, 1 | 2 | 'n'>;

/** The arity of each op, as a type: `OpArity['hypot']` is 2. */
export type OpArity = typeof OP_ARITY;

const LN2 = Math.LN2;
const LN10 = Math.LN10;

/** Numerically stable logistic function: never exp of a large positive number. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const z = Math.exp(x);
  return z / (1 + z);
}

/** tieShare for every argument at once: one pass to count the ties, one to share. */
function tieShares(xs: ArrayLike<number>, y: number, out: number[]): void {
  let ties = 0;
  for (let j = 0; j < xs.length; j++) if (xs[j] === y) ties++;
  out.length = xs.length;
  for (let j = 0; j < xs.length; j++) out[j] = xs[j] === y ? 1 / ties : 0;
}

/** Share of the gradient a tied argument of min/max gets: 1/(number tied with y). */
function tieShare(xs: ArrayLike<number>, y: number, i: number): number {
  if (xs[i] !== y) return 0;
  let ties = 0;
  for (let j = 0; j < xs.length; j++) if (xs[j] === y) ties++;
  // NOTE: a tie splits the gradient evenly among the tied arguments (PyTorch).
  return 1 / ties;
}

/** tieShare as an expression: [x_i = y] / Σ_j [x_j = y], with [a = b] written 1 - sign(|a - b|). */
function tieShareExpr<T>(e: ExprOps<T>, xs: readonly T[], y: T, i: number): T {
  if (xs.length === 1) return e.num(1);
  const hit = (x: T): T => e.op('sub', e.num(1), e.op('sign', e.op('abs', e.op('sub', x, y))));
  let count = hit(xs[0]!);
  for (let j = 1; j < xs.length; j++) count = e.op('add', count, hit(xs[j]!));
  // NOTE: a tie splits the gradient evenly among the tied arguments (PyTorch).
  return e.op('div', hit(xs[i]!), count);
}

/** `y`, or 1 where y = 0 (for y >= 0): a denominator that keeps a 0/0 kink at 0 instead of NaN. */
function nonZero<T>(e: ExprOps<T>, y: T): T {
  return e.op('add', y, e.op('sub', e.num(1), e.op('sign', y)));
}

const one = <T>(e: ExprOps<T>): T => e.num(1);
const square = <T>(e: ExprOps<T>, x: T): T => e.op('pow', x, e.num(2));
/** sqrt((1 - x)(1 + x)), the factored 1 - x^2 the numeric derivatives use. */
const sqrtOneMinusSquare = <T>(e: ExprOps<T>, x: T): T => e.op('sqrt', e.op('mul', e.op('sub', e.num(1), x), e.op('add', e.num(1), x)));

/**
 * The op table: every operator and function of the language, keyed by op name,
 * with its forward function, local derivatives, syntax and help text.
 *
 * @example
 * OPS.sin.rule // 'cos(x)'
 * OPS.mul.infix // { symbol: '*', precedence: 2, assoc: 'left' }
 * OPS.add.f(2, 3) // 5
 * OPS.sin.df(0, 0) // 1
 */
export const OPS = {
  // ---- operators ----
  add: binary({
    calls: [], doc: 'a + b', rule: 'd/da = 1, d/db = 1',
    infix: { symbol: '+', precedence: 1, assoc: 'left' },
    f: (a, b) => a + b, da: () => 1, db: () => 1, daExpr: one, dbExpr: one,
  }),
  sub: binary({
    calls: [], doc: 'a - b', rule: 'd/da = 1, d/db = -1',
    infix: { symbol: '-', precedence: 1, assoc: 'left' },
    f: (a, b) => a - b, da: () => 1, db: () => -1, daExpr: one, dbExpr: (e) => e.num(-1),
  }),
  mul: binary({
    calls: [], doc: 'a * b', rule: 'd/da = b, d/db = a',
    infix: { symbol: '*', precedence: 2, assoc: 'left' },
    f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a,
    daExpr: (_e, _a, b) => b, dbExpr: (_e, a) => a,
  }),
  div: binary({
    calls: [], doc: 'a / b', rule: 'd/da = 1/b, d/db = -a/b^2',
    infix: { symbol: '/', precedence: 2, assoc: 'left' },
    f: (a, b) => a / b,
    da: (_a, b) => 1 / b,
    db: (_a, b, y) => -y / b, // = -a/b^2, without overflowing b^2
    daExpr: (e, _a, b) => e.op('div', e.num(1), b),
    dbExpr: (e, _a, b, y) => e.op('neg', e.op('div', y, b)),
  }),
  neg: unary({
    calls: [], doc: '-x', rule: 'd/dx = -1',
    prefix: { symbol: '-', precedence: 3 },
    f: (x) => -x, df: () => -1, dExpr: (e) => e.num(-1),
  }),
  pow: binary({
    calls: ['pow'], params: ['x', 'y'], doc: 'x ^ y (also x ** y, pow(x, y))',
    rule: 'd/dx = y*x^(y-1), d/dy = x^y*log(x)',
    kink: 'd/dx is 0 where y = 0; d/dy is 0 where x = 0 and y >= 0',
    infix: { symbol: '^', aliases: ['**'], precedence: 4, assoc: 'right' },
    f: (a, b) => Math.pow(a, b),
    // NOTE: y = 0 gives 0, not 0 * x^-1 (NaN at x = 0), as PyTorch.
    da: (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    // NOTE: x = 0 with y >= 0 gives 0 instead of 0 * log(0), as PyTorch.
    db: (a, b, y) => (a === 0 && b >= 0 ? 0 : y * Math.log(a)),
    // NOTE: y*x^(y - sign|y|) is y*x^(y-1) except at y = 0, where x^0 = 1 makes it 0 even at x = 0.
    daExpr: (e, a, b) => e.op('mul', b, e.op('pow', a, e.op('sub', b, e.op('sign', e.op('abs', b))))),
    // NOTE: log(x + 1 - sign|x|) is log(x) except at x = 0, where it is log(1) = 0.
    dbExpr: (e, a, _b, y) => e.op('mul', y, e.op('log', e.op('add', a, e.op('sub', e.num(1), e.op('sign', e.op('abs', a)))))),
  }),

  // ---- trigonometric ----
  sin: unary({ calls: ['sin'], doc: 'sine (radians)', rule: 'cos(x)', f: Math.sin, df: (x) => Math.cos(x),
    dExpr: (e, x) => e.op('cos', x) }),
  cos: unary({ calls: ['cos'], doc: 'cosine (radians)', rule: '-sin(x)', f: Math.cos, df: (x) => -Math.sin(x),
    dExpr: (e, x) => e.op('neg', e.op('sin', x)) }),
  tan: unary({
    calls: ['tan'], doc: 'tangent (radians)', rule: '1 + tan(x)^2',
    f: Math.tan, df: (_x, y) => 1 + y * y, dExpr: (e, _x, y) => e.op('add', e.num(1), square(e, y)),
  }),
  asin: unary({
    calls: ['asin'], doc: 'inverse sine', rule: '1/sqrt(1 - x^2)',
    f: Math.asin, df: (x) => 1 / Math.sqrt((1 - x) * (1 + x)),
    dExpr: (e, x) => e.op('div', e.num(1), sqrtOneMinusSquare(e, x)),
  }),
  acos: unary({
    calls: ['acos'], doc: 'inverse cosine', rule: '-1/sqrt(1 - x^2)',
    f: Math.acos, df: (x) => -1 / Math.sqrt((1 - x) * (1 + x)),
    dExpr: (e, x) => e.op('div', e.num(-1), sqrtOneMinusSquare(e, x)),
  }),
  atan: unary({
    calls: ['atan'], doc: 'inverse tangent', rule: '1/(1 + x^2)',
    f: Math.atan, df: (x) => 1 / (1 + x * x),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('add', e.num(1), square(e, x))),
  }),
  atan2: binary({
    calls: ['atan2'], params: ['y', 'x'], doc: 'atan2(y, x): angle of the point (x, y)',
    rule: 'd/dy = x/(x^2 + y^2), d/dx = -y/(x^2 + y^2)',
    f: Math.atan2,
    da: (y, x) => x / (x * x + y * y),
    db: (y, x) => -y / (x * x + y * y),
    daExpr: (e, y, x) => e.op('div', x, e.op('add', square(e, x), square(e, y))),
    dbExpr: (e, y, x) => e.op('neg', e.op('div', y, e.op('add', square(e, x), square(e, y)))),
  }),

  // ---- hyperbolic ----
  sinh: unary({ calls: ['sinh'], doc: 'hyperbolic sine', rule: 'cosh(x)', f: Math.sinh, df: (x) => Math.cosh(x),
    dExpr: (e, x) => e.op('cosh', x) }),
  cosh: unary({ calls: ['cosh'], doc: 'hyperbolic cosine', rule: 'sinh(x)', f: Math.cosh, df: (x) => Math.sinh(x),
    dExpr: (e, x) => e.op('sinh', x) }),
  tanh: unary({ calls: ['tanh'], doc: 'hyperbolic tangent', rule: '1 - tanh(x)^2', f: Math.tanh, df: (_x, y) => 1 - y * y,
    dExpr: (e, _x, y) => e.op('sub', e.num(1), square(e, y)) }),
  asinh: unary({
    calls: ['asinh'], doc: 'inverse hyperbolic sine', rule: '1/sqrt(x^2 + 1)',
    f: Math.asinh, df: (x) => 1 / Math.hypot(x, 1), dExpr: (e, x) => e.op('div', e.num(1), e.op('hypot', x, e.num(1))),
  }),
  acosh: unary({
    calls: ['acosh'], doc: 'inverse hyperbolic cosine', rule: '1/sqrt(x^2 - 1)',
    // NOTE: two square roots, not sqrt((x-1)(x+1)): the product overflows for x > 1e154.
    f: Math.acosh, df: (x) => 1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1)),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('mul', e.op('sqrt', e.op('sub', x, e.num(1))), e.op('sqrt', e.op('add', x, e.num(1))))),
  }),
  atanh: unary({
    calls: ['atanh'], doc: 'inverse hyperbolic tangent', rule: '1/(1 - x^2)',
    f: Math.atanh, df: (x) => 1 / ((1 - x) * (1 + x)),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('mul', e.op('sub', e.num(1), x), e.op('add', e.num(1), x))),
  }),

  // ---- exponentials and logarithms ----
  exp: unary({ calls: ['exp'], doc: 'e^x', rule: 'exp(x)', f: Math.exp, df: (_x, y) => y,
    dExpr: (_e, _x, y) => y }),
  expm1: unary({ calls: ['expm1'], doc: 'e^x - 1, exact near 0', rule: 'exp(x)', f: Math.expm1, df: (x) => Math.exp(x),
    dExpr: (e, x) => e.op('exp', x) }),
  log: unary({ calls: ['log', 'ln'], doc: 'natural logarithm (also ln)', rule: '1/x', f: Math.log, df: (x) => 1 / x,
    dExpr: (e, x) => e.op('div', e.num(1), x) }),
  logb: binary({
    calls: ['log'], params: ['x', 'base'], doc: 'log(x, base): logarithm to a base',
    rule: 'd/dx = 1/(x*log(base)), d/dbase = -(log(x)/log(base)^2)/base',
    // NOTE: bases 2 and 10 use Math.log2/log10, which are exact at powers of the base.
    f: (x, b) => (b === 10 ? Math.log10(x) : b === 2 ? Math.log2(x) : Math.log(x) / Math.log(b)),
    da: (x, b) => 1 / (x * Math.log(b)),
    // NOTE: divided by base last: base*log(base)^2 overflows for bases near 1e302.
    db: (x, b) => {
      const lb = Math.log(b);
      return -(Math.log(x) / (lb * lb)) / b;
    },
    daExpr: (e, x, b) => e.op('div', e.num(1), e.op('mul', x, e.op('log', b))),
    dbExpr: (e, x, b) => e.op('neg', e.op('div', e.op('div', e.op('log', x), e.op('mul', e.op('log', b), e.op('log', b))), b)),
  }),
  log2: unary({ calls: ['log2'], doc: 'base-2 logarithm', rule: '1/(x*log(2))', f: Math.log2, df: (x) => 1 / (x * LN2),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('mul', x, e.num(LN2))) }),
  log10: unary({ calls: ['log10'], doc: 'base-10 logarithm', rule: '1/(x*log(10))', f: Math.log10, df: (x) => 1 / (x * LN10),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('mul', x, e.num(LN10))) }),
  log1p: unary({ calls: ['log1p'], doc: 'log(1 + x), exact near 0', rule: '1/(1 + x)', f: Math.log1p, df: (x) => 1 / (1 + x),
    dExpr: (e, x) => e.op('div', e.num(1), e.op('add', e.num(1), x)) }),

  // ---- powers and roots ----
  sqrt: unary({ calls: ['sqrt'], doc: 'square root', rule: '1/(2*sqrt(x))', f: Math.sqrt, df: (_x, y) => 0.5 / y,
    dExpr: (e, _x, y) => e.op('div', e.num(0.5), y) }),
  cbrt: unary({ calls: ['cbrt'], doc: 'real cube root', rule: '1/(3*cbrt(x)^2)', f: Math.cbrt, df: (_x, y) => 1 / (3 * y * y),
    dExpr: (e, _x, y) => e.op('div', e.num(1), e.op('mul', e.op('mul', e.num(3), y), y)) }),
  square: unary({ calls: ['square'], doc: 'x^2', rule: '2*x', f: (x) => x * x, df: (x) => 2 * x,
    dExpr: (e, x) => e.op('mul', e.num(2), x) }),
  hypot: binary({
    calls: ['hypot'], params: ['x', 'y'], doc: 'hypot(x, y) = sqrt(x^2 + y^2) without overflow',
    rule: 'd/dx = x/hypot(x, y), d/dy = y/hypot(x, y)', kink: '0 at (0, 0)',
    f: Math.hypot,
    // NOTE: at (0, 0) the gradient is 0 (a subgradient), like abs'(0) = 0.
    da: (a, _b, y) => (y === 0 ? 0 : a / y),
    db: (_a, b, y) => (y === 0 ? 0 : b / y),
    daExpr: (e, a, _b, y) => e.op('div', a, nonZero(e, y)),
    dbExpr: (e, _a, b, y) => e.op('div', b, nonZero(e, y)),
  }),

  // ---- piecewise ----
  abs: unary({
    calls: ['abs'], doc: 'absolute value', rule: 'sign(x)', kink: "abs'(0) = 0",
    // NOTE: sign(0) = 0, so abs'(0) = 0 as in PyTorch.
    f: Math.abs, df: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
    dExpr: (e, x) => e.op('sign', x), // sign(0) = 0
  }),
  sign: unary({
    calls: ['sign'], doc: '-1, 0 or 1', rule: '0', kink: "sign' = 0 everywhere, also at 0",
    f: Math.sign, df: () => 0, dExpr: (e) => e.num(0),
  }),
  relu: unary({
    calls: ['relu'], doc: 'max(x, 0)', rule: '1 where x > 0, else 0', kink: "relu'(0) = 0",
    // NOTE: relu'(0) = 0 as in PyTorch.
    f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0),
    // NOTE: the step as sign(relu(x)): 1 where x > 0, else 0 (also at 0).
    dExpr: (e, _x, y) => e.op('sign', y),
  }),
  min: variadic({
    calls: ['min'], doc: 'smallest argument (one or more)', rule: '1 for the smallest argument, else 0',
    kink: 'a tie splits the gradient evenly among the tied arguments',
    f: (xs) => {
      let y = xs[0]!;
      for (let i = 1; i < xs.length; i++) y = Math.min(y, xs[i]!);
      return y;
    },
    dx: tieShare, dxExpr: tieShareExpr,
    dxAll: tieShares,
  }),
  max: variadic({
    calls: ['max'], doc: 'largest argument (one or more)', rule: '1 for the largest argument, else 0',
    kink: 'a tie splits the gradient evenly among the tied arguments (max(x, 0) at 0 gives 0.5)',
    f: (xs) => {
      let y = xs[0]!;
      for (let i = 1; i < xs.length; i++) y = Math.max(y, xs[i]!);
      return y;
    },
    dx: tieShare, dxExpr: tieShareExpr,
    dxAll: tieShares,
  }),

  // ---- neural-network functions ----
  sigmoid: unary({
    calls: ['sigmoid'], doc: '1/(1 + exp(-x)), stable for large |x|', rule: 'sigmoid(x)*(1 - sigmoid(x))',
    f: sigmoid, df: (_x, y) => y * (1 - y), dExpr: (e, _x, y) => e.op('mul', y, e.op('sub', e.num(1), y)),
  }),
  softplus: unary({
    calls: ['softplus'], doc: 'log(1 + exp(x)), stable for large |x|', rule: 'sigmoid(x)',
    // NOTE: max(x,0) + log1p(exp(-|x|)) never overflows: softplus(1000) = 1000.
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    df: (x) => sigmoid(x), dExpr: (e, x) => e.op('sigmoid', x),
  }),
} satisfies Record<keyof OpArity, OpSpec>;

/** Freezes `root` and every object and array reachable from it (functions stay as they are). */
function deepFreeze<T extends object>(root: T): T {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (Object.isFrozen(o)) continue;
    Object.freeze(o);
    for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) stack.push(v);
  }
  return root;
}
// NOTE: the table is frozen deeply: every engine reads the same rules, and a
// test that needs a broken rule builds its own table (test/helpers/op-table.ts).
deepFreeze(OPS);

/** The name of an op of the table (`'add'`, `'sin'`, `'logb'`, …). */
export type OpName = keyof typeof OPS;

/**
 * Every op name, in table order; an op's index here is its numeric op code.
 *
 * @example
 * OP_NAMES.slice(0, 5) // ['add', 'sub', 'mul', 'div', 'neg']
 */
export const OP_NAMES = Object.freeze(Object.keys(OPS)) as readonly OpName[];
/** The specs in op-code order. */
export const OP_LIST: readonly OpSpec[] = Object.freeze(OP_NAMES.map((n) => OPS[n]));
/** Op code of each op name. */
export const OP_CODE: ReadonlyMap<OpName, number> = new Map(OP_NAMES.map((n, i) => [n, i]));

/**
 * Functions by the name a user calls them, each with its overloads by arity.
 *
 * @example
 * FUNCTIONS.get('log') // ['log', 'logb']
 * FUNCTIONS.has('sin') // true
 */
export const FUNCTIONS: ReadonlyMap<string, readonly OpName[]> = (() => {
  const m = new Map<string, OpName[]>();
  for (const name of OP_NAMES) {
    for (const call of OPS[name].calls) {
      const list = m.get(call) ?? [];
      list.push(name);
      m.set(call, list);
    }
  }
  return m;
})();

/** The operator spelled `symbol` in infix position, if any. */
export function infixOp(symbol: string): OpName | undefined {
  for (const name of OP_NAMES) {
    const s: OpSpec = OPS[name];
    if (s.infix && (s.infix.symbol === symbol || s.infix.aliases?.includes(symbol))) return name;
  }
  return undefined;
}

/** The operator spelled `symbol` in prefix position, if any. */
export function prefixOp(symbol: string): OpName | undefined {
  for (const name of OP_NAMES) {
    const s: OpSpec = OPS[name];
    if (s.prefix?.symbol === symbol) return name;
  }
  return undefined;
}

/**
 * Named constants, shadowed by an assignment or by --at.
 *
 * @example
 * CONSTANTS.get('pi') // 3.141592653589793
 * Array.from(CONSTANTS.keys()) // ['pi', 'e']
 */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);
