// Numbers in pictures and traces: four decimals, as the classic micrograd drawing
// (`data 2.0000`), switching to exponent form where four decimals would hide the value.

/** `6.0000`, `-0.5000`, `1.2346e-7`, `1.0000e+20`, `NaN`, `Infinity`. */
export function formatShort(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  // NOTE: 0.00001 would print as 0.0000, which reads as "no gradient".
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return x.toExponential(4);
  return (Object.is(x, -0) ? 0 : x).toFixed(4);
}

/** Four decimals, or `digits` significant digits when the user chose a precision. */
export function formatStep(x: number, digits: number | undefined): string {
  if (digits === undefined || !Number.isFinite(x)) return formatShort(x);
  return String(Number(x.toPrecision(digits)));
}
