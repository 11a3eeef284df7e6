// The man page (man/autograd.1), generated from the same commander program as
// --help, plus the op table and the exit table, so none of them can drift.
import type { Command } from 'commander';
import { EXIT } from './exit.js';
import { functionList, operatorList } from './help.js';

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

/** Lines after an `Examples:` heading in a command's help text. */
function examplesOf(cmd: Command): string[] {
  const help = cmd.helpInformation() + collectAfterHelp(cmd);
  const at = help.indexOf('Examples:');
  if (at === -1) return [];
  const out: string[] = [];
  for (const line of help.slice(at).split('\n').slice(1)) {
    const m = /^\s+\$ (.*)$/.exec(line);
    if (m) out.push(m[1]!);
    else if (line.trim() !== '' && out.length > 0) break;
  }
  return out;
}

/** Text added with addHelpText('after'), which helpInformation() leaves out. */
function collectAfterHelp(cmd: Command): string {
  let text = '';
  const sink = { writeOut: (s: string) => { text += s; }, writeErr: () => undefined };
  const saved = cmd.configureOutput();
  cmd.configureOutput({ ...saved, ...sink });
  try {
    cmd.outputHelp();
  } finally {
    cmd.configureOutput(saved);
  }
  return text;
}

export function manPage(program: Command, version: string): string {
  const out: string[] = [];
  out.push(`.TH AUTOGRAD 1 "" "autograd ${roff(version)}" "User Commands"`);
  out.push('.SH NAME', `autograd \\- ${roff(program.description())}`);
  out.push('.SH SYNOPSIS');
  for (const c of program.commands) out.push(`.B autograd ${roff(c.name())}`, roff(c.usage()), '.br');
  out.push('.SH DESCRIPTION', roff(program.description()),
    '.PP', 'A program is one expression or statements separated by ; or newlines; name = expr names a node; # starts a comment. The last statement is the output.');
  out.push('.SH GLOBAL OPTIONS');
  for (const o of program.options) out.push('.TP', `.B ${roff(o.flags)}`, roff(o.description));
  out.push('.TP', '.B \\-h, \\-\\-help', 'display help');
  out.push('.SH COMMANDS');
  for (const c of program.commands) {
    out.push(`.SS autograd ${roff(c.name())} ${roff(c.usage())}`, roff(c.description()));
    for (const o of c.options) out.push('.TP', `.B ${roff(o.flags)}`, roff(o.description));
    const ex = examplesOf(c);
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
