// Typed errors: one class per failure a user can cause. Each carries a stable
// `code` and the data a renderer needs, and builds its message (with the one
// "did you mean" phrase) in its constructor; cli/exit.ts maps them to exit codes.
import { didYouMean } from './syntax/suggest.js';
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
  /** "Did you mean" candidates (an unknown function's close names). */
  readonly suggestions: readonly string[];
  constructor(message: string, source: string, offset: number, suggestions: readonly string[] = []) {
    super('parse', `${message}${didYouMean(suggestions)}`);
    this.source = source;
    this.offset = offset;
    this.suggestions = suggestions;
  }
}

/** What a NameError says: the problem, close names, and advice after them. */
export interface NameErrorInit {
  /** What is wrong: "no value for variable 'y'". */
  readonly problem: string;
  /** "Did you mean" candidates, closest first. */
  readonly suggestions?: readonly string[] | undefined;
  /** Where the candidates come from, said in the hint: 'from --at'. */
  readonly from?: string | undefined;
  /** What to do, after the hint: "give it with --at y=…". */
  readonly advice?: string | undefined;
  /** The program text, when the error points into it. */
  readonly source?: string | undefined;
  /** UTF-16 offset of the name in `source`. */
  readonly offset?: number | undefined;
}

/**
 * An unknown variable or name; `suggestions` holds "did you mean" candidates.
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
  constructor(init: NameErrorInit) {
    const suggestions = init.suggestions ?? [];
    super('name', `${init.problem}${didYouMean(suggestions, init.from)}${init.advice === undefined ? '' : `: ${init.advice}`}`);
    this.suggestions = suggestions;
    this.source = init.source;
    this.offset = init.offset;
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
  /** `kind` is 'output' for an OutputError, the same family of file errors. */
  constructor(message: string, line?: number, kind: 'input' | 'output' = 'input') {
    super(kind, message);
    this.line = line;
  }
}

/**
 * Output that cannot be written: a missing folder, a full disk (exit 2; a
 * closed pipe is not an error). `path` is what could not be written. It is an
 * InputError of code 'output': catching InputError catches every file error.
 *
 * @example
 * new OutputError('cannot write out.svg: no such directory', 'out.svg').code // 'output'
 */
export class OutputError extends InputError {
  /** The file (or stream) that could not be written. */
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super(message, undefined, 'output');
    this.path = path;
  }

  /** A failed write of `path`, said as a person would: "cannot write 'out.svg': no such directory". */
  static writing(path: string, err: unknown): OutputError {
    return new OutputError(`cannot write '${quoteText(path)}': ${quoteText(writeReason(err))}`, path);
  }
}

const WRITE_REASONS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such directory'], ['ENOTDIR', 'no such directory'], ['EISDIR', 'is a directory'],
  ['EACCES', 'permission denied'], ['EPERM', 'permission denied'], ['EROFS', 'read-only file system'],
  ['ENOSPC', 'no space left on device'], ['EDQUOT', 'disk quota exceeded'], ['EIO', 'input/output error'],
  ['EBADF', 'the stream is closed'], ['EFBIG', 'file too large'], ['ENAMETOOLONG', 'the name is too long'],
]);

/** Why a write failed, in words (the system's first line for an unknown code). */
export function writeReason(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  const known = typeof code === 'string' ? WRITE_REASONS.get(code) : undefined;
  return known ?? (err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err));
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
