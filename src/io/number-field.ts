// Numbers in data files, read the way --at reads them: decimal only (no hex,
// no empty field, no inner spaces), plus NaN and ±Infinity as written by our
// own output. A fast path checks the first and last characters and lets
// Number() do the correctly rounded conversion, so a value read here is the
// same double as the same text given to --at.
import { parseDecimal } from '../syntax/number-text.js';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The number in `text[start, end)`, or undefined when it is not a decimal
 * number. Surrounding spaces and tabs are allowed.
 */
export function parseNumberField(text: string, start: number, end: number): number | undefined {
  if (end > start) {
    const c0 = text.charCodeAt(start);
    const cl = text.charCodeAt(end - 1);
    // Common case: starts with a digit, sign or '.', ends with a digit or '.'.
    if ((isDigit(c0) || c0 === 45 || c0 === 43 || c0 === 46) && (isDigit(cl) || cl === 46)) {
      // Number() also reads 0x1F, 0o7 and 0b1; those are not decimals.
      if (c0 === 48 && end - start > 1) {
        const c1 = text.charCodeAt(start + 1) | 32;
        if (c1 === 120 || c1 === 111 || c1 === 98) return undefined;
      }
      const v = +text.slice(start, end);
      if (v === v) return v;
      // NaN from Number(): not a number unless the text says NaN (handled below).
    }
  }
  return parseDecimal(text.slice(start, end).trim());
}
