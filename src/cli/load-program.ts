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
 * Warnings for statements the output does not use, with their line:column;
 * the program still runs. An unnamed statement before the last is always one
 * (nothing can read it). A named one is kept quietly (--wrt may ask for its
 * gradient, and `diff --program` prints several), unless the line after it
 * starts with - or +: that line began a new statement, the usual slip.
 */
export function warnUnusedStatements(ctx: CliContext, program: Program): void {
  const { statements, source } = program;
  let warned = 0;
  for (const i of unusedStatements(program)) {
    const s = statements[i];
    if (s === undefined) continue;
    const end = program.nodes[s.root]?.end ?? s.start;
    const following = statements[i + 1];
    const sign = following === undefined ? '' : source[following.start] ?? '';
    // Only a line break (no ';') between them: the sign began a new line, and so a new statement.
    const slip = following !== undefined && (sign === '-' || sign === '+') && !source.slice(end, following.start).includes(';');
    if (s.name !== undefined && !slip) continue;
    if (++warned > UNUSED_SHOWN) continue;
    const { line, column } = positionOf(source, s.start);
    const text = source.slice(s.start, end);
    const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
    const why = slip ? `; the line after it starts with ${sign}, which begins a new statement (end the line with the operator to continue it)` : '';
    warn(ctx, `${line}:${column}: the statement '${quoteText(shown)}' is not used by the output (the last statement)${why}`);
  }
  if (warned > UNUSED_SHOWN) warn(ctx, `${warned - UNUSED_SHOWN} more statements are not used by the output`);
}
