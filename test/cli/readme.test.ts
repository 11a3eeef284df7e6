// The README and the docs/ pages cannot go stale: every fenced block whose
// first line is a `$ ` command and that runs autograd somewhere is executed,
// command by command, exactly as typed (with `npx autograd`, the command the
// README tells users to run), in one scratch folder per page inside the
// checkout, where npx finds the checkout's own bin (so a block may create a
// file and a later command read it). What each command prints (stdout and
// stderr, in the order a terminal shows them) must match the lines shown under
// it. A last shown line of `…` means the output goes on (the lines above must
// be its beginning); a following `$ echo $?` line states the command's exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { DOC_PAGES } from '../helpers/docs.js';

interface Example {
  readonly command: string;
  readonly expected: string;
  readonly line: number;
  exit?: number;
}

/** Splits a page's fences into (command, shown output) pairs. */
function readmeExamples(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A fence may be indented (inside a list item); its lines lose that indentation.
    const indent = /^( *)```/.exec(lines[i]!)?.[1];
    if (indent === undefined) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith(`${indent}\`\`\``); i++) body.push(lines[i]!.slice(indent.length));
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

const scratch = mkdtempSync(join(ROOT, 'test', '.readme-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pages = DOC_PAGES.map((page) => ({ page, examples: readmeExamples(readFileSync(join(ROOT, page), 'utf8')) }));

/** Tools some recipes use besides autograd; a recipe whose tool is missing is skipped, and says so. */
const TOOLS = ['jq', 'parallel', 'make'];
const missing = (command: string): string[] =>
  TOOLS.filter((t) => new RegExp(`(^|[|;&({] *)${t}\\b`).test(command) && spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

/** A word `autograd` used as a command without `npx` before it (names such as `autograd.fish` do not count). */
const BARE = /(?<![\w/.-])(?<!npx )autograd(?= |$)/;

describe('README and docs examples', () => {
  it('has examples to check', () => {
    expect(pages.reduce((n, p) => n + p.examples.length, 0)).toBeGreaterThanOrEqual(20);
    expect(pages.find((p) => p.page === 'README.md')!.examples.length).toBeGreaterThanOrEqual(5);
  });
  it('every example runs autograd the way the README says to (npx autograd)', () => {
    const bare = pages.flatMap((p) => p.examples.filter((ex) => BARE.test(ex.command)).map((ex) => `${p.page}:${ex.line}: ${ex.command}`));
    expect(bare).toEqual([]);
  });
  for (const { page, examples } of pages) {
    const work = mkdtempSync(join(scratch, page.replace(/\W/g, '_') + '-'));
    for (const ex of examples) {
      const absent = missing(ex.command);
      const title = `${page}:${ex.line}: ${ex.command}${absent.length ? ` (skipped: ${absent.join(', ')} not installed)` : ''}`;
      it.skipIf(absent.length > 0)(title, () => {
        const env: NodeJS.ProcessEnv = { ...process.env };
        delete env.FORCE_COLOR;
        delete env.NO_COLOR;
        // stderr joins stdout in one pipe, so lines keep the order a terminal shows.
        const r = spawnSync('sh', ['-c', `{ ${ex.command}\n} 2>&1`], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
        const shown = r.stdout.replace(/\n$/, '');
        const expected = ex.expected.replace(/\n$/, '');
        if (expected.endsWith('\n…')) expect(shown.startsWith(expected.slice(0, -1))).toBe(true);
        else expect(shown).toBe(expected);
        if (ex.exit !== undefined) expect(r.status).toBe(ex.exit);
      });
    }
  }
});
