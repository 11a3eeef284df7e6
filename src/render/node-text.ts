// How a node is shown to people: its name, or its expression as the user wrote
// it (source text through the node's span), and the symbol of its op.
import type { Value } from '../graph/value.js';
import { OPS, type OpName } from '../ops/table.js';
import { showText } from '../syntax/unshowable.js';

/** Longest expression text shown before it is cut with `…`. */
export const MAX_TEXT = 48;

/**
 * The source text of `node` as the user wrote it, whitespace runs shown as one
 * space. Parentheses the span cuts through are taken back in from the source
 * (`(a + b)*c` has the span `a + b)*c`).
 */
export function sourceText(source: string, node: Value, max = MAX_TEXT): string {
  return shownSource(source, node, max)?.text ?? node.label ?? String(node.data);
}

/** The text sourceText shows, with the offset in `source` where it starts; undefined for a node without a span. */
export function shownSource(source: string, node: Value, max = MAX_TEXT): { readonly text: string; readonly start: number } | undefined {
  const span = node.span;
  if (span === undefined) return undefined;
  let start = span.start;
  let end = span.end;
  // Only read what can be shown: a huge expression costs O(max), not O(length).
  const cut = end - start > 4 * max;
  const scanEnd = cut ? start + 4 * max : end;
  let depth = 0;
  let lowest = 0;
  for (let i = start; i < scanEnd; i++) {
    const c = source.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth < lowest) lowest = depth;
  }
  let open = -lowest;
  for (let i = start - 1; open > 0 && i >= 0; i--) {
    const c = source[i]!;
    if (c === '(') {
      open--;
      start = i;
    } else if (!/\s/.test(c)) break;
  }
  let close = cut ? 0 : depth - lowest;
  for (let i = end; close > 0 && i < source.length; i++) {
    const c = source[i]!;
    if (c === ')') {
      close--;
      end = i + 1;
    } else if (!/\s/.test(c)) break;
  }
  const text = source.slice(start, cut ? scanEnd : end).replace(/\s+/g, ' ').trim();
  const points = [...text];
  // A comment inside the span may hold anything: escape what would garble a terminal.
  return { text: showText(points.length > max || cut ? `${points.slice(0, max - 1).join('')}…` : text), start };
}

/** What a node is called in notation like dL/dx: its name, else `(its expression)`. */
export function nodeName(node: Value, source: string, max = MAX_TEXT): string {
  if (node.label !== undefined) return node.label;
  const text = sourceText(source, node, max);
  return /^[\p{L}_][\p{L}\p{N}_]*$|^[0-9.]+(?:[eE][+-]?\d+)?$/u.test(text) ? text : `(${text})`;
}

/** The symbol of an op as users write it: `+`, `*`, `-` (negation), `sin`, `log`. */
export function opSymbol(op: OpName): string {
  const spec = OPS[op];
  return spec.infix?.symbol ?? spec.prefix?.symbol ?? spec.calls[0] ?? op;
}
