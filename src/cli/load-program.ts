// What every command does first: read the program (argument, -f, or stdin),
// refuse one too large for memory, parse it; and warn about unused --at names.
import type { Built } from '../graph/build.js';
import type { Program } from '../syntax/ast.js';
import { parse } from '../syntax/parser.js';
import { positionOf } from '../render/diagnostic.js';
import { didYouMean } from '../syntax/suggest.js';
import { quoteText } from '../syntax/unshowable.js';
import { unusedStatements } from '../syntax/unused-statements.js';
import { warn, type CliContext } from './context.js';
import { readProgram } from './inputs.js';
import { checkProgramSize } from './size-guard.js';

export interface Loaded {
  readonly source: string;
  readonly program: Program;
}

/** Reads, size-checks and parses the program of a command; warns about statements the output never uses. */
export async function loadProgram(expr: string | undefined, file: string | undefined, ctx: CliContext): Promise<Loaded> {
  const source = await readProgram(expr, file, () => ctx.stdin);
  checkProgramSize(source);
  const program = parse(source);
  warnUnusedStatements(ctx, program);
  return { source, program };
}

/** How many unused --at names, or unused statements, get a warning line of their own. */
const UNUSED_SHOWN = 10;

/** One warning per unused --at name (with "did you mean"), the rest counted in one line. */
export function warnUnused(ctx: CliContext, unused: Built['unused']): void {
  for (const u of unused.slice(0, UNUSED_SHOWN)) {
    warn(ctx, `--at ${quoteText(u.name)} is not used by the program${didYouMean(u.suggestions)}`);
  }
  if (unused.length > UNUSED_SHOWN) warn(ctx, `${unused.length - UNUSED_SHOWN} more --at names are not used by the program`);
}

const SHOWN_TEXT = 40;

/**
 * One warning per statement the output does not use, with its line:column;
 * the program still runs. When the next statement starts with - or +, say
 * that such a line begins a new statement (the usual cause).
 */
export function warnUnusedStatements(ctx: CliContext, program: Program): void {
  const unused = unusedStatements(program);
  if (unused.length === 0) return;
  for (const s of unused.slice(0, UNUSED_SHOWN)) {
    const { line, column } = positionOf(program.source, s.start);
    const end = program.nodes[s.root]?.end ?? s.start;
    const text = program.source.slice(s.start, end);
    const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
    const following = program.statements[program.statements.indexOf(s) + 1];
    const sign = following === undefined ? '' : program.source[following.start] ?? '';
    // Only a line break (no ';') between them: the sign began a new line, and so a new statement.
    const newLine = following !== undefined && !program.source.slice(end, following.start).includes(';');
    const why = newLine && (sign === '-' || sign === '+')
      ? `; the line after it starts with ${sign}, which begins a new statement (end the line with the operator to continue it)`
      : '';
    warn(ctx, `${line}:${column}: the statement '${quoteText(shown)}' is not used by the output (the last statement)${why}`);
  }
  if (unused.length > UNUSED_SHOWN) warn(ctx, `${unused.length - UNUSED_SHOWN} more statements are not used by the output`);
}
