// Issue 6: SIGINT during a long --dot write ends with 130 and leaves neither
// the target nor the temporary file behind. The signal is sent once the
// temporary file is on disk (polled, no timing assumptions), through the built binary.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN, hasStackFrame } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the temporary file was seen and the signal sent while it existed. */
  readonly signalled: boolean;
}

/** Runs `args`, sends SIGINT as soon as a `.*.tmp` file appears in `folder`. */
function interruptDuringWrite(args: readonly string[], folder: string): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let signalled = false;
    const poll = setInterval(() => {
      if (signalled) return;
      if (readdirSync(folder).some((n) => n.startsWith('.') && n.endsWith('.tmp'))) {
        signalled = true;
        child.kill('SIGINT');
      }
    }, 2);
    child.on('error', (e) => { clearInterval(poll); reject(e); });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, signalled });
    });
  });
}

it('SIGINT while --dot big.dot is being written: exit 130, no target, no temp file', async () => {
  // A chain of 800,000 operations: its DOT text (~180 MB) takes long enough to
  // write that the poll sees the temporary file well before the rename.
  const program = join(dir, 'chain.txt');
  const terms: string[] = ['x'];
  for (let i = 1; i < 800_000; i++) terms.push(i % 2 === 1 ? '*1.0001' : '+0.5');
  writeFileSync(program, terms.join(''));
  // A folder of its own, so the listing is exact.
  const folder = mkdtempSync(join(dir, 'dot-'));
  const r = await interruptDuringWrite(['eval', '-f', program, '--at', 'x=1', '--dot', join(folder, 'big.dot')], folder);
  expect(r.signalled).toBe(true);
  // README "Exit codes": 130 after the handler removed the temporary file.
  expect(r.code).toBe(130);
  expect(r.signal).toBeNull();
  expect(r.stdout).toBe('');
  expect(hasStackFrame(r.stderr)).toBe(false);
  expect(readdirSync(folder)).toEqual([]);
}, 120_000);
