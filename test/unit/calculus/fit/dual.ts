// Forward-mode dual numbers for the tests: a value with its exact gradient, so
// a test problem written once gives both its residuals and its Jacobian rows.

/** A number with its gradient with respect to the p parameters. */
export class Dual {
  constructor(
    readonly v: number,
    readonly d: Float64Array,
  ) {}
}

export type Num = Dual | number;

function lift(a: Num, p: number): Dual {
  return typeof a === 'number' ? new Dual(a, new Float64Array(p)) : a;
}

function sizeOf(a: Num, b: Num): number {
  return typeof a === 'number' ? (b as Dual).d.length : a.d.length;
}

/** y = f(a, b) with ∂y/∂a = da, ∂y/∂b = db. */
function binary(a: Num, b: Num, v: number, da: number, db: number): Dual {
  const p = sizeOf(a, b);
  const x = lift(a, p);
  const y = lift(b, p);
  const d = new Float64Array(p);
  for (let i = 0; i < p; i++) d[i] = da * x.d[i]! + db * y.d[i]!;
  return new Dual(v, d);
}

function unary(a: Dual, v: number, df: number): Dual {
  return new Dual(v, a.d.map((g) => df * g));
}

const val = (a: Num): number => (typeof a === 'number' ? a : a.v);

export const add = (a: Num, b: Num): Dual => binary(a, b, val(a) + val(b), 1, 1);
export const sub = (a: Num, b: Num): Dual => binary(a, b, val(a) - val(b), 1, -1);
export const mul = (a: Num, b: Num): Dual => binary(a, b, val(a) * val(b), val(b), val(a));
export const div = (a: Num, b: Num): Dual => binary(a, b, val(a) / val(b), 1 / val(b), -val(a) / (val(b) * val(b)));
export const exp = (a: Dual): Dual => unary(a, Math.exp(a.v), Math.exp(a.v));
export const sqrt = (a: Dual): Dual => unary(a, Math.sqrt(a.v), 0.5 / Math.sqrt(a.v));
export const sin = (a: Dual): Dual => unary(a, Math.sin(a.v), Math.cos(a.v));
export const cos = (a: Dual): Dual => unary(a, Math.cos(a.v), -Math.sin(a.v));
export const square = (a: Dual): Dual => mul(a, a);
/** atan(b/a) + π·[a < 0] as one function of (a, b): ∂/∂a = −b/(a²+b²), ∂/∂b = a/(a²+b²). */
export const atanRatio = (a: Dual, b: Dual): Dual => {
  const q = a.v * a.v + b.v * b.v;
  return binary(a, b, Math.atan(b.v / a.v) + (a.v < 0 ? Math.PI : 0), -b.v / q, a.v / q);
};

/** The p parameters as duals: xᵢ with gradient eᵢ. */
export function variables(x: ArrayLike<number>): Dual[] {
  return Array.from({ length: x.length }, (_, i) => {
    const d = new Float64Array(x.length);
    d[i] = 1;
    return new Dual(x[i]!, d);
  });
}
