// --help teaches: every command's help ends with examples that really run,
// completions load in bash, and the man page covers every option.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

const home = mkdtempSync(join(tmpdir(), 'autograd-help-'));
writeFileSync(join(home, 'autograd'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(home, 'autograd'), 0o755);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function shell(command: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PATH: `${home}:${process.env.PATH}` };
  return spawnSync('bash', ['-c', command], { cwd: home, env, encoding: 'utf8', timeout: 60_000 });
}

/** The `$ …` lines after `Examples:` in a help text. */
function examples(help: string): string[] {
  const at = help.indexOf('Examples:');
  if (at === -1) return [];
  return help.slice(at).split('\n').filter((l) => /^\s+\$ /.test(l)).map((l) => l.replace(/^\s+\$ /, ''));
}

const commandNames = createProgram(
  { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {} },
  () => undefined,
).commands.map((c) => c.name());

describe('help', () => {
  it('the top-level help has examples that run', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    const ex = examples(r.stdout);
    expect(ex.length).toBeGreaterThanOrEqual(3);
    for (const cmd of ex) expect(shell(cmd).status, cmd).toBe(0);
  });

  for (const name of commandNames) {
    it(`autograd ${name} --help ends with three or more examples that run`, () => {
      const r = runCli([name, '--help']);
      expect(r.code).toBe(0);
      const ex = examples(r.stdout);
      expect(ex.length, r.stdout).toBeGreaterThanOrEqual(3);
      for (const cmd of ex) {
        const run = shell(cmd);
        expect(run.status, `${cmd}\n${run.stderr}`).toBe(0);
      }
    });
  }

  it('autograd functions lists every callable function from the table', () => {
    const r = runCli(['functions']);
    expect(r.code).toBe(0);
    for (const f of ['sin', 'atan2(y, x)', 'log(x, base)', 'softplus', 'max', 'min', 'hypot', 'ln']) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain("abs'(0) = 0");
  });
});

describe('completion', () => {
  it('the bash script loads and registers the completion', () => {
    const r = shell('source <(autograd completion bash) && complete -p autograd');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('-F _autograd autograd');
  });

  it('bash completes commands, flags, function names and files', () => {
    const complete = (line: string): string[] => {
      const words = line.split(' ');
      const script = `source <(autograd completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _autograd; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = shell(script);
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter((s) => s !== '');
    };
    expect(complete('autograd ev')).toEqual(['eval']);
    expect(complete('autograd eval --ws')).toEqual([]);
    expect(complete('autograd eval --w')).toEqual(['--wrt']);
    expect(complete('autograd eval sigm')).toEqual(['sigmoid']);
    writeFileSync(join(home, 'prog.ag'), 'x^2\n');
    expect(complete('autograd eval -f pro')).toEqual(['prog.ag']);
    expect(complete('autograd completion z')).toEqual(['zsh']);
  });

  for (const [sh, check] of [['zsh', ['zsh', '-n']], ['fish', ['fish', '--no-execute']]] as const) {
    const available = spawnSync('sh', ['-c', `command -v ${sh}`]).status === 0;
    it.skipIf(!available)(`the ${sh} script is valid ${sh} syntax (runs where ${sh} is installed)`, () => {
      const script = runCli(['completion', sh]).stdout;
      const file = join(home, `completion.${sh}`);
      writeFileSync(file, script);
      const r = spawnSync(check[0], [...check.slice(1), file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('an unknown shell is a usage error', () => {
    const r = runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown shell 'tcsh'");
  });
});

describe('man page', () => {
  it('is generated at build time with every command and option', () => {
    const file = join(ROOT, 'man', 'autograd.1');
    expect(existsSync(file)).toBe(true);
    const man = readFileSync(file, 'utf8');
    expect(man.startsWith('.TH AUTOGRAD 1')).toBe(true);
    const program = createProgram(
      { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {} },
      () => undefined,
    );
    for (const c of program.commands) {
      expect(man).toContain(`.SS autograd ${c.name()}`);
      for (const o of c.options) expect(man).toContain(o.long!.replace(/-/g, '\\-'));
    }
    expect(man).toContain('.SH EXIT STATUS');
  });
});
