// The README cannot go stale: every fenced block whose first line is a `$ `
// command and that runs autograd somewhere is executed, command by command, in
// one scratch folder (so a block may create a file and a later command read
// it). What each command prints (stdout and stderr, in the order a terminal
// shows them) must match the lines shown under it. A last shown line of `…`
// means the output goes on (the lines above must be its beginning); a
// following `$ echo $?` line states the command's exit code.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

interface Example {
  readonly command: string;
  readonly expected: string;
  readonly line: number;
  exit?: number;
}

/** Splits README fences into (command, shown output) pairs. */
export function readmeExamples(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('```')) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (!(body[0] ?? '').startsWith('$ ')) continue;
    if (!body.some((l) => l.startsWith('$ ') && /\bautograd\b/.test(l))) continue;
    let cmd: { text: string; line: number; output: string[] } | undefined;
    for (let k = 0; k < body.length; k++) {
      const l = body[k]!;
      if (l === '$ echo $?' && cmd) {
        const prev: Example = { command: cmd.text, expected: cmd.output.join('\n'), line: cmd.line };
        out.push(prev);
        cmd = undefined;
        prev.exit = Number(body[++k]);
        continue;
      }
      if (l.startsWith('$ ')) {
        if (cmd) out.push({ command: cmd.text, expected: cmd.output.join('\n'), line: cmd.line });
        cmd = { text: l.slice(2), line: start + k + 2, output: [] };
      } else cmd?.output.push(l);
    }
    if (cmd) out.push({ command: cmd.text, expected: cmd.output.join('\n'), line: cmd.line });
  }
  return out;
}

const scratch = mkdtempSync(join(tmpdir(), 'autograd-readme-'));
const shimDir = join(scratch, '.bin');
const work = join(scratch, 'work');
mkdirSync(shimDir);
mkdirSync(work);
writeFileSync(join(shimDir, 'autograd'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(shimDir, 'autograd'), 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'));

/** Tools some recipes use besides autograd; a recipe whose tool is missing is skipped, and says so. */
const TOOLS = ['jq', 'parallel', 'make'];
const missing = (command: string): string[] =>
  TOOLS.filter((t) => new RegExp(`(^|[|;&({] *)${t}\\b`).test(command) && spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

describe('README examples', () => {
  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });
  for (const ex of examples) {
    const absent = missing(ex.command);
    const title = `README.md:${ex.line}: ${ex.command}${absent.length ? ` (skipped: ${absent.join(', ')} not installed)` : ''}`;
    it.skipIf(absent.length > 0)(title, () => {
      const command = ex.command.replace(/^npx autograd /, 'autograd ');
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shimDir}:${process.env.PATH}` };
      delete env.FORCE_COLOR;
      delete env.NO_COLOR;
      // stderr joins stdout in one pipe, so lines keep the order a terminal shows.
      const r = spawnSync('sh', ['-c', `{ ${command}\n} 2>&1`], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
      const shown = r.stdout.replace(/\n$/, '');
      const expected = ex.expected.replace(/\n$/, '');
      if (expected.endsWith('\n…')) expect(shown.startsWith(expected.slice(0, -1))).toBe(true);
      else expect(shown).toBe(expected);
      if (ex.exit !== undefined) expect(r.status).toBe(ex.exit);
    });
  }
});
