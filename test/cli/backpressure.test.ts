// Every streaming output (optimize --every, --dot -) waits for a slow reader
// instead of gathering its rows in memory, and ends at once, quietly, when the
// reader goes away (| head -1).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-backpressure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `autograd <args> | <reader>` under bash with pipefail: the status is the writer's unless the reader failed. */
function pipeline(args: readonly string[], reader: string, node: readonly string[] = []) {
  const quoted = [...node, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `set -o pipefail; "$0" ${quoted} | ${reader}; echo "status=$?" >&2`, process.execPath], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  if (r.error) throw r.error;
  return r;
}

const LONG = ['optimize', 'x^2', '--at', 'x=1', '--steps', '10000000', '--every', '1', '--lr', '1e-9'];

describe('optimize --every', () => {
  it('| head -1: one row, exit status 0, nothing on stderr (ten million steps are not taken)', () => {
    const r = pipeline(LONG, 'head -1');
    expect(r.stdout).toBe('step 0: f = 1 at x=1\n');
    expect(r.stderr).toBe('status=0\n');
  });

  it('--json | head -c: the start of the object, exit status 0', () => {
    const r = pipeline([...LONG, '--json'], 'head -c 40');
    expect(r.stdout).toBe('{"output":"f","before":1,"trajectory":[{');
    expect(r.stderr).toBe('status=0\n');
  });

  it('memory stays flat: a million rows through a 64 MB heap', () => {
    // Rows gathered in memory instead of written as the reader takes them need several times this heap.
    const r = pipeline(['optimize', 'x^2', '--at', 'x=1', '--steps', '1000000', '--every', '1', '--lr', '1e-9'],
      'tail -n 4', ['--max-old-space-size=64']);
    expect(r.stderr).toBe('status=0\n');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^step 1000000: f = 0\.99\d+ at x=0\.99\d+$/);
    expect(lines[1]).toMatch(/^before: f = 1$/);
  });

  it('a slow reader gets every row, in order', async () => {
    const child = spawn(process.execPath, [BIN, 'optimize', 'x^2', '--at', 'x=1', '--steps', '20000', '--every', '1', '--lr', '1e-6'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let text = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const stdout = child.stdout;
    stdout.setEncoding('utf8');
    // Read a little, pause, read again: the writer must wait, not drop or reorder.
    stdout.on('data', (d: string) => {
      text += d;
      stdout.pause();
      setTimeout(() => stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = text.split('\n').filter((l) => l.startsWith('step '));
    expect(rows.length).toBe(20001);
    rows.forEach((row, i) => expect(row.startsWith(`step ${i}: `)).toBe(true));
    expect(text).toMatch(/\nbefore: f = 1\nafter: {2}f = [\d.]+ \(20000 steps of gradient descent, lr [^)]+\)\npoint: {2}x=[\d.]+\n$/);
  });
});

describe('--dot -', () => {
  it('| head -1 on a large graph: the first line, exit status 0', () => {
    const file = join(dir, 'chain.txt');
    writeFileSync(file, ['s0 = x', ...Array.from({ length: 50_000 }, (_, i) => `s${i + 1} = s${i}*1.0000001`)].join('\n'));
    const r = pipeline(['eval', '-f', file, '--at', 'x=1', '--dot', '-'], 'head -1');
    expect(r.stdout).toBe('digraph "autograd" {\n');
    expect(r.stderr).toBe('status=0\n');
  });
});
