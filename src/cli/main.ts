// The commander program: options in, a typed options object to each command,
// an exit code out. Every error goes through cli/exit.ts.
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { quoteText, showLines, showText } from '../syntax/unshowable.js';
import { colorLevel, makeStyle } from './color.js';
import { CLI, COMPLETION, DIFF, EVAL, FIT, FUNCTIONS_COMMAND, helpAfter, languageNotes, OPTIMIZE, PLOT, SHELLS, type CommandInfo, type Shell } from './commands.js';
import { completionScript } from './completion.js';
import { warn, type CliContext, type OutStream } from './context.js';
import { runDiff } from './diff-command.js';
import { runEval } from './eval-command.js';
import { EXIT, reportError, type ExitCode } from './exit.js';
import { GLOBAL_OPTIONS } from './option-tables.js';
import { readOptions, toCommanderOption, type AnyOptionTable } from './options.js';
import { runOptimize } from './optimize-command.js';
import { runFit } from './fit-command.js';
import { runPlot } from './plot-command.js';

declare const __AUTOGRAD_VERSION__: string | undefined;
export const VERSION = typeof __AUTOGRAD_VERSION__ !== 'undefined' ? __AUTOGRAD_VERSION__ : '0.0.0-dev';

export interface ProcessIo {
  readonly stdout: OutStream & { readonly isTTY?: boolean };
  readonly stderr: OutStream & { readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** Shell-quotes a word for an example command line shown in a message. */
function shellWord(word: string): string {
  return /^[\w.,=+/:@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Refuses arguments beyond the command's one (commander would only say "too
 * many arguments"); after `--` an option is an argument, so say that.
 */
function checkArguments(info: CommandInfo, args: readonly string[], dashDash: boolean): void {
  const max = info.argument === undefined ? 0 : 1;
  if (args.length <= max) return;
  const extra = args.slice(max);
  const option = extra.find((a) => a.length > 1 && a.startsWith('-'));
  if (dashDash && option !== undefined) {
    const fixed = ['autograd', info.name, ...extra, '--', ...args.slice(0, max)].map(shellWord).join(' ');
    throw new UsageError(`options after -- are taken as arguments: put '${quoteText(option)}' before -- (${quoteText(fixed)})`);
  }
  const shown = args.map((a) => `'${quoteText(a)}'`).join(', ');
  if (max === 0) throw new UsageError(`autograd ${info.name} takes no arguments, got ${shown}`);
  const hint = info.argument?.name === '[expr]' ? '; quote a program that has spaces, as in "x + y"' : '';
  throw new UsageError(`too many arguments: autograd ${info.name} takes one, got ${args.length} (${shown})${hint}`);
}

function addOptions(cmd: Command, table: AnyOptionTable): void {
  for (const [key, spec] of Object.entries(table)) cmd.addOption(toCommanderOption(key, spec));
}

/**
 * The whole command line as one commander program, made from the command
 * tables (cli/commands.ts). Commands report their exit code through `setCode`;
 * `argv` (when given) tells whether `--` was used, for a clearer message.
 */
export function createProgram(io: ProcessIo, setCode: (code: ExitCode) => void, argv: readonly string[] = []): Command {
  const program = new Command(CLI.name);
  const dashDash = argv.includes('--');
  const ctxFor = (): CliContext => {
    const { color } = readOptions(GLOBAL_OPTIONS, program.opts(), () => undefined);
    return {
      stdout: io.stdout, stderr: io.stderr, env: io.env,
      // Read on use: creating process.stdin costs start-up time.
      get stdin() { return io.stdin; },
      style: makeStyle(colorLevel({ isTTY: io.stdout.isTTY === true, env: io.env, flag: color })),
      errStyle: makeStyle(colorLevel({ isTTY: io.stderr.isTTY === true, env: io.env, flag: color })),
    };
  };
  program
    .description(CLI.description)
    .version(VERSION, '-V, --version')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // commander echoes what the user typed: escape what would garble the terminal
      // (commander's `error: …` is one line: a line break inside it came from the user).
      writeErr: (s) => io.stderr.write(commanderError(s)),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', `${helpAfter(undefined, CLI.examples)}\n${CLI.notes}\n`);
  addOptions(program, CLI.global);

  const addCommand = <T>(info: CommandInfo<T>, run: (arg: string | undefined, opts: T) => ExitCode | Promise<ExitCode>): void => {
    const cmd = program.command(info.name).description(info.description).allowExcessArguments(true);
    if (info.argument !== undefined) cmd.argument(info.argument.name, info.argument.description);
    addOptions(cmd, info.options as unknown as AnyOptionTable);
    // Built only when help is shown: start-up never pays for it.
    cmd.addHelpText('after', () => helpAfter(info.notes?.(), info.examples));
    cmd.action(async () => {
      checkArguments(info as CommandInfo, cmd.args, dashDash);
      const opts = readOptions(info.options, cmd.opts(), (m) => warn(ctxFor(), m));
      setCode(await run(cmd.args[0], opts));
    });
  };
  addCommand(EVAL, (expr, opts) => runEval(expr, opts, ctxFor()));
  addCommand(DIFF, (expr, opts) => runDiff(expr, opts, ctxFor()));
  addCommand(OPTIMIZE, (expr, opts) => runOptimize(expr, opts, ctxFor(), io.stderr.isTTY === true));
  addCommand(FIT, (expr, opts) => runFit(expr, opts, ctxFor(), io.stderr.isTTY === true));
  addCommand(PLOT, (expr, opts) => {
    const out = io.stdout as { isTTY?: boolean; columns?: number; rows?: number };
    const terminal = out.isTTY === true && out.columns !== undefined && out.rows !== undefined
      ? { columns: out.columns, rows: Math.max(out.rows - 1, 8) } : undefined;
    return runPlot(expr, opts, ctxFor(), terminal);
  });
  addCommand(FUNCTIONS_COMMAND, () => {
    io.stdout.write(`${languageNotes()}\n`);
    return EXIT.ok;
  });
  addCommand(COMPLETION, (shell) => {
    if (shell === undefined || !(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError(`unknown shell '${quoteText(shell ?? '')}' (expected ${SHELLS.join(', ')})`);
    }
    io.stdout.write(completionScript(CLI, shell as Shell));
    return EXIT.ok;
  });

  for (const cmd of program.commands) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: ProcessIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = createProgram(io, (c) => {
    code = c;
  }, argv);
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
    const flag = (() => { try { return readOptions(GLOBAL_OPTIONS, program.opts(), () => undefined).color; } catch { return true; } })();
    return reportError(err, io.stderr, makeStyle(colorLevel({ isTTY: io.stderr.isTTY === true, env: io.env, flag })), io.env);
  }
  return code;
}

/**
 * Commander's own message, escaped as one line: its "(Did you mean …?)" line
 * joins the error line; any other line break (from user text) is escaped.
 */
export function commanderError(s: string): string {
  if (!s.startsWith('error:') || !s.endsWith('\n')) return showLines(s);
  const m = /^([^]*)\n\(Did you mean ([^\n]*)\?\)\n$/.exec(s);
  if (m !== null) return `${showText(m[1]!)} (did you mean ${showText(m[2]!)}?)\n`;
  return `${showText(s.slice(0, -1))}\n`;
}
