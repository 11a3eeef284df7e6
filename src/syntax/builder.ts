// Operator-precedence (shunting-yard) builder. The Chevrotain grammar checks the
// flat shape of a statement and feeds each token here; an explicit operator
// stack applies the precedence and associativity stated in the op table, so
// nesting depth costs heap, never call stack.
import type { IToken } from 'chevrotain';
import { ParseError } from '../errors.js';
import { FUNCTIONS, OPS, infixOp, prefixOp, type OpName } from '../ops/table.js';
import type { AstNode, Statement } from './ast.js';
import { suggest } from './suggest.js';
import { quoteText } from './unshowable.js';

/** Deepest nesting of parentheses and calls accepted (documented in the README). */
export const MAX_DEPTH = 100_000;

type Pending =
  | { readonly kind: 'infix'; readonly op: OpName; readonly prec: number; readonly right: boolean }
  | { readonly kind: 'prefix'; readonly op: OpName | undefined; readonly prec: number; readonly start: number }
  | { readonly kind: 'paren'; readonly start: number }
  | { kind: 'call'; readonly name: string; readonly start: number; readonly nameEnd: number; args: number };

export class Builder {
  readonly nodes: AstNode[] = [];
  readonly statements: Statement[] = [];
  private ops: Pending[] = [];
  private values: number[] = [];
  private depth = 0;
  private name: string | undefined;
  private stmtStart = 0;
  private needSeparator = false;

  constructor(readonly source: string) {}

  private fail(message: string, offset: number, suggestions?: readonly string[]): never {
    throw new ParseError(message, this.source, offset, suggestions);
  }

  startStatement(first: IToken): void {
    if (this.needSeparator) this.fail(`expected an operator, ';' or a newline before ${show(first)}`, first.startOffset);
    this.name = undefined;
    this.stmtStart = first.startOffset;
    this.ops.length = 0;
    this.values.length = 0;
    this.depth = 0;
  }

  assign(name: IToken): void {
    this.name = name.image;
  }

  separator(): void {
    this.needSeparator = false;
  }

  atom(t: IToken): void {
    const start = t.startOffset;
    const end = start + t.image.length;
    if (t.tokenType.name === 'Number') this.push({ kind: 'number', value: Number(t.image), start, end });
    else this.push({ kind: 'name', name: t.image, start, end });
  }

  prefix(t: IToken): void {
    const type = t.tokenType.name;
    if (type === 'LParen' || type === 'CallStart') {
      if (++this.depth > MAX_DEPTH) {
        this.fail(`nesting deeper than ${MAX_DEPTH} levels of parentheses and calls`, t.startOffset);
      }
      if (type === 'LParen') this.ops.push({ kind: 'paren', start: t.startOffset });
      else {
        const name = t.image.slice(0, t.image.length - 1).trimEnd();
        this.ops.push({ kind: 'call', name, start: t.startOffset, nameEnd: t.startOffset + name.length, args: 0 });
      }
      return;
    }
    // Unary plus is the identity and makes no node; unary minus is the op `neg`.
    const op = prefixOp(t.image);
    this.ops.push({ kind: 'prefix', op, prec: op ? OPS[op].prefix!.precedence : 3, start: t.startOffset });
  }

  infix(t: IToken): void {
    if (t.image === ',') {
      this.reduceToMarker();
      const top = this.ops[this.ops.length - 1];
      if (top?.kind !== 'call') this.fail("unexpected ',' outside a function call", t.startOffset);
      top.args++;
      return;
    }
    const op = infixOp(t.image)!;
    const syntax = OPS[op].infix!;
    for (;;) {
      const top = this.ops[this.ops.length - 1];
      if (top === undefined || (top.kind !== 'infix' && top.kind !== 'prefix')) break;
      if (top.prec < syntax.precedence) break;
      if (top.prec === syntax.precedence && top.kind === 'infix' && top.right) break;
      this.reduce();
    }
    this.ops.push({ kind: 'infix', op, prec: syntax.precedence, right: syntax.assoc === 'right' });
  }

  close(t: IToken): void {
    this.reduceToMarker();
    const top = this.ops.pop();
    if (top === undefined) this.fail("unexpected ')' without a matching '('", t.startOffset);
    this.depth--;
    const end = t.startOffset + 1;
    if (top.kind === 'paren') return;
    if (top.kind !== 'call') throw new Error('unreachable: marker expected');
    const argc = top.args + 1;
    const op = this.resolve(top.name, argc, top.start);
    const args = this.values.splice(this.values.length - argc, argc);
    this.push({ kind: 'op', op, args, start: top.start, end });
  }

  endStatement(next: IToken): void {
    this.reduceToMarker();
    if (this.ops.length > 0) {
      const offset = Number.isNaN(next.startOffset) ? this.source.length : next.startOffset;
      this.fail("expected ')'", offset);
    }
    const root = this.values.pop()!;
    this.statements.push({ name: this.name, root, start: this.stmtStart });
    this.needSeparator = true;
  }

  private resolve(name: string, argc: number, offset: number): OpName {
    const overloads = FUNCTIONS.get(name);
    if (overloads === undefined) {
      this.fail(`unknown function '${quoteText(name)}'`, offset, suggest(name, [...FUNCTIONS.keys()]));
    }
    for (const op of overloads) {
      const arity = OPS[op].arity;
      if (arity === argc || arity === 'n') return op;
    }
    const counts = overloads.map((op) => OPS[op].arity).join(' or ');
    const noun = counts === '1' ? 'argument' : 'arguments';
    this.fail(`${name} expects ${counts} ${noun}, got ${argc}`, offset);
  }

  /** Applies pending operators down to the nearest '(' or call marker. */
  private reduceToMarker(): void {
    for (;;) {
      const top = this.ops[this.ops.length - 1];
      if (top === undefined || top.kind === 'paren' || top.kind === 'call') return;
      this.reduce();
    }
  }

  private reduce(): void {
    const top = this.ops.pop()!;
    if (top.kind === 'infix') {
      const b = this.values.pop()!;
      const a = this.values.pop()!;
      this.push({ kind: 'op', op: top.op, args: [a, b], start: this.nodes[a]!.start, end: this.nodes[b]!.end });
    } else if (top.kind === 'prefix') {
      const a = this.values.pop()!;
      if (top.op === undefined) this.values.push(a);
      else this.push({ kind: 'op', op: top.op, args: [a], start: top.start, end: this.nodes[a]!.end });
    }
  }

  private push(node: AstNode): void {
    this.values.push(this.nodes.length);
    this.nodes.push(node);
  }
}

function show(t: IToken): string {
  return Number.isNaN(t.startOffset) ? 'end of input' : `'${quoteText(t.image)}'`;
}
