// What every command does first: read the program (argument, -f, or stdin),
// refuse one too large for memory, parse it; and warn about unused --at names.
import type { Built } from '../graph/build.js';
import type { Program } from '../syntax/ast.js';
import { parse } from '../syntax/parser.js';
import { quoteText } from '../syntax/unshowable.js';
import { warn, type CliContext } from './context.js';
import { readProgram } from './inputs.js';
import { checkProgramSize } from './size-guard.js';

export interface Loaded {
  readonly source: string;
  readonly program: Program;
}

/** Reads, size-checks and parses the program of a command. */
export async function loadProgram(expr: string | undefined, file: string | undefined, ctx: CliContext): Promise<Loaded> {
  const source = await readProgram(expr, file, () => ctx.stdin);
  checkProgramSize(source);
  return { source, program: parse(source) };
}

/** How many unused --at names get a warning line of their own. */
const UNUSED_SHOWN = 10;

/** One warning per unused --at name (with "did you mean"), the rest counted in one line. */
export function warnUnused(ctx: CliContext, unused: Built['unused']): void {
  for (const u of unused.slice(0, UNUSED_SHOWN)) {
    const hint = u.suggestions.length > 0 ? ` (did you mean ${u.suggestions.map((s) => `'${s}'`).join(' or ')}?)` : '';
    warn(ctx, `--at ${quoteText(u.name)} is not used by the program${hint}`);
  }
  if (unused.length > UNUSED_SHOWN) warn(ctx, `${unused.length - UNUSED_SHOWN} more --at names are not used by the program`);
}
