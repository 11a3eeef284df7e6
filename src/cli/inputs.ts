// Reading what a command works on: --at values, the program text (argument,
// -f file, or - for stdin) and --wrt lists.
import { createReadStream } from 'node:fs';
import { InputError, UsageError } from '../errors.js';
import { DECIMAL, parseDecimal } from '../syntax/number-text.js';
import { isName } from '../syntax/tokens.js';
import { quoteText } from '../syntax/unshowable.js';


/**
 * Parses repeated `--at x=1,y=2` options into one ordered map. Problems are
 * usage errors; `warn` receives notes such as a value that overflowed.
 */
export function parseAt(items: readonly string[], warn: (msg: string) => void): Map<string, number> {
  const at = new Map<string, number>();
  for (const item of items) {
    for (const part of item.split(',')) {
      const pair = part.trim();
      if (pair === '') throw new UsageError(`--at '${quoteText(item)}': empty entry (expected name=value, comma-separated)`);
      const eq = pair.indexOf('=');
      if (eq === -1) throw new UsageError(`--at '${quoteText(pair)}': expected name=value`);
      const name = pair.slice(0, eq).trim();
      const text = pair.slice(eq + 1).trim();
      if (name === '') throw new UsageError(`--at '${quoteText(pair)}': missing the name before '='`);
      if (!isName(name)) throw new UsageError(`--at '${quoteText(pair)}': '${quoteText(name)}' is not a valid name`);
      if (text === '') throw new UsageError(`--at '${quoteText(pair)}': missing the value after '='`);
      const value = parseDecimal(text);
      if (value === undefined) throw new UsageError(`--at '${quoteText(pair)}': '${quoteText(text)}' is not a number`);
      if (!Number.isFinite(value) && DECIMAL.test(text)) warn(`--at ${name}=${quoteText(text)} is out of range and reads as ${value}`);
      const before = at.get(name);
      if (before !== undefined && !Object.is(before, value)) {
        throw new UsageError(`--at gives '${quoteText(name)}' twice with different values (${before} and ${value})`);
      }
      at.set(name, value);
    }
  }
  return at;
}

/** Splits a `--wrt x,y` list; a name given twice is refused (it would be two equal keys in JSON). */
export function parseNameList(flag: string, text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') throw new UsageError(`${flag} '${quoteText(text)}': empty name`);
    if (!isName(n)) throw new UsageError(`${flag}: '${quoteText(n)}' is not a valid name`);
    if (seen.has(n)) throw new UsageError(`${flag} '${quoteText(text)}': '${quoteText(n)}' is given twice`);
    seen.add(n);
  }
  return names;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError(`${what} is not UTF-8 text`);
  }
}

/** Largest program read from a file or stdin: V8 strings end near 512 MiB, and the size guard refuses far less. */
export const MAX_PROGRAM_BYTES = 256 * 2 ** 20;

/** Reads a whole stream, refusing more than `limit` bytes (so `-f /dev/zero` or `yes |` end with a message). */
async function readAll(stream: NodeJS.ReadableStream, what: string, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > limit) throw new InputError(`${what} is larger than ${Math.round(limit / 2 ** 20)} MiB, the largest program read`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Reads all of stdin (at most `limit` bytes). */
export async function readStdin(stdin: NodeJS.ReadableStream, limit = MAX_PROGRAM_BYTES): Promise<Uint8Array> {
  return readAll(stdin, 'standard input', limit);
}

/** The InputError for a file that cannot be read: `cannot read '<path>': no such file`. */
export function readError(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory'
    : code === 'EACCES' ? 'permission denied' : quoteText(e instanceof Error ? e.message : String(e));
  return new InputError(`cannot read '${quoteText(path)}': ${why}`);
}

/**
 * The program text from the argument, `-f file`, or stdin when the argument is
 * `-`. `stdin` may be a function, so stdin is only opened when it is read.
 */
export async function readProgram(expr: string | undefined, file: string | undefined,
  stdin: NodeJS.ReadableStream | (() => NodeJS.ReadableStream)): Promise<string> {
  if (file !== undefined && expr !== undefined) {
    throw new UsageError('give the program either as an argument or with -f, not both');
  }
  if (file !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await readAll(createReadStream(file), `'${quoteText(file)}'`, MAX_PROGRAM_BYTES);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw readError(file, e);
    }
    // NOTE: a NUL byte is left to the parser, which points at it (line:column)
    // as at every other character that has no place in a program.
    return decode(bytes, `'${quoteText(file)}'`);
  }
  if (expr === undefined) throw new UsageError("missing the expression (give it as an argument, with -f <file>, or '-' for stdin)");
  if (expr === '-') return decode(await readStdin(typeof stdin === 'function' ? stdin() : stdin), 'standard input');
  return expr;
}
