// Help text generated from the op table, so it can never drift from it.
import { CONSTANTS, OPS, OP_NAMES } from '../ops/table.js';
import type { OpSpec } from '../ops/spec.js';

/** One line per callable function: signature, what it is, its derivative, its kink rule. */
export function functionList(): string {
  const lines: string[] = [];
  for (const name of OP_NAMES) {
    const spec: OpSpec = OPS[name];
    for (const call of spec.calls) {
      const params = spec.params?.join(', ') ?? (spec.arity === 1 ? 'x' : spec.arity === 2 ? 'a, b' : 'x, …');
      const sig = `${call}(${params})`;
      const kink = spec.kink ? `; at kinks: ${spec.kink}` : '';
      lines.push(`  ${sig.padEnd(14)} ${spec.doc} — derivative: ${spec.rule}${kink}`);
    }
  }
  return lines.join('\n');
}

/** The operators, lowest precedence first, from the table's syntax fields. */
export function operatorList(): string {
  const entries: Array<[number, string]> = [];
  for (const name of OP_NAMES) {
    const spec: OpSpec = OPS[name];
    if (spec.infix) {
      const spellings = [spec.infix.symbol, ...(spec.infix.aliases ?? [])].join(' or ');
      entries.push([spec.infix.precedence, `${spellings} (${spec.infix.assoc}-assoc, precedence ${spec.infix.precedence}): ${spec.doc}`]);
    }
    if (spec.prefix) entries.push([spec.prefix.precedence, `unary ${spec.prefix.symbol} (precedence ${spec.prefix.precedence}): ${spec.doc}`]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const consts = [...CONSTANTS.keys()].join(', ');
  return `${entries.map((e) => `  ${e[1]}`).join('\n')}\n  constants: ${consts} (shadowed by an assignment or by --at)`;
}
