// Error positions for people: line:column (columns in code points from 1) and
// a caret line under the offending character, with unshowable characters escaped.
import { isUnshowable } from '../syntax/unshowable.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and code-point column of a UTF-16 offset. */
export function positionOf(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = source.indexOf('\n'); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = source.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = source.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    column++;
  }
  return { line, column };
}

/** A character as shown in a caret line: escaped when it would garble the terminal line. */
function visible(cp: number): string {
  if (cp === 0x09) return ' ';
  return isUnshowable(cp) ? `\\u{${cp.toString(16)}}` : String.fromCodePoint(cp);
}

const WINDOW = 60;

/** The source line holding `offset` and a caret line under it, both escaped and clipped. */
export function caretLines(source: string, offset: number): [string, string] {
  const safe = Math.max(0, Math.min(offset, source.length));
  const lineStart = source.lastIndexOf('\n', safe - 1) + 1;
  let lineEnd = source.indexOf('\n', safe);
  if (lineEnd === -1) lineEnd = source.length;
  // Clip very long lines to a window around the caret.
  const from = Math.max(lineStart, safe - WINDOW);
  const to = Math.min(lineEnd, safe + WINDOW);
  let text = from > lineStart ? '…' : '';
  let caretCol = text.length;
  for (let i = from; i < to; ) {
    const cp = source.codePointAt(i)!;
    const step = cp > 0xffff ? 2 : 1;
    const shown = visible(cp);
    if (i < safe) caretCol += [...shown].length;
    text += shown;
    i += step;
  }
  if (to < lineEnd) text += '…';
  return [text, ' '.repeat(caretCol) + '^'];
}
