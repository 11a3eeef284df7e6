// The result of one evaluation as text for people or as JSON (SPEC §4).
import { formatForPeople, jsonNumber } from './number.js';

export interface ResultView {
  readonly output: string;
  readonly value: number;
  readonly gradient: ReadonlyArray<readonly [string, number]>;
}

export interface TextStyle {
  readonly name: (s: string) => string;
  readonly number: (s: string) => string;
}

/** `f = 1.04…` then one `∂f/∂x = …` line per gradient entry. */
export function formatResult(r: ResultView, style: TextStyle, digits?: number): string {
  let out = `${style.name(r.output)} = ${style.number(formatForPeople(r.value, digits))}\n`;
  for (const [name, g] of r.gradient) {
    out += `${style.name(`∂${r.output}/∂${name}`)} = ${style.number(formatForPeople(g, digits))}\n`;
  }
  return out;
}

/** A JSON object body from ordered entries; keys written with JSON.stringify, so any name is safe. */
export function jsonObject(entries: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [k, v] of entries) parts.push(`${JSON.stringify(k)}:${v}`);
  return `{${parts.join(',')}}`;
}

/** The SPEC §4 object, without a trailing newline; `extra` appends further keys. */
export function toJson(r: ResultView, extra: ReadonlyArray<readonly [string, string]> = []): string {
  const gradient = jsonObject(r.gradient.map(([k, g]) => [k, jsonNumber(g)] as const));
  return jsonObject([
    ['output', JSON.stringify(r.output)],
    ['value', jsonNumber(r.value)],
    ['gradient', gradient],
    ...extra,
  ]);
}
