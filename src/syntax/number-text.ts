// The one syntax for a number written outside a program (--at values, numeric
// flags, data fields): the language's number literal (`2`, `0.5`, `.5`, `1e-3`)
// with an optional sign, plus NaN and ±Infinity as our own output writes them.
// No hex, octal, binary, underscores or inner spaces, though Number() reads some.

/** A signed decimal number literal. */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The words our output writes for non-finite numbers. */
export const NON_FINITE_WORDS: ReadonlyMap<string, number> = new Map([
  ['Infinity', Infinity], ['+Infinity', Infinity], ['-Infinity', -Infinity], ['NaN', NaN],
]);

/**
 * The number `text` spells, or undefined if it is not one.
 *
 * @example
 * parseDecimal('-1.5e3') // -1500
 * parseDecimal('0x10') // undefined
 */
export function parseDecimal(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  return NON_FINITE_WORDS.get(text);
}
