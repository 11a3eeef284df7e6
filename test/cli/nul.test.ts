// A NUL byte or another control character is a bad character like any other:
// the message points at it (line:column, caret), whether the program comes
// from a file, stdin or the command line, and data echoed in a message shows
// it escaped, never raw.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-nul-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = 'a = 1\nb = a \0+ 2\n';
const AT_2_7 = 'error: unexpected character U+0000 at 2:7\n  b = a \\u{0}+ 2\n        ^\n';

describe('a NUL byte in a program', () => {
  it('in a file (-f), on line 2: line:column and a caret', () => {
    const p = join(dir, 'nul.ag');
    writeFileSync(p, PROGRAM);
    const r = runCli(['eval', '-f', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(AT_2_7);
  });

  it('on stdin (-), the same message', () => {
    const r = runCli(['eval', '-'], { input: PROGRAM });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(AT_2_7);
  });

  it('other control characters too (ESC, U+0001), never raw on the terminal', () => {
    const r = runCli(['eval', '-'], { input: 'x = 2\ny = x \u001b[31m+ 1\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unexpected character U+001B at 2:7\n  y = x \\u{1b}[31m+ 1\n        ^\n');
  });
});

describe('a NUL byte in data', () => {
  it('a --points field is shown escaped, with its line and column name', () => {
    const r = runCli(['eval', 'x+y', '--points', '-'], { input: 'x,y\n1,2\0\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: <stdin>:2: '2\\u{0}' in column 'y' is not a number\n");
  });
});
