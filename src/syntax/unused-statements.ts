// Statements whose value never reaches the output. The output is the last
// statement; a statement counts when the output reads it, directly or through
// other statements. A line that starts with - or + starts a new statement, so
// `a = x` followed by a line `-y` leaves `a = x` unused: worth a warning.
import type { Program } from './ast.js';

/**
 * The indices of the statements the output does not depend on, in order. One pass
 * from the last statement back, keeping the names still to be found: a name
 * read later refers to its latest assignment before that point.
 *
 * @example
 * unusedStatements(parse('a = x\n-y')).length // 1 (the output is -y)
 * unusedStatements(parse('a = x; b = a*2; b + 1')).length // 0
 */
export function unusedStatements(program: Program): number[] {
  const { statements, nodes } = program;
  const used = new Uint8Array(statements.length);
  const needed = new Set<string>();
  for (let i = statements.length - 1; i >= 0; i--) {
    const s = statements[i];
    if (s === undefined) continue;
    // A statement's nodes follow the previous statement's root, up to its own.
    const first = (statements[i - 1]?.root ?? -1) + 1;
    const isOutput = i === statements.length - 1;
    if (!isOutput && (s.name === undefined || !needed.has(s.name))) continue;
    used[i] = 1;
    if (s.name !== undefined) needed.delete(s.name);
    for (let n = first; n <= s.root; n++) {
      const node = nodes[n];
      if (node?.kind === 'name') needed.add(node.name);
    }
  }
  const unused: number[] = [];
  for (let i = 0; i < statements.length; i++) if (used[i] === 0) unused.push(i);
  return unused;
}
