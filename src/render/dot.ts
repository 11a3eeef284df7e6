// The Value graph as Graphviz DOT, laid out as the classic micrograd drawing:
// left to right, each value a record `{ label | data 2.0000 | grad 6.0000 }`,
// each operation its own small node between its inputs and its result.
import { dependsOn } from '../graph/reach.js';
import { ArgumentError, describeArgument } from '../errors.js';
import type { Value } from '../graph/value.js';
import { opSymbol } from './node-text.js';
import { formatShort } from './short-number.js';

/** What toDot draws: a graph's nodes (creation order) and the output they lead to. */
export interface DotSource {
  readonly graph: { readonly nodes: readonly Value[] };
  readonly output: Value;
}

/** Options of {@link toDot}. */
export interface DotOptions {
  /** The graph's name in `digraph NAME { … }` (default `autograd`). */
  readonly name?: string;
}

/** Characters with a meaning inside a record label, and DOT's own `"` and `\`. */
const RECORD_SPECIAL = /[\\{}|<>"]/g;
// Controls and line separators would break the one-line-per-statement layout.
const HIDDEN = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** Text for a record field: record characters escaped, so a name is never a field separator. */
export function escapeRecord(text: string): string {
  return text.replace(HIDDEN, ' ').replace(RECORD_SPECIAL, '\\$&');
}

/** Text for a plain quoted DOT label. */
export function escapeLabel(text: string): string {
  return text.replace(HIDDEN, ' ').replace(/[\\"]/g, '\\$&');
}

/** Number of value nodes the DOT of `source` holds (the output and what it depends on). */
export function countDrawn(source: DotSource): number {
  const mask = dependsOn(source.graph.nodes, source.output);
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/** Characters per chunk yielded by dotChunks. */
const CHUNK = 1 << 16;

/**
 * DOT text of the output and every node it depends on, in chunks of about
 * 64 KiB, so a graph of millions of nodes streams to a file instead of
 * becoming one huge string. Op nodes are declared first, then value records,
 * then edges, each group under its own defaults. Loops only: no recursion.
 * `spine` (for pictures) adds `weight` to each op's edge to its result and
 * from its first computed input, so Graphviz keeps a chain of computed values
 * on one line and hangs variables and literals off it (without it, a long sum
 * of variables is laid out as a staircase many times taller than it needs).
 */
export function* dotChunks(source: DotSource, options: DotOptions = {}, spine = false): Generator<string> {
  const nodes = source.graph.nodes;
  const output = source.output;
  const mask = dependsOn(nodes, output);
  let chunk = `digraph ${JSON.stringify(options.name ?? 'autograd')} {
  graph [rankdir=LR, bgcolor="white", nodesep=0.2, ranksep=0.35, pad=0.2, nslimit=2, nslimit1=2, mclimit=0.5];
  edge [color="#718096", arrowsize=0.6, penwidth=1.1, tailport=e];
  node [shape=record, style=filled, fillcolor="#ffffff", color="#4a5568", penwidth=1.2, margin="0.11,0.055", width=0.75, height=0.5, fontname="Courier", fontsize=12];
`;
  for (let i = 0; i <= output.id; i++) {
    if (mask[i] === 0) continue;
    const v = nodes[i]!;
    const style = v === output ? 'fillcolor="#fde2e2", penwidth=2, '
      : v.op === 'var' ? 'fillcolor="#e3f0ff", ' : v.op === 'const' ? 'fillcolor="#f1f1f1", ' : '';
    chunk += `  v${i} [${style}label="{ ${escapeRecord(v.label ?? '')} | data ${formatShort(v.data)} | grad ${formatShort(v.grad)} }"];\n`;
    if (chunk.length >= CHUNK) { yield chunk; chunk = ''; }
  }
  chunk += '  node [shape=ellipse, style=filled, fillcolor="#fff4d6", color="#b7791f", penwidth=1.2, margin="0.04,0.02", width=0.3, height=0.3, fontname="Courier", fontsize=14];\n';
  for (let i = 0; i <= output.id; i++) {
    const v = nodes[i]!;
    if (mask[i] === 0 || v.op === 'const' || v.op === 'var') continue;
    chunk += `  v${i}_op [label="${escapeLabel(opSymbol(v.op))}"];\n`;
    if (chunk.length >= CHUNK) { yield chunk; chunk = ''; }
  }
  for (let i = 0; i <= output.id; i++) {
    const v = nodes[i]!;
    if (mask[i] === 0 || v.op === 'const' || v.op === 'var') continue;
    // One edge per input position: x*x draws two edges from x.
    let straight = spine;
    for (const input of v.inputs) {
      const weighted = straight && input.op !== 'var' && input.op !== 'const';
      if (weighted) straight = false;
      chunk += `  v${input.id} -> v${i}_op${weighted ? ' [weight=8]' : ''};\n`;
    }
    chunk += `  v${i}_op -> v${i}${spine ? ' [weight=8]' : ''};\n`;
    if (chunk.length >= CHUNK) { yield chunk; chunk = ''; }
  }
  yield `${chunk}}\n`;
}

/**
 * The graph as Graphviz DOT text, as one string (see dotChunks); the same
 * graph gives byte-identical text. A {@link Built} (or `gradient(…).built`) is a DotSource.
 *
 * @example
 * const dot = toDot(gradient('a*b', { a: 2, b: 3 }).built);
 * dot.split('\n')[0] // 'digraph "autograd" {'
 * dot.includes('{ a | data 2.0000 | grad 3.0000 }') // true
 * toDot(evaluate('x', { x: 1 }).built, { name: 'g' }).startsWith('digraph "g" {') // true
 */
export function toDot(source: DotSource, options: DotOptions = {}): string {
  const s = source as Partial<DotSource> | null | undefined;
  if (s === null || typeof s !== 'object' || !Array.isArray(s.graph?.nodes) || typeof s.output !== 'object') {
    throw new ArgumentError(`source must be a built graph, such as gradient(program, point).built, got ${describeArgument(source)}`);
  }
  let text = '';
  for (const chunk of dotChunks(source, options)) text += chunk;
  return text;
}
