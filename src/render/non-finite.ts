// Warnings that say where a NaN or ±Infinity came from, as the user wrote it:
// `log(x) at 1:5 gives NaN (x = -1)`.
import type { GradientOrigin } from '../calculus/non-finite.js';
import type { Value } from '../graph/value.js';
import { positionOf } from './diagnostic.js';
import { shownSource, sourceText } from './node-text.js';
import { formatNumber } from './number.js';

/** `log(x) at 1:5`: the node as written, and where that text starts. */
function where(node: Value, source: string): string {
  const shown = shownSource(source, node);
  if (shown === undefined) return sourceText(source, node);
  // NOTE: the column of the text shown, which may start at a parenthesis before the node's span.
  const { line, column } = positionOf(source, shown.start);
  return `${shown.text} at ${line}:${column}`;
}

/**
 * ` (x = -1, y = 2)`: the node's inputs that can change (they depend on a
 * variable or a named node), each once. Literals and constant subexpressions
 * (`-2`, `pi - 4`) are not listed: their value is in the text.
 */
function inputsOf(node: Value, source: string): string {
  const seen = new Set<Value>();
  const parts: string[] = [];
  for (const v of node.inputs) {
    if (seen.has(v) || !v.requiresGrad) continue;
    seen.add(v);
    parts.push(`${v.label ?? sourceText(source, v)} = ${formatNumber(v.data)}`);
  }
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** `log(x) at 1:5 gives NaN (x = -1)` */
export function describeValueOrigin(node: Value, source: string): string {
  return `${where(node, source)} gives ${formatNumber(node.data)}${inputsOf(node, source)}`;
}

/** `sqrt(x) at 1:1 gives gradient Infinity to x in the backward pass (x = 0; upstream 1 × local Infinity)` */
export function describeGradientOrigin(o: GradientOrigin, source: string): string {
  const input = o.node.inputs[o.inputIndex]!;
  const inputs = inputsOf(o.node, source);
  const detail = `upstream ${formatNumber(o.upstream)} × local ${formatNumber(o.local)}`;
  const to = input.label ?? sourceText(source, input);
  return `${where(o.node, source)} gives gradient ${formatNumber(o.contribution)} to ${to} in the backward pass ` +
    `(${inputs === '' ? '' : `${inputs.slice(2, -1)}; `}${detail})`;
}
