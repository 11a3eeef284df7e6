// Why --strict failed: which results are NaN or ±Infinity, named as the text
// output names them (`f`, `∂f/∂x`, `∂²f/∂x∂y`), so exit 1 never comes alone.
import type { JacobianView } from './jacobian.js';
import { formatNumber } from './number.js';

/** How many non-finite results one message names before it counts the rest. */
const NAMED = 3;

/** The non-finite results of one evaluation, as `name = value` texts (in output order). */
export function nonFiniteResults(output: string, value: number, gradient: ReadonlyArray<readonly [string, number]>,
  hessian?: { readonly names: readonly string[]; readonly rows: ReadonlyArray<ArrayLike<number>> }): string[] {
  const bad: string[] = [];
  if (!Number.isFinite(value)) bad.push(`${output} = ${formatNumber(value)}`);
  for (const [name, g] of gradient) if (!Number.isFinite(g)) bad.push(`∂${output}/∂${name} = ${formatNumber(g)}`);
  if (hessian !== undefined) {
    hessian.rows.forEach((row, i) => {
      for (let j = 0; j < row.length; j++) {
        if (!Number.isFinite(row[j]!)) bad.push(`∂²${output}/∂${hessian.names[i]}∂${hessian.names[j]} = ${formatNumber(row[j]!)}`);
      }
    });
  }
  return bad;
}

/**
 * `--strict: f = NaN and ∂f/∂x = NaN are not finite` (the first few named, the
 * rest counted); `where` (`<stdin>:3`) says which row.
 */
export function strictMessage(bad: readonly string[], where?: string): string {
  const shown = bad.slice(0, NAMED);
  const more = bad.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
  return `--strict: ${where === undefined ? '' : `${where}: `}${list} ${bad.length === 1 ? 'is' : 'are'} not finite`;
}

/** The non-finite values and entries of a Jacobian, named as the text names them. */
export function jacobianNonFinite(j: JacobianView): string[] {
  return j.outputs.flatMap((u, i) =>
    nonFiniteResults(u, j.values[i]!, j.names.map((x, k) => [x, j.rows[i]![k]!] as const)));
}
