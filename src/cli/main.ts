// The commander program: options in, a typed options object to each command,
// an exit code out. Every error goes through cli/exit.ts.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { colorLevel, makeStyle } from './color.js';
import type { CliContext, OutStream } from './context.js';
import { runDiff, type DiffOptions } from './diff-command.js';
import { runEval, type EvalOptions } from './eval-command.js';
import { EXIT, reportError, type ExitCode } from './exit.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import { functionList, operatorList } from './help.js';
import { quoteText, showLines, showText } from '../syntax/unshowable.js';
import { runOptimize, type OptimizeCliOptions } from './optimize-command.js';
import { MAX_PICTURE_NODES } from '../render/picture.js';

declare const __AUTOGRAD_VERSION__: string | undefined;
export const VERSION = typeof __AUTOGRAD_VERSION__ !== 'undefined' ? __AUTOGRAD_VERSION__ : '0.0.0-dev';

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
  $ autograd eval "log(1+x^2)/x" --at x=0.3 --check
  $ printf 'x,y\\n-1,3\\n0.5,2\\n' | autograd eval "sigmoid(a*x+b*y+c)" --at a=1,b=2,c=-3 --points -`;

const MORE_EXAMPLES = `
  $ autograd diff "x^3*sin(x)" --wrt x
  $ autograd optimize "(x-3)^2" --at x=0 --lr 0.1 --steps 100`;

const DIFF_HELP = `
Each derivative is printed as its own program, headed by a comment line
'# ∂f/∂x'; a subexpression used more than once becomes a step 't1 = …'.
With --program, all of them are one program whose statements df_dx, df_dy, …
are the derivatives (its output, the last statement, is the last derivative).

Examples:
  $ autograd diff "(sin(x2)+1)/(x2+exp(x1))+x1*x2"
  $ autograd eval "$(autograd diff "x^3*sin(x)" --wrt x)" --at x=2
  $ autograd diff "sigmoid(a*x+b*y+c)" --json
  $ autograd diff "x*y + sin(x)" --program`;

const OPTIMIZE_HELP = `
Each step moves every variable (or each --wrt variable) by -lr times its
partial derivative (+lr with --maximize). A step that would give NaN or an
infinite value is not taken: the run stops at the last finite point.

Examples:
  $ autograd optimize "sigmoid(a*x+b*y+c)" --at a=1,b=2,c=-3,x=-1,y=3 --maximize
  $ autograd optimize "(1-x)^2 + 100*(y-x^2)^2" --at x=-1.2,y=1 --lr 0.001 --steps 20000
  $ autograd optimize "(x-3)^2" --at x=0 --lr 0.1 --steps 1000 --tol 1e-12 --json`;

/**
 * The whole command line as one commander program. Commands report their exit
 * code through `setCode`. Help, completions and the man page all read it.
 */
export function createProgram(io: ProcessIo, setCode: (code: ExitCode) => void): Command {
  const program = new Command('autograd');
  const ctxFor = (): CliContext => {
    const flag = program.opts<{ color: boolean }>().color;
    return {
      stdout: io.stdout, stderr: io.stderr, env: io.env,
      // Read on use: creating process.stdin costs start-up time.
      get stdin() { return io.stdin; },
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
      // commander echoes what the user typed: escape what would garble the terminal
      // (commander's `error: …` is one line: a line break inside it came from the user).
      writeErr: (s) => io.stderr.write(s.startsWith('error:') && s.endsWith('\n') ? `${showText(s.slice(0, -1))}\n` : showLines(s)),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', `${EVAL_EXAMPLES}${MORE_EXAMPLES}\n\nRun 'autograd functions' for the functions and their derivatives.\n`);

  program
    .command('eval')
    .description('evaluate a program and its gradient with respect to every variable')
    .argument('[expr]', "the program; '-' reads it from stdin")
    .addOption(new Option('--at <name=value,...>', 'variable values (repeatable)').argParser(collect).default([], 'none'))
    .option('-f, --file <path>', 'read the program from a file')
    .option('--wrt <names>', 'only these gradients: variables or named nodes, comma-separated')
    .option('--all', 'also the gradient of every named intermediate node')
    .option('--json', 'one JSON object (full precision) instead of text')
    .option('--precision <digits>', 'significant digits in text output (JSON is always full precision)')
    .option('--strict', 'exit 1 when the value or a gradient is NaN or infinite')
    .option('--dot <file>', 'draw the graph: .dot/.gv DOT text, .svg, .png, .html (a live page), or - for DOT on stdout')
    .option('--force', `with --dot: render an SVG or PNG even of a graph over ${MAX_PICTURE_NODES} value nodes`)
    .option('--trace', 'print the backward pass step by step (the chain rule at every node)')
    .option('--check', 'compare each gradient with a central finite difference; exit 1 if any disagrees')
    .option('--tolerance <rel>', 'with --check: largest relative error accepted (default 1e-6)')
    .option('--points <file|->', 'batch mode: one result per row of a CSV (header of names) or JSON Lines input')
    .option('--hessian', 'also the matrix of exact second derivatives')
    // Built only when help is shown: start-up never pays for it.
    .addHelpText('after', () => `\nOperators, lowest precedence first:\n${operatorList()}\n\nFunctions:\n${functionList()}\n${EVAL_EXAMPLES}\n`)
    .action(async (expr: string | undefined, opts: EvalOptions) => {
      setCode(await runEval(expr, opts, ctxFor()));
    });

  program
    .command('diff')
    .description('print the derivative of the output for each variable, as programs eval can read')
    .argument('[expr]', "the program; '-' reads it from stdin")
    .option('-f, --file <path>', 'read the program from a file')
    .option('--wrt <names>', 'only these derivatives: variables or named nodes, comma-separated')
    .option('--all', 'also the derivative for every named intermediate node')
    .option('--json', 'one JSON object: {"output":…,"gradient":{"x":"<program>",…}}')
    .option('--program', 'one program instead: each derivative a named statement (df_dx = …)')
    .addHelpText('after', DIFF_HELP)
    .action(async (expr: string | undefined, opts: DiffOptions) => {
      setCode(await runDiff(expr, opts, ctxFor()));
    });

  program
    .command('optimize')
    .description('gradient descent (or ascent) from --at; prints the value before and after and the final point')
    .argument('[expr]', "the program; '-' reads it from stdin")
    .addOption(new Option('--at <name=value,...>', 'the starting point (repeatable)').argParser(collect).default([], 'none'))
    .option('-f, --file <path>', 'read the program from a file')
    .option('--lr <rate>', 'learning rate', '0.01')
    .option('--steps <n>', 'most steps to take', '1')
    .option('--maximize', 'gradient ascent instead of descent')
    .option('--tol <t>', 'stop early when every |gradient| or every |step| component is at most t')
    .option('--every <n>', 'also report the point every n steps (a trajectory)')
    .option('--wrt <names>', 'move only these variables (default: all)')
    .option('--json', 'one JSON object (with "trajectory" rows when --every is given)')
    .option('--strict', 'exit 1 when the run stops on a NaN or infinite value')
    .addHelpText('after', OPTIMIZE_HELP)
    .action(async (expr: string | undefined, opts: OptimizeCliOptions) => {
      setCode(await runOptimize(expr, opts, ctxFor(), io.stderr.isTTY === true));
    });

  program
    .command('functions')
    .description('list every function with its derivative and kink convention')
    .addHelpText('after', `
Examples:
  $ autograd functions
  $ autograd functions | grep softplus
  $ autograd functions | grep kinks
`)
    .action(() => {
      io.stdout.write(`Operators, lowest precedence first:\n${operatorList()}\n\nFunctions:\n${functionList()}\n`);
    });

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', SHELLS.join(', '))
    .addHelpText('after', `
Examples:
  $ source <(autograd completion bash)
  $ autograd completion zsh > ~/_autograd
  $ autograd completion fish > ~/autograd.fish
`)
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`unknown shell '${quoteText(shell)}' (expected ${SHELLS.join(', ')})`);
      }
      io.stdout.write(completionScript(program, shell as Shell));
    });

  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: ProcessIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = createProgram(io, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    // No command: the help goes to stderr and the exit says "usage", like git or jq.
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
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
