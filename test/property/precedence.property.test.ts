// Precedence and associativity against a reference evaluator written here:
// a random tree of operators, printed with minimal (plus random extra)
// parentheses, random spacing and `^`/`**`, parses back to the same value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';

type Bin = 'add' | 'sub' | 'mul' | 'div' | 'pow';
type Tree =
  | { readonly kind: 'var'; readonly name: 'a' | 'b' | 'c' }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg' | 'pos'; readonly arg: Tree; readonly paren: boolean; readonly space: boolean }
  | { readonly kind: Bin; readonly left: Tree; readonly right: Tree; readonly paren: boolean; readonly space: boolean; readonly alt: boolean };

/** SPEC §2, independent of the op table: + - (1, left) · * / (2, left) · unary (3) · ^ (4, right). */
const PREC: Record<Bin, number> = { add: 1, sub: 1, mul: 2, div: 2, pow: 4 };
const SYMBOL: Record<Bin, string> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** How tightly a printed subtree binds: atoms 5, ^ 4, unary 3, * / 2, + - 1. */
function level(t: Tree): number {
  if (t.kind === 'var' || t.kind === 'num') return 5;
  if (t.kind === 'neg' || t.kind === 'pos') return 3;
  return PREC[t.kind];
}

/** The reference semantics of the tree. Recursion is fine here: depth ≤ 8, test data. */
function reference(t: Tree, at: Record<'a' | 'b' | 'c', number>): number {
  switch (t.kind) {
    case 'var': return at[t.name];
    case 'num': return t.value;
    case 'neg': return -reference(t.arg, at);
    case 'pos': return reference(t.arg, at);
    case 'add': return reference(t.left, at) + reference(t.right, at);
    case 'sub': return reference(t.left, at) - reference(t.right, at);
    case 'mul': return reference(t.left, at) * reference(t.right, at);
    case 'div': return reference(t.left, at) / reference(t.right, at);
    case 'pow': return Math.pow(reference(t.left, at), reference(t.right, at));
  }
}

/** Source text with the fewest parentheses the grammar needs, plus the random extra ones. */
function print(t: Tree, forceParen = false): string {
  let s: string;
  switch (t.kind) {
    case 'var': s = t.name; break;
    case 'num': s = String(t.value); break;
    case 'neg':
    case 'pos': {
      const sym = t.kind === 'neg' ? '-' : '+';
      // The operand of a unary may be ^ or another unary: -x^2 is -(x^2).
      s = `${sym}${t.space ? ' ' : ''}${print(t.arg, level(t.arg) < 3)}`;
      break;
    }
    default: {
      const p = PREC[t.kind];
      const right = t.kind === 'pow';
      // left-assoc: the left operand may share the level; ^ takes only an atom on its left.
      const leftParen = right ? level(t.left) < 5 : level(t.left) < p;
      // An operand may always start with a unary sign: 2^-1, a*-b.
      const isUnary = t.right.kind === 'neg' || t.right.kind === 'pos';
      const rightParen = !isUnary && (right ? level(t.right) < p : level(t.right) <= p);
      const sym = t.kind === 'pow' && t.alt ? '**' : SYMBOL[t.kind];
      const sp = t.space ? ' ' : '';
      s = `${print(t.left, leftParen)}${sp}${sym}${sp}${print(t.right, rightParen)}`;
    }
  }
  const extra = t.kind !== 'var' && t.kind !== 'num' && t.paren;
  return forceParen || extra ? `(${s})` : s;
}

const leaf: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom('a', 'b', 'c').map((name): Tree => ({ kind: 'var', name: name as 'a' | 'b' | 'c' })),
  fc.constantFrom(0.5, 2, 3, 1.5, 10, 1e-3).map((value): Tree => ({ kind: 'num', value })),
);

const { tree } = fc.letrec<{ tree: Tree; unary: Tree; binary: Tree }>((rec) => ({
  tree: fc.oneof({ depthSize: 'medium', withCrossShrink: true }, leaf, rec('unary'), rec('binary'), rec('binary')),
  unary: fc.record({
    kind: fc.constantFrom('neg' as const, 'neg' as const, 'pos' as const),
    arg: rec('tree'), paren: fc.integer({ min: 0, max: 5 }).map((n) => n === 0), space: fc.boolean(),
  }),
  binary: fc.record({
    kind: fc.constantFrom<Bin>('add', 'sub', 'mul', 'div', 'pow'),
    left: rec('tree'), right: rec('tree'),
    paren: fc.integer({ min: 0, max: 5 }).map((n) => n === 0), space: fc.boolean(), alt: fc.boolean(),
  }),
}));

const coordinate = fc.constantFrom(-2.5, -1, -0.5, 0.5, 1.25, 2, 3);
const point = fc.record({ a: coordinate, b: coordinate, c: coordinate });

describe('precedence and associativity against a reference evaluator', () => {
  it('minimal parentheses parse to the same value', () => {
    fc.assert(fc.property(tree, point, (t, at) => {
      const src = print(t);
      const want = reference(t, at);
      const got = evaluate(src, at).value;
      expect(Object.is(got, want) || (got === want), `${src} at ${JSON.stringify(at)}: got ${got}, want ${want}`).toBe(true);
    }), { numRuns: 500 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 7) });
  });

  it('the printer really omits parentheses (a sample)', () => {
    const t: Tree = {
      kind: 'sub', paren: false, space: false, alt: false,
      left: { kind: 'neg', paren: false, space: false, arg: { kind: 'pow', paren: false, space: false, alt: false, left: { kind: 'var', name: 'a' }, right: { kind: 'pow', paren: false, space: false, alt: true, left: { kind: 'var', name: 'b' }, right: { kind: 'neg', paren: false, space: false, arg: { kind: 'var', name: 'c' } } } } },
      right: { kind: 'div', paren: false, space: true, alt: false, left: { kind: 'div', paren: false, space: false, alt: false, left: { kind: 'var', name: 'a' }, right: { kind: 'var', name: 'b' } }, right: { kind: 'var', name: 'c' } },
    };
    expect(print(t)).toBe('-a^b**-c-a/b / c');
    const at = { a: 2, b: 3, c: 0.5 };
    expect(evaluate(print(t), at).value).toBe(reference(t, at));
  });
});
