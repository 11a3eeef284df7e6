// Number formatting shared by every renderer.

/** Shortest round-trip text of a number; keeps the sign of -0. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A number as JSON: full precision; NaN and ±Infinity as strings. */
export function jsonNumber(x: number): string {
  return Number.isFinite(x) ? formatNumber(x) : `"${String(x)}"`;
}

/** For people: full precision, or `digits` significant digits when given. */
export function formatForPeople(x: number, digits: number | undefined): string {
  if (digits === undefined || !Number.isFinite(x)) return formatNumber(x);
  return formatNumber(Number(x.toPrecision(digits)));
}
