// The lexer's start_chars_hint lists (which spare Chevrotain analysing the
// regular expressions at start-up) lose nothing: for every UTF-16 code unit,
// the hinted lexer and a lexer that analyses the same patterns itself give
// the same tokens.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { ALL_TOKENS } from '../../../src/syntax/tokens.js';

function lexerOf(tokens: TokenType[]): Lexer {
  return new Lexer(tokens, { positionTracking: 'onlyOffset', ensureOptimizations: true });
}

function shape(lexer: Lexer, text: string): string {
  const r = lexer.tokenize(text);
  return `${r.tokens.map((t) => `${t.tokenType.name}:${t.image}`).join(' ')}|${r.errors.length}`;
}

describe('start_chars_hint', () => {
  it('every token with a pattern has hints', () => {
    for (const t of ALL_TOKENS) {
      if (t.PATTERN instanceof RegExp && t.PATTERN !== Lexer.NA) {
        expect((t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT, t.name).toBeDefined();
      }
    }
  });

  it('the hinted lexer tokenizes every code unit like an analysing lexer', () => {
    const hinted = lexerOf(ALL_TOKENS);
    const plain = lexerOf(ALL_TOKENS.filter((t) => t.PATTERN !== Lexer.NA).map((t) => createToken({
      name: t.name, pattern: t.PATTERN as RegExp,
      ...(t.GROUP === undefined ? {} : { group: t.GROUP as string }),
      ...((t as { LINE_BREAKS?: boolean }).LINE_BREAKS ? { line_breaks: true } : {}),
    })));
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      for (const text of [String.fromCharCode(c), `${String.fromCharCode(c)}(`]) {
        if (shape(hinted, text) !== shape(plain, text)) differ.push(c.toString(16));
      }
      if (differ.length > 5) break;
    }
    expect(differ).toEqual([]);
  });
});
