// `autograd diff`: the symbolic derivative of the output, one program per
// variable, printed in the language itself so it can be fed back to eval.
import { chooseOutputs } from '../calculus/jacobian.js';
import { symbolicJacobian } from '../calculus/symbolic-gradient.js';
import { build, freeVariables } from '../graph/build.js';
import { chooseTargets } from '../graph/targets.js';
import { formatProgram, printExpression, printExpressions } from '../render/expression.js';
import { jsonObject } from '../render/result.js';
import { warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { loadProgram } from './load-program.js';
import type { DiffOptions } from './option-tables.js';

/**
 * The statement name of each derivative: `d<output>_d<target>` (`df_dx`),
 * with `_` appended until it is none of `used` (the program's variables and
 * the names given so far, to which it is added).
 */
function derivativeNames(output: string, targets: readonly string[], used: Set<string>): string[] {
  return targets.map((t) => {
    let name = `d${output}_d${t}`;
    while (used.has(name)) name += '_';
    used.add(name);
    return name;
  });
}

export async function runDiff(expr: string | undefined, opts: DiffOptions, ctx: CliContext): Promise<ExitCode> {
  const { wrt } = opts;
  const { program } = await loadProgram(expr, opts.file, ctx);
  // No point is needed: every variable gets NaN, and only constants are folded.
  // A constant's name in --wrt (`e`, `pi`) makes it a variable, as --at does for eval.
  const free = freeVariables(program, new Set(wrt ?? []));
  const built = build(program, new Map(free.map((name) => [name, NaN])));
  const targets = chooseTargets(built, { wrt, all: opts.all });
  if (targets.length === 0) warn(ctx, 'the program has no variables: there is nothing to differentiate');
  const { of } = opts;
  const outputs = of === undefined ? [[built.outputName, built.output] as const] : chooseOutputs(built, of);
  const { graph, rows } = symbolicJacobian(built, outputs.map(([, v]) => v), targets);
  if (opts.program) {
    const used = new Set(built.variables.keys());
    const names = outputs.flatMap(([u], i) => derivativeNames(u, rows[i]!.map(([name]) => name), used));
    const { steps, results } = printExpressions(graph.nodes, rows.flatMap((row) => row.map(([, v]) => v)), { reserved: new Set(names) });
    const statements = [...steps, ...names.map((name, i) => [name, results[i]!] as const)];
    ctx.stdout.write(statements.map(([name, text]) => `${name} = ${text}\n`).join(''));
    return EXIT.ok;
  }
  const printed = rows.map((row) => row.map(([name, v]) => [name, printExpression(graph.nodes, v)] as const));
  if (opts.json) {
    const programs = (i: number): string =>
      jsonObject(printed[i]!.map(([name, p]) => [name, JSON.stringify(formatProgram(p, '; '))] as const));
    const json = of === undefined
      ? jsonObject([['output', JSON.stringify(built.outputName)], ['gradient', programs(0)]])
      : jsonObject([['outputs', `[${of.map((u) => JSON.stringify(u)).join(',')}]`],
        ['jacobian', jsonObject(of.map((u, i) => [u, programs(i)] as const))]]);
    ctx.stdout.write(`${json}\n`);
  } else {
    // A program for eval to read is data: never colored, whatever FORCE_COLOR says.
    const blocks = outputs.flatMap(([u], i) => printed[i]!.map(([name, p]) => `# ∂${u}/∂${name}\n${formatProgram(p)}\n`));
    ctx.stdout.write(blocks.join('\n'));
  }
  return EXIT.ok;
}
