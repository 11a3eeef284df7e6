// What a command gets from the process: streams, environment and style.
import { showLines } from '../syntax/unshowable.js';
import type { Style } from './color.js';

export interface OutStream {
  write(s: string): unknown;
}

export interface CliContext {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  /** Style for stdout (colored only when stdout is a TTY). */
  readonly style: Style;
  /** Style for stderr. */
  readonly errStyle: Style;
}

/** Writes `warning: …` lines to stderr. */
export function warn(ctx: CliContext, message: string): void {
  ctx.stderr.write(`${ctx.errStyle.warning('warning:')} ${showLines(message)}\n`);
}

/** Writes `error: …` to stderr: why a command that ran to its end exits 1. */
export function complain(ctx: CliContext, message: string): void {
  ctx.stderr.write(`${ctx.errStyle.error('error:')} ${showLines(message)}\n`);
}
