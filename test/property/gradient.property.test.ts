// Random expression trees over the whole op table, at random in-domain points:
// the backpropagated gradient agrees with a central difference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, gradient, OPS, OP_NAMES, type OpName } from '../../src/index.js';

type Tree =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'op'; readonly op: OpName; readonly args: readonly Tree[] };

const VARS = ['x', 'y', 'z'] as const;

/**
 * Each argument's wrapper keeps it inside the op's domain (`#` is the argument);
 * identity where the op is defined everywhere. Kinks and poles are left to the
 * conditioning filter below.
 */
const DOMAIN = {
  add: [], sub: [], mul: [], div: ['#', '(1 + square(#))'], neg: [],
  pow: ['(0.5 + square(#))', '#'],
  sin: [], cos: [], tan: [], asin: ['0.9*tanh(#)'], acos: ['0.9*tanh(#)'], atan: [], atan2: [],
  sinh: [], cosh: [], tanh: [], asinh: [], acosh: ['(1.5 + square(#))'], atanh: ['0.9*tanh(#)'],
  exp: [], expm1: [], log: ['(0.5 + square(#))'], logb: ['(0.5 + square(#))', '(2 + square(#))'],
  log2: ['(0.5 + square(#))'], log10: ['(0.5 + square(#))'], log1p: ['square(#)'],
  sqrt: ['(0.5 + square(#))'], cbrt: [], square: [], hypot: [],
  abs: [], sign: [], relu: [], min: [], max: [], sigmoid: [], softplus: [],
} satisfies Record<OpName, readonly string[]>;

const INFIX: Partial<Record<OpName, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** Fully parenthesised source text of a tree (explicit stack, no recursion). */
function print(tree: Tree): string {
  const out: string[] = [];
  const stack: Array<Tree | string> = [tree];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (typeof t === 'string') {
      out.push(t);
      continue;
    }
    if (t.kind === 'var') out.push(t.name);
    else if (t.kind === 'num') out.push(String(t.value));
    else {
      const wraps: readonly string[] = DOMAIN[t.op];
      const parts: Array<Tree | string> = [];
      const sym = INFIX[t.op];
      const arg = (i: number): Array<Tree | string> => {
        const w = wraps[i] ?? '#';
        const [before, after] = w.split('#') as [string, string];
        return [before, t.args[i]!, after];
      };
      if (t.op === 'neg') parts.push('(-', ...arg(0), ')');
      else if (sym !== undefined) parts.push('(', ...arg(0), ` ${sym} `, ...arg(1), ')');
      else {
        parts.push(`${OPS[t.op].calls[0]}(`);
        t.args.forEach((_, i) => parts.push(...(i > 0 ? [', '] : []), ...arg(i)));
        parts.push(')');
      }
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    }
  }
  return out.join('');
}

const leaf: fc.Arbitrary<Tree> = fc.oneof(
  { arbitrary: fc.constantFrom(...VARS).map((name): Tree => ({ kind: 'var', name })), weight: 3 },
  { arbitrary: fc.constantFrom(0.5, 1, 2, 3, 0.25).map((value): Tree => ({ kind: 'num', value })), weight: 1 },
);

const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((rec) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, rec('node')),
  node: fc.constantFrom(...OP_NAMES).chain((op) => {
    const arity = OPS[op].arity;
    const n = arity === 'n' ? fc.integer({ min: 1, max: 3 }) : fc.constant(arity);
    return n.chain((k) => fc.array(rec('tree'), { minLength: k, maxLength: k })).map((args): Tree => ({ kind: 'op', op, args }));
  }),
}));

const coordinate = fc.double({ min: -2, max: 2, noNaN: true });
const point = fc.record({ x: coordinate, y: coordinate, z: coordinate });

/** Central difference of the program in `name`, step h. */
function central(src: string, at: Record<string, number>, name: string, h: number): number {
  const up = { ...at, [name]: at[name]! + h };
  const down = { ...at, [name]: at[name]! - h };
  return (evaluate(src, up).value - evaluate(src, down).value) / (up[name]! - down[name]!);
}

describe('gradient ≈ central difference on random programs', () => {
  it('every op of the table appears in the generator', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(tree, (t) => {
      const stack = [t];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.kind === 'op') {
          seen.add(n.op);
          stack.push(...n.args);
        }
      }
    }), { numRuns: 400, seed: 1 });
    expect([...seen].sort()).toEqual([...OP_NAMES].sort());
  });

  it('at well-conditioned in-domain points', () => {
    let checked = 0;
    fc.assert(fc.property(tree, point, (t, at) => {
      const src = print(t);
      const r = gradient(src, at);
      fc.pre(Number.isFinite(r.value) && Math.abs(r.value) < 1e6);
      for (const [name, g] of r.gradient) {
        fc.pre(Number.isFinite(g) && Math.abs(g) < 1e6);
        const h = 1e-5 * Math.max(1, Math.abs(at[name as 'x']));
        const fd = central(src, at, name, h);
        const fdHalf = central(src, at, name, h / 2);
        const scale = Math.max(1, Math.abs(g), Math.abs(r.value));
        // Near a kink or a pole the two steps disagree, and on a kink the one-sided
        // slopes differ: not a point to judge a derivative at.
        fc.pre(Math.abs(fd - fdHalf) <= 1e-6 * scale);
        const f0 = r.value;
        const right = (evaluate(src, { ...at, [name]: at[name as 'x'] + h }).value - f0) / h;
        const left = (f0 - evaluate(src, { ...at, [name]: at[name as 'x'] - h }).value) / h;
        fc.pre(Math.abs(right - left) <= 1e-3 * scale);
        expect(Math.abs(g - fdHalf), `${src} at ${JSON.stringify(at)}: ∂/∂${name} = ${g}, numeric ${fdHalf}`)
          .toBeLessThanOrEqual(1e-5 * scale);
      }
      checked++;
    }), { numRuns: 400, seed: Number(process.env.PROP_SEED ?? 42) });
    expect(checked).toBeGreaterThan(100);
  });
});
