// The option tables are the one source of every flag: --help, the completion
// scripts and the man page list exactly the table's flags, no more, no less.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../src/cli/commands.js';
import { completionScript } from '../../src/cli/completion.js';
import { manPage } from '../../src/cli/man.js';
import { flagsOf } from '../../src/cli/options.js';
import { ROOT, runCli } from '../helpers/cli.js';

const HELP_FLAGS = ['--help', '-h'];

/** Every flag of a table. */
function flagsOfTable(table: (typeof CLI)['global']): string[] {
  return Object.entries(table).flatMap(([key, spec]) => flagsOf(key, spec)).sort();
}

/** Every flag of a table, plus --help (commander adds it to every command). */
function tableFlags(table: (typeof CLI)['global']): string[] {
  return [...flagsOfTable(table), ...HELP_FLAGS].sort();
}

/** The flags at the start of the option lines of a --help text. */
function helpFlags(help: string): string[] {
  const lines = help.slice(help.indexOf('Options:')).split('\n');
  const flags: string[] = [];
  for (const line of lines.slice(1, lines.indexOf(''))) {
    const m = /^ {2}((?:-\w, )?--[\w-]+)/.exec(line);
    if (m?.[1] !== undefined) flags.push(...m[1].split(', '));
  }
  return flags.sort();
}

/** The flags of one `.SS autograd <command>` section of the man page. */
function manFlags(man: string, name: string): string[] {
  const start = man.indexOf(`.SS autograd ${name} `);
  const rest = man.slice(start + 1);
  const section = rest.slice(0, rest.search(/\n\.S[SH] /) >>> 0);
  const flags: string[] = [];
  for (const m of section.matchAll(/^\.B ((?:\\-\w, )?\\-\\-[\w\\-]+)/gm)) {
    flags.push(...(m[1] ?? '').replace(/\\-/g, '-').split(', '));
  }
  return flags.sort();
}

describe('one option table per command', () => {
  for (const command of CLI.commands) {
    const expected = tableFlags(command.options);
    it(`autograd ${command.name}: --help lists exactly the table's flags`, () => {
      const r = runCli([command.name, '--help']);
      expect(r.code).toBe(0);
      expect(helpFlags(r.stdout)).toEqual(expected);
    });

    it(`autograd ${command.name}: bash, zsh and fish completions list exactly the table's flags`, () => {
      const bash = completionScript(CLI, 'bash');
      const line = new RegExp(`^ {6}${command.name}\\) opts='([^']*)'`, 'm').exec(bash);
      expect((line?.[1] ?? '').split(' ').filter((f) => f !== '').sort()).toEqual(expected);
      const fish = completionScript(CLI, 'fish').split('\n').filter((l) => l.includes(`__fish_seen_subcommand_from ${command.name}'`));
      const fishFlags = fish.flatMap((l) => [...l.matchAll(/ -l ([\w-]+)| -s (\w)/g)].map((m) => (m[1] !== undefined ? `--${m[1]}` : `-${m[2]}`)));
      expect(fishFlags.sort()).toEqual(expected);
      const zsh = completionScript(CLI, 'zsh');
      const zshCase = zsh.slice(zsh.indexOf(`        ${command.name})\n`)).split(';;')[0] ?? '';
      const zshFlags = [...zshCase.matchAll(/'(?:\([^)]*\))?\{?((?:--?[\w-]+,?)+)\}?'?\[/g)].flatMap((m) => (m[1] ?? '').split(','));
      expect([...new Set(zshFlags)].sort()).toEqual(expected);
    });

    it(`autograd ${command.name}: the man page lists exactly the table's flags`, () => {
      // The man page says once, among the global options, that every command takes --help.
      expect(manFlags(manPage(CLI, 'test'), command.name)).toEqual(flagsOfTable(command.options));
      expect(manFlags(readFileSync(join(ROOT, 'man', 'autograd.1'), 'utf8'), command.name)).toEqual(flagsOfTable(command.options));
    });
  }

  it('the global options: the table, --version and --help, in help and completions', () => {
    const expected = [...tableFlags(CLI.global), '--version', '-V'].sort();
    expect(helpFlags(runCli(['--help']).stdout)).toEqual(expected);
    const bash = completionScript(CLI, 'bash');
    const top = /compgen -W '([^']*)' -- "\$cur"\) \)\n {4}return 0/.exec(bash)?.[1] ?? '';
    expect(top.split(' ').filter((w) => w.startsWith('-')).sort()).toEqual(expected);
  });

  it('a file option completes with file names, from the table', () => {
    const bash = completionScript(CLI, 'bash');
    const fileCase = /case "\$prev" in\n\s+([^)]*)\) COMPREPLY=\( \$\(compgen -f/.exec(bash)?.[1] ?? '';
    const fileFlags = CLI.commands.flatMap((c) => Object.entries(c.options).filter(([, s]) => s.file === true).flatMap(([k, s]) => flagsOf(k, s)));
    expect(fileCase.split('|').sort()).toEqual([...new Set(fileFlags)].sort());
  });
});
