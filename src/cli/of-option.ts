// `eval --of u,v`: the values and the Jacobian of several named outputs at one
// point, with --check checking every entry.
import { checkOnTape, type CheckEntry } from '../calculus/check.js';
import { chooseOutputs, JacobianTape } from '../calculus/jacobian.js';
import { firstNonFiniteValue } from '../calculus/non-finite.js';
import { build } from '../graph/build.js';
import { chooseTargets } from '../graph/targets.js';
import type { Value } from '../graph/value.js';
import { checkJson, formatCheck } from '../render/check.js';
import { formatJacobian, jacobianJson } from '../render/jacobian.js';
import { describeValueOrigin } from '../render/non-finite.js';
import { jsonObject } from '../render/result.js';
import { jacobianNonFinite, strictMessage } from '../render/strict.js';
import type { Program } from '../syntax/ast.js';
import { complain, warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { warnUnused } from './load-program.js';

/** What eval --of reads of eval's options. */
export interface OfOptions {
  readonly of: readonly string[];
  readonly wrt?: readonly string[] | undefined;
  readonly all?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly strict?: boolean | undefined;
  readonly digits?: number | undefined;
  /** Relative tolerance of --check, when --check is given. */
  readonly check?: number | undefined;
}

/** Every entry of the Jacobian against a finite difference of its output (one list per output). */
function checkJacobian(jt: JacobianTape, columns: ReadonlyArray<readonly [string, Value]>, tolerance: number): CheckEntry[][] {
  return jt.outputs.map((_, i) => {
    const tape = jt.tape.withOutputs([jt.tape.outputs[i]!], { kernel: false });
    return checkOnTape(tape, columns.map(([name, v], j) => [name, v.id, jt.rows[i]![j]!] as const), tolerance);
  });
}

/** Runs eval --of at one point. */
export function runOf(program: Program, source: string, at: ReadonlyMap<string, number>, opts: OfOptions,
  ctx: CliContext): ExitCode {
  const built = build(program, at, { evaluate: false });
  const outputs = chooseOutputs(built, opts.of);
  const columns = chooseTargets(built, { wrt: opts.wrt, all: opts.all });
  warnUnused(ctx, built.unused);
  const jt = new JacobianTape(built, outputs, columns, { kernel: false });
  jt.evaluate();
  const nodes = built.graph.nodes;
  jt.tape.writeBack(nodes);
  const warned = new Set<Value>();
  for (const [, v] of outputs) {
    const bad = firstNonFiniteValue(nodes, v);
    if (bad !== undefined && !warned.has(bad)) warn(ctx, describeValueOrigin(bad, source));
    if (bad !== undefined) warned.add(bad);
  }
  const checked = opts.check === undefined ? undefined : checkJacobian(jt, columns, opts.check);
  if (opts.json) {
    const extra = checked === undefined ? [] : [['check', jsonObject(jt.outputs.map((u, i) => [u, checkJson(checked[i]!)] as const))] as const];
    ctx.stdout.write(`${jacobianJson(jt, extra)}\n`);
  } else {
    ctx.stdout.write(formatJacobian(jt, ctx.style, opts.digits));
    if (checked !== undefined) {
      jt.outputs.forEach((u, i) => ctx.stdout.write(formatCheck(checked[i]!, u, opts.check!, ctx.style, opts.digits)));
    }
  }
  const disagree = checked?.flatMap((entries, i) => entries.filter((e) => !e.ok).map((e) => `∂${jt.outputs[i]}/∂${e.name}`)) ?? [];
  if (disagree.length > 0) {
    if (opts.json) {
      complain(ctx, `--check: ${disagree.join(', ')} ${disagree.length === 1 ? 'disagrees' : 'disagree'} with the finite difference`);
    }
    return EXIT.failed;
  }
  const bad = opts.strict ? jacobianNonFinite(jt) : [];
  if (bad.length === 0) return EXIT.ok;
  if (warned.size === 0) complain(ctx, strictMessage(bad));
  return EXIT.failed;
}
