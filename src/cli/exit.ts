// The one table from outcome to exit code, and the one place errors are written.
import { AutogradError, NameError, ParseError, writeReason } from '../errors.js';
import { caretLines, positionOf } from '../render/diagnostic.js';
import { showLines, showText } from '../syntax/unshowable.js';
import type { Style } from './color.js';

export const EXIT = {
  /** Success (also: output ended by a closed pipe). */
  ok: 0,
  /** A --check disagreement, or a non-finite result under --strict. */
  failed: 1,
  /** Usage, parse, name and input errors. */
  usage: 2,
  /** A bug in autograd. */
  internal: 3,
  /** Interrupted by SIGINT (128 + 2). */
  interrupted: 130,
  /** Terminated by SIGTERM (128 + 15). */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface Writable {
  write(s: string): unknown;
}

/**
 * What went wrong writing to `what`, as one line; undefined for a closed pipe
 * (EPIPE), which is a normal end (`| head`), not an error.
 */
export function writeFailure(err: NodeJS.ErrnoException, what: string): string | undefined {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return undefined;
  return `cannot write to ${what}: ${showText(writeReason(err))}${err.code !== undefined ? ` (${err.code})` : ''}`;
}

/** Writes one error report to stderr and returns its exit code. */
export function reportError(err: unknown, stderr: Writable, style: Style, env: NodeJS.ProcessEnv): ExitCode {
  const errno = err as NodeJS.ErrnoException;
  if (err instanceof Error && errno.syscall === 'write' && typeof errno.code === 'string') {
    // A write that failed synchronously: a closed pipe ends quietly, anything else is exit 2.
    const failure = writeFailure(errno, 'the output');
    if (failure === undefined) return EXIT.ok;
    stderr.write(`${style.error('error:')} ${failure}\n`);
    return EXIT.usage;
  }
  if (err instanceof AutogradError) {
    let text: string;
    const located = err instanceof ParseError || (err instanceof NameError && err.source !== undefined && err.offset !== undefined)
      ? { source: (err as ParseError).source, offset: (err as ParseError).offset }
      : undefined;
    if (located) {
      const { line, column } = positionOf(located.source, located.offset);
      const [src, caret] = caretLines(located.source, located.offset);
      text = `${style.error('error:')} ${showLines(err.message)} at ${line}:${column}\n  ${src}\n  ${style.error(caret)}\n`;
    } else text = `${style.error('error:')} ${showLines(err.message)}\n`;
    stderr.write(text);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`autograd: internal error: ${showText(message.split('\n')[0]!)} (please report)\n`);
  if (env.AUTOGRAD_DEBUG && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}
