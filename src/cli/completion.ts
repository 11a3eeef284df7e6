// Shell completion scripts for bash, zsh and fish, generated from the command
// tables, so a new flag or command completes without touching this file.
import { FUNCTIONS } from '../ops/table.js';
import { SHELLS, type CliInfo, type Shell } from './commands.js';
import { describeOption, longFlag, type AnyOptionTable } from './options.js';

interface OptionInfo {
  readonly long: string | undefined;
  readonly short: string | undefined;
  readonly takesValue: boolean;
  readonly isFile: boolean;
  readonly description: string;
}

interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionInfo[];
}

function optionInfos(table: AnyOptionTable): OptionInfo[] {
  return Object.entries(table).map(([key, spec]) => ({
    long: longFlag(key, spec),
    short: spec.short === undefined ? undefined : `-${spec.short}`,
    takesValue: spec.value !== undefined,
    isFile: spec.file === true,
    description: describeOption(spec),
  }));
}

const HELP: OptionInfo = { long: '--help', short: '-h', takesValue: false, isFile: false, description: 'display help' };
const VERSION: OptionInfo = { long: '--version', short: '-V', takesValue: false, isFile: false, description: 'output the version number' };

function describeProgram(cli: CliInfo): { global: OptionInfo[]; commands: CommandInfo[] } {
  const global = [VERSION, ...optionInfos(cli.global), HELP];
  const commands = cli.commands.map((c) => ({
    name: c.name,
    description: c.description,
    options: [...optionInfos(c.options), HELP],
  }));
  return { global, commands };
}

const flagsOf = (opts: readonly OptionInfo[]): string[] =>
  opts.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));

const functionNames = (): string => [...FUNCTIONS.keys()].sort().join(' ');

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function bash(cli: CliInfo): string {
  const { global, commands } = describeProgram(cli);
  const all = [...global, ...commands.flatMap((c) => c.options)];
  const fileFlags = [...new Set(flagsOf(all.filter((o) => o.isFile)))];
  const valueFlags = [...new Set(flagsOf(all.filter((o) => o.takesValue && !o.isFile)))];
  const cases = commands
    .map((c) => `      ${c.name}) opts=${shellQuote(flagsOf(c.options).join(' '))} ;;`)
    .join('\n');
  return `# bash completion for autograd (generated: autograd completion bash)
_autograd() {
  local cur prev cmd w opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    ${fileFlags.join('|') || '--no-file-options'}) COMPREPLY=( $(compgen -f -- "$cur") ); return 0 ;;
    ${valueFlags.join('|') || '--no-value-options'}) COMPREPLY=(); return 0 ;;
  esac
  cmd=""
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in
      ${commands.map((c) => c.name).join('|')}) cmd="$w"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=( $(compgen -W ${shellQuote([...commands.map((c) => c.name), ...flagsOf(global)].join(' '))} -- "$cur") )
    return 0
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  elif [[ "$cmd" == completion ]]; then
    COMPREPLY=( $(compgen -W ${shellQuote(SHELLS.join(' '))} -- "$cur") )
  else
    COMPREPLY=( $(compgen -W ${shellQuote(functionNames())} -- "$cur") )
  fi
  return 0
}
complete -o default -F _autograd autograd
`;
}

function zshEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, `'\\''`).replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/:/g, '\\:');
}

function zshSpec(o: OptionInfo): string {
  const names = [o.long, o.short].filter((f): f is string => f !== undefined);
  const value = o.takesValue ? (o.isFile ? ':file:_files' : ':value: ') : '';
  const desc = zshEscape(o.description);
  if (names.length === 1) return `'${names[0]}[${desc}]${value}'`;
  return `'(${names.join(' ')})'{${names.join(',')}}'[${desc}]${value}'`;
}

function zsh(cli: CliInfo): string {
  const { global, commands } = describeProgram(cli);
  const cmdList = commands.map((c) => `    '${c.name}:${zshEscape(c.description)}'`).join('\n');
  const cases = commands.map((c) => {
    const specs = c.options.map(zshSpec).join(' \\\n            ');
    const arg = c.name === 'completion' ? `'1:shell:(${SHELLS.join(' ')})'` : `'*:expression:(${functionNames()})'`;
    return `        ${c.name})\n          _arguments ${specs} \\\n            ${arg} ;;`;
  }).join('\n');
  return `#compdef autograd
# zsh completion for autograd (generated: autograd completion zsh)
_autograd() {
  local -a commands
  commands=(
${cmdList}
  )
  local curcontext="$curcontext" state line
  _arguments -C ${global.map(zshSpec).join(' ')} '1: :->command' '*:: :->args'
  case $state in
    command) _describe 'command' commands ;;
    args)
      case $line[1] in
${cases}
      esac ;;
  esac
}
compdef _autograd autograd
`;
}

function fishEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function fishOption(o: OptionInfo, condition: string): string {
  let line = `complete -c autograd -n '${condition}'`;
  if (o.long) line += ` -l ${o.long.slice(2)}`;
  if (o.short) line += ` -s ${o.short.slice(1)}`;
  if (o.takesValue) line += o.isFile ? ' -r -F' : ' -r -f';
  return `${line} -d '${fishEscape(o.description)}'`;
}

function fish(cli: CliInfo): string {
  const { global, commands } = describeProgram(cli);
  const names = commands.map((c) => c.name).join(' ');
  const lines = ['# fish completion for autograd (generated: autograd completion fish)', 'complete -c autograd -f'];
  for (const c of commands) {
    lines.push(`complete -c autograd -n '__fish_use_subcommand' -a ${c.name} -d '${fishEscape(c.description)}'`);
  }
  for (const o of global) lines.push(fishOption(o, '__fish_use_subcommand'));
  for (const c of commands) {
    const cond = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) lines.push(fishOption(o, cond));
  }
  lines.push(`complete -c autograd -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`);
  lines.push(`complete -c autograd -n 'not __fish_use_subcommand; and not __fish_seen_subcommand_from completion ${names.includes('functions') ? 'functions' : ''}' -a '${functionNames()}'`);
  return `${lines.join('\n')}\n`;
}

/** The completion script for `shell`. */
export function completionScript(cli: CliInfo, shell: Shell): string {
  return shell === 'bash' ? bash(cli) : shell === 'zsh' ? zsh(cli) : fish(cli);
}
