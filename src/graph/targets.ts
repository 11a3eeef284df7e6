// Which nodes a gradient is reported for: every variable, a --wrt list, or
// variables plus named intermediate nodes (--all).
import { NameError } from '../errors.js';
import { suggest } from '../syntax/suggest.js';
import type { Built } from './build.js';
import type { Value } from './value.js';
import { quoteText } from '../syntax/unshowable.js';

/** Which names a gradient is reported for: all variables (default), `wrt`, or `all`. */
export interface TargetChoice {
  /** Names to differentiate with respect to, in this order. */
  readonly wrt?: readonly string[] | undefined;
  /** Add every named intermediate node after the variables. */
  readonly all?: boolean | undefined;
}

/** The (name, node) pairs whose gradient is reported. Variables win over a named node of the same name. */
export function chooseTargets(built: Built, choice: TargetChoice = {}): Array<[string, Value]> {
  if (choice.wrt !== undefined) {
    return choice.wrt.map((name): [string, Value] => {
      const v = built.variables.get(name) ?? built.named.get(name);
      if (v === undefined) {
        const known = [...built.variables.keys(), ...built.named.keys()];
        throw new NameError({
          problem: `--wrt '${quoteText(name)}' is neither a variable nor a named node of the program`, suggestions: suggest(name, known),
        });
      }
      return [name, v];
    });
  }
  const out: Array<[string, Value]> = [...built.variables];
  if (choice.all) {
    for (const [name, v] of built.named) {
      if (v !== built.output && !built.variables.has(name)) out.push([name, v]);
    }
  }
  return out;
}
