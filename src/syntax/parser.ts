// The Chevrotain grammar. It checks the flat shape of each statement — prefixes,
// an operand, closing parentheses, infix operators — with loops only, and hands
// every token to the Builder, which applies precedence with an explicit stack.
// So 10,000 (or 100,000) levels of nesting never touch the call stack.
import { EmbeddedActionsParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { ArgumentError, describeArgument, ParseError } from '../errors.js';
import type { Program } from './ast.js';
import { Builder } from './builder.js';
import { ALL_TOKENS, Assign, Atom, IN_BUNDLE, Infix, Name, Prefix, RParen, Sep, tokenize } from './tokens.js';
import { quoteText } from './unshowable.js';

const OPERAND = "a number, a name or '('";

function describe(t: IToken): string {
  return t.tokenType === EOF ? 'end of input' : `'${quoteText(t.image)}'`;
}

function expectedWord(type: TokenType | undefined): string {
  if (type === Atom || type === Prefix) return OPERAND;
  if (type === RParen) return "')'";
  if (type === Assign) return "'='";
  return 'an operator';
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => `expected ${expectedWord(expected)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${describe(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual }) => `unexpected ${describe(actual[0]!)}`,
  buildEarlyExitMessage: () => `expected ${OPERAND}`,
};

class FlatParser extends EmbeddedActionsParser {
  sink: Builder = new Builder('');

  constructor() {
    super(ALL_TOKENS, {
      maxLookahead: 2,
      recoveryEnabled: false,
      errorMessageProvider: messages,
      skipValidations: IN_BUNDLE,
    });
    this.performSelfAnalysis();
  }

  program = this.RULE('program', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(Sep); this.ACTION(() => this.sink.separator()); } },
        { ALT: () => this.SUBRULE(this.statement) },
      ]);
    });
  });

  statement = this.RULE('statement', () => {
    this.ACTION(() => this.sink.startStatement(this.LA(1)));
    this.OPTION(() => {
      const name = this.CONSUME(Name);
      this.CONSUME(Assign);
      this.ACTION(() => this.sink.assign(name));
    });
    this.SUBRULE(this.operand);
    this.MANY(() => {
      const op = this.CONSUME(Infix);
      this.ACTION(() => this.sink.infix(op));
      this.SUBRULE2(this.operand);
    });
    this.ACTION(() => this.sink.endStatement(this.LA(1)));
  });

  operand = this.RULE('operand', () => {
    this.MANY(() => {
      const t = this.CONSUME(Prefix);
      this.ACTION(() => this.sink.prefix(t));
    });
    const atom = this.CONSUME(Atom);
    this.ACTION(() => this.sink.atom(atom));
    this.MANY2(() => {
      const t = this.CONSUME(RParen);
      this.ACTION(() => this.sink.close(t));
    });
  });
}

let instance: FlatParser | undefined;

/**
 * Parses a program of `name = expr` statements separated by `;` or newlines.
 * Throws ParseError (with the offset of the problem) on bad input.
 *
 * @example
 * parse('e = a*b; d = e + c; L = d*f').statements.length // 3
 * parse('x + 1').nodes // [{ kind: 'name', name: 'x', start: 0, end: 1 }, { kind: 'number', value: 1, start: 4, end: 5 }, { kind: 'op', op: 'add', args: [0, 1], start: 0, end: 5 }]
 * parse('1 +') // throws ParseError: expected a number, a name or '('
 */
export function parse(source: string): Program {
  if (typeof source !== 'string') throw new ArgumentError(`source must be program text, got ${describeArgument(source)}`);
  const tokens = tokenize(source);
  instance ??= new FlatParser();
  const parser = instance;
  const builder = new Builder(source);
  parser.sink = builder;
  parser.input = tokens;
  try {
    parser.program();
  } finally {
    parser.sink = new Builder('');
  }
  const errors = parser.errors;
  // NOTE: drop the tokens, so a huge program's tokens can be collected while its graph is built.
  parser.input = [];
  if (errors.length > 0) {
    const err = errors[0]!;
    const offset = Number.isNaN(err.token.startOffset) || err.token.tokenType === EOF ? source.length : err.token.startOffset;
    throw new ParseError(err.message, source, offset);
  }
  if (builder.statements.length === 0) throw new ParseError('empty program: expected an expression', source, 0);
  return { source, nodes: builder.nodes, statements: builder.statements };
}
