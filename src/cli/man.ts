// The man page (man/autograd.1), generated from the same command tables as
// --help, plus the op table and the exit table, so none of them can drift.
import type { AnyCommandInfo, CliInfo } from './commands.js';
import { EXIT } from './exit.js';
import { functionList, operatorList } from './help.js';
import { describeOption, longFlag, type AnyOptionTable } from './options.js';

/** Escapes text for roff: backslashes, leading dots and quotes, and dashes. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join('\n');
}

const EXIT_MEANING: Record<keyof typeof EXIT, string> = {
  ok: 'success; also when the reader of the output went away (a closed pipe)',
  failed: 'a --check disagreement, or a NaN or infinite result under --strict',
  usage: 'a usage, parse, name or input error; nothing is written to standard output',
  internal: 'an internal error (a bug: please report it)',
  interrupted: 'interrupted by SIGINT (Ctrl-C); no half-written output file is left behind',
  terminated: 'terminated by SIGTERM; no half-written output file is left behind',
};

/** The man page entries of a table's options: flags in bold, then the description. */
function optionEntries(table: AnyOptionTable): string[] {
  return Object.entries(table).flatMap(([key, spec]) => {
    const flags = `${spec.short === undefined ? '' : `-${spec.short}, `}${longFlag(key, spec)}${spec.value === undefined ? '' : ` <${spec.value}>`}`;
    return ['.TP', `.B ${roff(flags)}`, roff(describeOption(spec))];
  });
}

const usageOf = (c: AnyCommandInfo): string => `[options]${c.argument === undefined ? '' : ` ${c.argument.name}`}`;

export function manPage(cli: CliInfo, version: string): string {
  const out: string[] = [];
  out.push(`.TH AUTOGRAD 1 "" "autograd ${roff(version)}" "User Commands"`);
  out.push('.SH NAME', `autograd \\- ${roff(cli.description)}`);
  out.push('.SH SYNOPSIS');
  for (const c of cli.commands) out.push(`.B autograd ${roff(c.name)}`, roff(usageOf(c)), '.br');
  out.push('.SH DESCRIPTION', roff(cli.description),
    '.PP', 'A program is one expression or statements separated by ; or newlines; name = expr names a node; # starts a comment. The last statement is the output.');
  out.push('.SH GLOBAL OPTIONS');
  out.push('.TP', '.B \\-V, \\-\\-version', 'output the version number');
  out.push(...optionEntries(cli.global));
  out.push('.TP', '.B \\-h, \\-\\-help', 'display help');
  out.push('.SH COMMANDS');
  for (const c of cli.commands) {
    out.push(`.SS autograd ${roff(c.name)} ${roff(usageOf(c))}`, roff(c.description));
    out.push(...optionEntries(c.options));
    const ex = c.examples;
    if (ex.length > 0) {
      out.push('.PP', 'Examples:', '.RS', '.nf');
      for (const e of ex) out.push(roff(e));
      out.push('.fi', '.RE');
    }
  }
  out.push('.SH OPERATORS', '.nf', roff(operatorList()), '.fi');
  out.push('.SH FUNCTIONS', '.nf', roff(functionList()), '.fi');
  out.push('.SH EXIT STATUS');
  for (const key of Object.keys(EXIT) as Array<keyof typeof EXIT>) out.push('.TP', `.B ${EXIT[key]}`, roff(EXIT_MEANING[key]));
  out.push('.SH ENVIRONMENT',
    '.TP', '.B NO_COLOR', 'when set and not empty, never color the output',
    '.TP', '.B FORCE_COLOR', 'color even when the output is not a terminal (0 turns color off); wins over NO_COLOR',
    '.TP', '.B AUTOGRAD_DEBUG', 'when set, an internal error also prints its stack trace');
  out.push('.SH SEE ALSO', 'The README of the package, and autograd functions.');
  return `${out.join('\n')}\n`;
}
