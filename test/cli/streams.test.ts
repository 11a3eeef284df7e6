// Files and streams: unreadable program files name their path; a closed pipe
// ends quietly; a failing stdout is one message and exit 2; SIGINT ends with 130.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, hasStackFrame, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('-f on what is not a program file', () => {
  const cases: ReadonlyArray<readonly [string, () => string, (p: string) => string]> = [
    ['a missing file', () => join(dir, 'missing.txt'), (p) => `error: cannot read '${p}': no such file\n`],
    ['a directory', () => dir, (p) => `error: cannot read '${p}': is a directory\n`],
    ['binary junk (not UTF-8)', () => {
      const p = join(dir, 'junk.bin');
      writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x80, 0xc3]));
      return p;
    }, (p) => `error: '${p}' is not UTF-8 text\n`],
    ['a file with NUL bytes', () => {
      const p = join(dir, 'nul.txt');
      writeFileSync(p, 'x + 1\0\0\0');
      return p;
    }, () => 'error: unexpected character U+0000 at 1:6\n  x + 1\\u{0}\\u{0}\\u{0}\n       ^\n'],
  ];
  for (const [what, make, message] of cases) {
    it(what, () => {
      const path = make();
      const r = runCli(['eval', '-f', path, '--at', 'x=1']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message(path));
    });
  }

  it('an endless file or stdin (-f /dev/zero, yes |) stops at 256 MiB with a message', () => {
    if (existsSync('/dev/zero')) {
      const z = runCli(['eval', '-f', '/dev/zero']);
      expect(z.code).toBe(2);
      expect(z.stderr).toBe("error: '/dev/zero' is larger than 256 MiB, the largest program read\n");
    }
    const y = spawnSync('sh', ['-c', `yes | "${process.execPath}" "${BIN}" eval -; echo "status=$?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(y.stdout).toBe('status=2\n');
    expect(y.stderr).toBe('error: standard input is larger than 256 MiB, the largest program read\n');
  });

  it('an unreadable file (permission denied), unless running as root', () => {
    const p = join(dir, 'secret.txt');
    writeFileSync(p, 'x', { mode: 0o000 });
    const r = runCli(['eval', '-f', p, '--at', 'x=1']);
    if (process.getuid?.() === 0) expect(r.code).toBe(0);
    else expect(r.stderr).toBe(`error: cannot read '${p}': permission denied\n`);
  });

  it('a program file with a parse error names the position', () => {
    const p = join(dir, 'bad.txt');
    writeFileSync(p, 'a = 1\nb = a +* 2\n');
    const r = runCli(['eval', '-f', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: expected a number, a name or '(' at 2:8\n  b = a +* 2\n         ^\n");
  });
});

describe('pipes and output errors', () => {
  const big = join(dir, 'big.txt');
  writeFileSync(big, Array.from({ length: 50_000 }, (_, i) => `a${i} = x*${i}`).join('\n'));

  it('output into a closed pipe (| head -c 1) ends quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" eval -f "${big}" --at x=1 --all | head -c 1; echo " status=$?"`], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout).toBe('a status=0\n');
    expect(r.stderr).toBe('');
  });

  it('the exit status of the writer itself is 0 when its reader goes away', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" eval -f "${big}" --at x=1 --all --json | head -c 10 >/dev/null; echo "status=$?"`], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout).toBe('status=0\n');
    expect(r.stderr).toBe('');
  });

  it('a full disk is one message and exit 2, no stack trace', () => {
    if (!existsSync('/dev/full')) return;
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" eval x --at x=1 > /dev/full`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: cannot write to standard output: no space left on device (ENOSPC)\n');
    expect(hasStackFrame(r.stderr)).toBe(false);
  });

  it('closed stdout and stderr: no crash, the exit code still tells', () => {
    const ok = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" eval x --at x=1 >&- 2>&-; echo "status=$?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.stdout).toMatch(/^status=[02]\n$/);
    const bad = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" eval "x+" >&- 2>&-; echo "status=$?"`], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.stdout).toBe('status=2\n');
  });
});

/** Starts the binary reading its program from a stdin that stays open; resolves once it printed `ready` on stderr. */
function startWaiting(): Promise<{ child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> }> {
  // The overflow warning is printed before stdin is read: it tells that the handlers are installed.
  const child = spawn(process.execPath, [BIN, 'eval', '-', '--at', 'ready=1e999'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return new Promise((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('warning:')) resolve({ child, done });
    });
  });
}

describe('signals', () => {
  // With no temporary file on disk no handler is installed: the signal ends the
  // process at once (even mid-computation), and a shell reports 128 + 2 = 130.
  it('SIGINT while waiting for input ends the process by SIGINT, quietly', async () => {
    const { child, done } = await startWaiting();
    child.stdin!.write('x + ');
    child.kill('SIGINT');
    const r = await done;
    expect(r.signal).toBe('SIGINT');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('warning: --at ready=1e999 is out of range and reads as Infinity\n');
  });

  it('a shell sees exit status 130', () => {
    const r = spawnSync('bash', ['-c', `sleep 2 2>/dev/null | "${process.execPath}" "${BIN}" eval - --at x=1 & sleep 0.5; kill -INT $!; wait $!; echo "status=$?"`], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout).toBe('status=130\n');
  });
});
