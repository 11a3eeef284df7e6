// Typed errors: one class per failure a user can cause. Each carries a stable
// `code` and the data a renderer needs; cli/exit.ts maps them to exit codes.
import { quoteText } from './syntax/unshowable.js';

/**
 * Base class of every error autograd reports to a user (exit code 2 unless
 * noted); `code` is stable: 'usage', 'parse', 'name', 'input', 'output' or
 * 'argument' (a library call with a wrong argument).
 *
 * @example
 * let code = '';
 * try { evaluate('x +', { x: 1 }); } catch (err) { if (err instanceof AutogradError) code = err.code; }
 * code // 'parse'
 */
export class AutogradError extends Error {
  /** Stable kind of the error: 'usage', 'parse', 'name', 'input', 'output' or 'argument'. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * A bad command line: unknown flag, malformed --at, conflicting options.
 *
 * @example
 * new UsageError('--lr must be a positive number').code // 'usage'
 */
export class UsageError extends AutogradError {
  constructor(message: string) {
    super('usage', message);
  }
}

/**
 * A syntax error in a program, with the offset of the offending character.
 *
 * @example
 * parse('1 +') // throws ParseError: expected a number, a name or '('
 * let offset = -1;
 * try { parse('(1 + 2'); } catch (err) { if (err instanceof ParseError) offset = err.offset; }
 * offset // 6
 */
export class ParseError extends AutogradError {
  /** UTF-16 offset into the source where the problem is. */
  readonly offset: number;
  /** The program text that failed to parse. */
  readonly source: string;
  constructor(message: string, source: string, offset: number) {
    super('parse', message);
    this.source = source;
    this.offset = offset;
  }
}

/**
 * An unknown variable or function; `suggestions` holds "did you mean" candidates.
 *
 * @example
 * evaluate('x + y', { x: 1 }) // throws NameError: the point has no value for variable 'y'
 * let near: readonly string[] = [];
 * try { evaluate('x1 + 1', { x2: 3 }); } catch (err) { if (err instanceof NameError) near = err.suggestions; }
 * near // ['x2']
 */
export class NameError extends AutogradError {
  readonly suggestions: readonly string[];
  /** The program text, when the error points into it. */
  readonly source: string | undefined;
  /** UTF-16 offset of the name in `source`, when known. */
  readonly offset: number | undefined;
  constructor(message: string, suggestions: readonly string[] = [], source?: string, offset?: number) {
    super('name', message);
    this.suggestions = suggestions;
    this.source = source;
    this.offset = offset;
  }
}

/**
 * Bad input data or files: a missing file, a bad row in --points (with its line).
 *
 * @example
 * new InputError('expected 2 columns, got 3', 4).line // 4
 */
export class InputError extends AutogradError {
  /** 1-based line of the bad row, when there is one. */
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super('input', message);
    this.line = line;
  }
}

/** Output that cannot be written: a full disk, a closed file (exit 2; a closed pipe is not an error). */
export class OutputError extends AutogradError {
  constructor(message: string) {
    super('output', message);
  }
}

/**
 * A library function called with an argument of the wrong type or shape: a
 * string where a number belongs (`{ x: '3' }`), a missing program, `wrt` as a
 * string instead of an array of names. The CLI never throws it.
 *
 * @example
 * let code = '';
 * try { evaluate('x', { x: '3' as unknown as number }); } catch (err) { if (err instanceof ArgumentError) code = err.code; }
 * code // 'argument'
 */
export class ArgumentError extends AutogradError {
  constructor(message: string) {
    super('argument', message);
  }
}

/** How a wrong argument is named in an ArgumentError: `the string '3'`, `null`, `an array`. */
export function describeArgument(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  switch (typeof value) {
    case 'string': return `the string '${quoteText(value)}'`;
    case 'number': return `the number ${value}`;
    case 'bigint': return `the bigint ${value}n`;
    case 'boolean': return `the boolean ${value}`;
    case 'function': return 'a function';
    case 'symbol': return 'a symbol';
    default: return Array.isArray(value) ? 'an array' : value instanceof Map ? 'a Map' : 'an object';
  }
}
