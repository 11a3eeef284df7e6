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
const LETTER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f], [0xaa, 0xaa], [0xb5, 0xb5], [0xba, 0xba], [0xc0, 0xd6],
  [0xd8, 0xf6], [0xf8, 0x2af], [0x370, 0x373], [0x376, 0x377], [0x37b, 0x37d], [0x386, 0x386],
  [0x388, 0x3ff], [0x400, 0x481], [0x48a, 0x52f], [0x531, 0x556], [0x561, 0x587], [0x5d0, 0x5ea],
  [0x620, 0x64a], [0x904, 0x939], [0x1e00, 0x1fbc], [0x3041, 0x3096], [0x30a1, 0x30fa],
  [0x4e00, 0x9fff], [0xac00, 0xd7a3],
];
const hex = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;
const LETTER = LETTER_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');

/**
 * Characters a name may start with, for the lexer's `start_chars_hint`, which
 * spares Chevrotain analysing the regular expressions at start-up (a measured
 * share of cold start). Chevrotain files code units from 256 up in buckets of
 * 255, so above 255 one code every 255 of a range (and its end) reaches every
 * bucket the range touches; a unit test lexes every code unit to prove it.
 */
function letterHints(): number[] {
  const codes: number[] = [];
  for (const [a, b] of LETTER_RANGES) {
    for (let c = a; c <= b; c += c < 256 ? 1 : 255) codes.push(c);
    if (b >= 256) codes.push(b);
  }
  return codes;
}
const LETTER_CODES = letterHints();
const DIGIT_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];
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

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, start_chars_hint: [' ', '\t', '\r'], group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, start_chars_hint: ['#'], group: Lexer.SKIPPED });
export const Newline = createToken({ name: 'Newline', pattern: /\n/, start_chars_hint: ['\n'], categories: [Sep], line_breaks: true });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, start_chars_hint: [';'], categories: [Sep] });
export const NumberLit = createToken({
  name: 'Number', pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, categories: [Atom],
  start_chars_hint: [...DIGIT_CODES, 46],
});
/** `name(`: a call's name and its opening parenthesis, spaces allowed between. */
export const CallStart = createToken({
  name: 'CallStart', pattern: new RegExp(`${NAME_SOURCE}[ \\t]*\\(`), categories: [Prefix],
  start_chars_hint: LETTER_CODES,
});
export const Name = createToken({ name: 'Name', pattern: new RegExp(NAME_SOURCE), categories: [Atom], start_chars_hint: LETTER_CODES });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, start_chars_hint: ['('], categories: [Prefix] });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, start_chars_hint: [')'] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, start_chars_hint: [','], categories: [Infix] });
export const StarStar = createToken({ name: 'StarStar', pattern: /\*\*/, start_chars_hint: ['*'], categories: [Infix] });
export const Star = createToken({ name: 'Star', pattern: /\*/, start_chars_hint: ['*'], categories: [Infix] });
export const Slash = createToken({ name: 'Slash', pattern: /\//, start_chars_hint: ['/'], categories: [Infix] });
export const Caret = createToken({ name: 'Caret', pattern: /\^/, start_chars_hint: ['^'], categories: [Infix] });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, start_chars_hint: ['+'], categories: [Infix, Prefix] });
export const Minus = createToken({ name: 'Minus', pattern: /-/, start_chars_hint: ['-'], categories: [Infix, Prefix] });
export const Assign = createToken({ name: 'Assign', pattern: /=/, start_chars_hint: ['='] });

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
