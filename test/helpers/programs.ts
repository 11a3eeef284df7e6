// Random programs over the whole op table, for property tests: a tree
// generator and a printer that keeps every argument inside its op's domain.
import fc from 'fast-check';
import { OPS, OP_NAMES, type OpName } from '../../src/index.js';
import { fixtureField } from './op-fixture.js';

export type Tree =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'op'; readonly op: OpName; readonly args: readonly Tree[] };

export const VARS = ['x', 'y', 'z'] as const;

/**
 * Each argument's wrapper keeps it inside the op's domain (`#` is the argument);
 * identity where the op is defined everywhere (from the op fixture). Kinks and
 * poles are left to the tests (the gradient property filters badly conditioned points).
 */
export const DOMAIN = fixtureField('domain');

const INFIX: Partial<Record<OpName, string>> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** Fully parenthesised source text of a tree (explicit stack, no recursion). */
export function print(tree: Tree): string {
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

export const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((rec) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, rec('node')),
  node: fc.constantFrom(...OP_NAMES).chain((op) => {
    const arity = OPS[op].arity;
    const n = arity === 'n' ? fc.integer({ min: 1, max: 3 }) : fc.constant(arity);
    return n.chain((k) => fc.array(rec('tree'), { minLength: k, maxLength: k })).map((args): Tree => ({ kind: 'op', op, args }));
  }),
}));

