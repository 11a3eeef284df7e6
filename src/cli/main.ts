// The commander program: options in, a typed options object to each command,
// an exit code out. Every error goes through cli/exit.ts.
import { Command, CommanderError, Option } from 'commander';
import { colorLevel, makeStyle } from './color.js';
import type { CliContext, OutStream } from './context.js';
import { runEval, type EvalOptions } from './eval-command.js';
import { EXIT, reportError, type ExitCode } from './exit.js';
import { functionList, operatorList } from './help.js';
import { MAX_PICTURE_NODES } from '../render/picture.js';

declare const __AUTOGRAD_VERSION__: string | undefined;
const VERSION = typeof __AUTOGRAD_VERSION__ !== 'undefined' ? __AUTOGRAD_VERSION__ : '0.0.0-dev';

export interface ProcessIo {
  readonly stdout: OutStream & { readonly isTTY?: boolean };
  readonly stderr: OutStream & { readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const EVAL_EXAMPLES = `
Examples:
  $ autograd eval "(sin(x2)+1)/(x2+exp(x1))+x1*x2" --at x1=1.5,x2=0.5
  $ autograd eval "e = a*b; d = e + c; L = d*f" --at a=2,b=-3,c=10,f=-2 --all
  $ autograd eval "sigmoid(a*x+b*y+c)" --at a=1,b=2,c=-3,x=-1,y=3 --json
  $ autograd eval --at x=2 -- "-x^2"
  $ autograd eval "e = a*b; d = e + c; L = d*f" --at a=2,b=-3,c=10,f=-2 --dot graph.png --trace
  $ autograd eval "log(1+x^2)/x" --at x=0.3 --check`;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: ProcessIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('autograd');
  const ctxFor = (): CliContext => {
    const flag = program.opts<{ color: boolean }>().color;
    return {
      stdout: io.stdout, stderr: io.stderr, stdin: io.stdin, env: io.env,
      style: makeStyle(colorLevel({ isTTY: io.stdout.isTTY === true, env: io.env, flag })),
      errStyle: makeStyle(colorLevel({ isTTY: io.stderr.isTTY === true, env: io.env, flag })),
    };
  };
  program
    .description('Exact gradients of math expressions by reverse-mode backpropagation.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'never color the output (NO_COLOR and FORCE_COLOR are honoured too)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', `${EVAL_EXAMPLES}\n\nRun 'autograd functions' for the functions and their derivatives.\n`);

  program
    .command('eval')
    .description('evaluate a program and its gradient with respect to every variable')
    .argument('[expr]', "the program; '-' reads it from stdin")
    .addOption(new Option('--at <name=value,...>', 'variable values (repeatable)').argParser(collect).default([]))
    .option('-f, --file <path>', 'read the program from a file')
    .option('--wrt <names>', 'only these gradients: variables or named nodes, comma-separated')
    .option('--all', 'also the gradient of every named intermediate node')
    .option('--json', 'one JSON object (full precision) instead of text')
    .option('--precision <digits>', 'significant digits in text output (JSON is always full precision)')
    .option('--strict', 'exit 1 when the value or a gradient is NaN or infinite')
    .option('--dot <file>', 'draw the graph: .dot/.gv DOT text, .svg, .png, or - for DOT on stdout')
    .option('--force', `with --dot: render an SVG or PNG even of a graph over ${MAX_PICTURE_NODES} value nodes`)
    .option('--trace', 'print the backward pass step by step (the chain rule at every node)')
    .option('--check', 'compare each gradient with a central finite difference; exit 1 if any disagrees')
    .option('--tolerance <rel>', 'with --check: largest relative error accepted (default 1e-6)')
    .addHelpText('after', `\nOperators, lowest precedence first:\n${operatorList()}\n\nFunctions:\n${functionList()}\n${EVAL_EXAMPLES}\n`)
    .action(async (expr: string | undefined, opts: EvalOptions) => {
      code = await runEval(expr, opts, ctxFor());
    });

  program
    .command('functions')
    .description('list every function with its derivative and kink convention')
    .action(() => {
      io.stdout.write(`Operators, lowest precedence first:\n${operatorList()}\n\nFunctions:\n${functionList()}\n`);
    });

  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      return EXIT.usage;
    }
    const flag = (() => { try { return program.opts<{ color: boolean }>().color; } catch { return true; } })();
    return reportError(err, io.stderr, makeStyle(colorLevel({ isTTY: io.stderr.isTTY === true, env: io.env, flag })), io.env);
  }
  return code;
}
