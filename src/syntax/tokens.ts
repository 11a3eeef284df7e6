// Tokens of the expression language and the Chevrotain lexer over them.
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { ParseError } from '../errors.js';
import { isUnshowable } from './unshowable.js';

declare const __AUTOGRAD_BUNDLE__: boolean | undefined;
/** True inside the esbuild bundle, where Chevrotain's grammar validations are skipped. */
export const IN_BUNDLE = typeof __AUTOGRAD_BUNDLE__ !== 'undefined' && __AUTOGRAD_BUNDLE__;

// NOTE: no /u regexes (Chevrotain 11 mis-analyses them): letters of the common
// scripts as explicit ranges. Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic,
// Devanagari, Greek/Latin extended, kana, CJK ideographs and Hangul.
const LETTER =
  'A-Za-z_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF' +
  '\\u0370-\\u0373\\u0376\\u0377\\u037B-\\u037D\\u0386\\u0388-\\u03FF' +
  '\\u0400-\\u0481\\u048A-\\u052F\\u0531-\\u0556\\u0561-\\u0587\\u05D0-\\u05EA' +
  '\\u0620-\\u064A\\u0904-\\u0939\\u1E00-\\u1FBC\\u3041-\\u3096\\u30A1-\\u30FA' +
  '\\u4E00-\\u9FFF\\uAC00-\\uD7A3';
const NAME_SOURCE = `[${LETTER}][${LETTER}0-9]*`;

/** True when `s` is a valid name of the language (same rule as the lexer). */
export function isName(s: string): boolean {
  return NAME_RE.test(s);
}
const NAME_RE = new RegExp(`^${NAME_SOURCE}$`);

// Categories: what may stand between operands, before an operand, and as an operand.
export const Infix = createToken({ name: 'Infix', pattern: Lexer.NA });
export const Prefix = createToken({ name: 'Prefix', pattern: Lexer.NA });
export const Atom = createToken({ name: 'Atom', pattern: Lexer.NA });
export const Sep = createToken({ name: 'Sep', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const Newline = createToken({ name: 'Newline', pattern: /\n/, categories: [Sep], line_breaks: true });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, categories: [Sep] });
export const NumberLit = createToken({
  name: 'Number', pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, categories: [Atom],
});
/** `name(`: a call's name and its opening parenthesis, spaces allowed between. */
export const CallStart = createToken({
  name: 'CallStart', pattern: new RegExp(`${NAME_SOURCE}[ \\t]*\\(`), categories: [Prefix],
});
export const Name = createToken({ name: 'Name', pattern: new RegExp(NAME_SOURCE), categories: [Atom] });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, categories: [Prefix] });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: [Infix] });
export const StarStar = createToken({ name: 'StarStar', pattern: /\*\*/, categories: [Infix] });
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [Infix] });
export const Slash = createToken({ name: 'Slash', pattern: /\//, categories: [Infix] });
export const Caret = createToken({ name: 'Caret', pattern: /\^/, categories: [Infix] });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [Infix, Prefix] });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [Infix, Prefix] });
export const Assign = createToken({ name: 'Assign', pattern: /=/ });

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, Comment, Newline, Semicolon, NumberLit, CallStart, Name, LParen, RParen, Comma,
  StarStar, Star, Slash, Caret, Plus, Minus, Assign, Infix, Prefix, Atom, Sep,
];

const lexer = new Lexer(ALL_TOKENS, {
  positionTracking: 'onlyOffset',
  skipValidations: IN_BUNDLE,
  ensureOptimizations: !IN_BUNDLE,
});

/** Tokens after which a line break does not end the statement. */
const CONTINUES = new Set<TokenType>([
  Plus, Minus, Star, StarStar, Slash, Caret, Comma, Assign, LParen, CallStart,
]);

/**
 * Splits `source` into tokens. A newline inside parentheses, or after an
 * operator, continues the statement and is dropped here.
 */
export function tokenize(source: string): IToken[] {
  const result = lexer.tokenize(source);
  if (result.errors.length > 0) {
    const err = result.errors[0]!;
    const cp = source.codePointAt(err.offset) ?? 0;
    throw new ParseError(`unexpected character ${describeChar(cp)}`, source, err.offset);
  }
  const out: IToken[] = [];
  let depth = 0;
  for (const t of result.tokens) {
    const type = t.tokenType;
    if (type === Newline) {
      const prev = out.length > 0 ? out[out.length - 1]!.tokenType : undefined;
      if (depth > 0 || (prev !== undefined && CONTINUES.has(prev))) continue;
    } else if (type === LParen || type === CallStart) depth++;
    else if (type === RParen && depth > 0) depth--;
    out.push(t);
  }
  return out;
}

/** `'x'`, or `U+0000` for a character that cannot be shown. */
export function describeChar(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp === 0x20 || isUnshowable(cp) ? hex : `'${String.fromCodePoint(cp)}' (${hex})`;
}
