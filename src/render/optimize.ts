// The outcome of `autograd optimize` for people (text) and machines (JSON).
import type { OptimizeResult } from '../calculus/optimize.js';
import { formatNumber, jsonNumber } from './number.js';
import { jsonObject, type TextStyle } from './result.js';

export interface OptimizeView {
  readonly output: string;
  readonly lr: number;
  readonly maximize: boolean;
  readonly tol: number | undefined;
  readonly result: OptimizeResult;
  /** Every variable with its final value, in order of first appearance. */
  readonly point: ReadonlyArray<readonly [string, number]>;
  /** The moved variables with ∂f at the final point. */
  readonly gradient: ReadonlyArray<readonly [string, number]>;
}

/** `a=1,b=2`: the point in --at syntax, full precision, ready to paste back. */
export function formatPoint(point: ReadonlyArray<readonly [string, number]>): string {
  return point.map(([name, x]) => `${name}=${formatNumber(x)}`).join(',');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function howItEnded(v: OptimizeView): string {
  const r = v.result;
  const kind = v.maximize ? 'ascent' : 'descent';
  switch (r.stopped) {
    case 'steps': return `${plural(r.steps, 'step')} of gradient ${kind}, lr ${formatNumber(v.lr)}`;
    case 'gradient': return `stopped by --tol after ${plural(r.steps, 'step')}: every |gradient| is at most ${formatNumber(v.tol!)}`;
    case 'step': return `stopped by --tol after ${plural(r.steps, 'step')}: the last step moved at most ${formatNumber(v.tol!)}`;
    case 'non-finite':
      if (r.rejected === undefined) return 'the starting point gives a non-finite value or gradient';
      if (r.overflowed !== undefined) return `stopped after ${plural(r.steps, 'step')}: the next step overflowed`;
      return `stopped after ${plural(r.steps, 'step')}: the next step gave a non-finite value`;
  }
}

/** The stderr message for a run that hit NaN or ±Infinity. */
export function nonFiniteMessage(v: OptimizeView): string {
  const r = v.result;
  if (r.rejected === undefined) {
    const what = Number.isFinite(r.before) ? `the gradient of ${v.output} is not finite` : `${v.output} is ${formatNumber(r.before)}`;
    return `${what} at the starting point: nothing to optimize`;
  }
  const last = `stopped at the last finite point (after ${plural(r.steps, 'step')}); try a smaller --lr`;
  if (r.overflowed !== undefined) {
    // The point itself left the numbers: f was never evaluated there.
    const name = v.gradient[r.overflowed.index]![0];
    return `step ${r.steps + 1} overflowed: ${name} would become ${formatNumber(r.overflowed.value)} ` +
      `(${name} ${v.maximize ? '+' : '-'} lr × ∂${v.output}/∂${name} is not a finite number); ${last}`;
  }
  const what = !Number.isFinite(r.rejected) ? `${v.output} = ${formatNumber(r.rejected)}` : 'a non-finite gradient';
  return `step ${r.steps + 1} gave ${what}; ${last}`;
}

/** before / after / point, three lines. */
export function formatOptimize(v: OptimizeView, style: TextStyle): string {
  const r = v.result;
  return `before: ${style.name(v.output)} = ${style.number(formatNumber(r.before))}\n` +
    `after:  ${style.name(v.output)} = ${style.number(formatNumber(r.value))} (${howItEnded(v)})\n` +
    `point:  ${formatPoint(v.point)}\n`;
}

/** One trajectory line for text output. */
export function formatRow(output: string, step: number, value: number, point: ReadonlyArray<readonly [string, number]>): string {
  return `step ${step}: ${output} = ${formatNumber(value)} at ${formatPoint(point)}\n`;
}

/** One trajectory row as JSON. */
export function rowJson(step: number, value: number, point: ReadonlyArray<readonly [string, number]>): string {
  return jsonObject([
    ['step', String(step)],
    ['value', jsonNumber(value)],
    ['point', jsonObject(point.map(([k, x]) => [k, jsonNumber(x)] as const))],
  ]);
}

/** The opening of the JSON object: the keys known before the run. */
export function jsonHead(output: string, before: number): string {
  return `{${JSON.stringify('output')}:${JSON.stringify(output)},"before":${jsonNumber(before)}`;
}

/** The remaining keys and the closing brace. */
export function jsonTail(v: OptimizeView): string {
  const r = v.result;
  const body = jsonObject([
    ['value', jsonNumber(r.value)],
    ['steps', String(r.steps)],
    ['stopped', JSON.stringify(r.stopped)],
    ['point', jsonObject(v.point.map(([k, x]) => [k, jsonNumber(x)] as const))],
    ['gradient', jsonObject(v.gradient.map(([k, g]) => [k, jsonNumber(g)] as const))],
    ...(r.rejected === undefined ? [] : [['rejected', jsonNumber(r.rejected)] as const]),
    ...(r.overflowed === undefined ? [] : [['overflowed', jsonObject([
      ['variable', JSON.stringify(v.gradient[r.overflowed.index]![0])], ['value', jsonNumber(r.overflowed.value)],
    ])] as const]),
  ]);
  return `,${body.slice(1)}`;
}
