// The one internal-error path: anything unexpected is one line
// `autograd: internal error: … (please report)`, exit 3, details only with AUTOGRAD_DEBUG=1.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/cli/color.js';
import { EXIT, reportError } from '../../src/cli/exit.js';
import { OutputError, ParseError } from '../../src/errors.js';
import { BIN, hasStackFrame } from '../helpers/cli.js';

/** Runs the binary with a preloaded module that breaks something (no test hook in the product). */
function runBroken(preload: string, args: string[], debug = false) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.AUTOGRAD_DEBUG;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (debug) env.AUTOGRAD_DEBUG = '1';
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, BIN, ...args], {
    encoding: 'utf8', env, timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A bug inside a command: the first write to stdout throws a plain Error.
const THROWING_STDOUT = "process.stdout.write = () => { throw new TypeError('boom\\nsecond line'); };";
// Runs `body` from a timer once the CLI has installed its fatal handler.
const later = (body: string): string =>
  `const go = () => process.listenerCount('uncaughtException') > 0 ? (() => { ${body} })() : setTimeout(go, 5); setTimeout(go, 5);`;
// A bug outside any command: an exception thrown from a timer.
const LATE_THROW = later("throw new RangeError('late failure');");
// A rejected promise nobody handles.
const LATE_REJECT = later("Promise.reject(new Error('unhandled'));");

describe('internal errors through the binary', () => {
  it('a bug inside a command: one line, exit 3, no stack', () => {
    const r = runBroken(THROWING_STDOUT, ['eval', 'x', '--at', 'x=1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('autograd: internal error: boom (please report)\n');
    expect(hasStackFrame(r.stderr)).toBe(false);
  });

  it('AUTOGRAD_DEBUG=1 adds the details', () => {
    const r = runBroken(THROWING_STDOUT, ['eval', 'x', '--at', 'x=1'], true);
    expect(r.code).toBe(3);
    expect(r.stderr.startsWith('autograd: internal error: boom (please report)\nTypeError: boom\nsecond line\n')).toBe(true);
    expect(hasStackFrame(r.stderr)).toBe(true);
  });

  it('an uncaught exception and an unhandled rejection take the same path', () => {
    const late = runBroken(LATE_THROW, ['eval', '-', '--at', 'x=1']);
    expect(late.code).toBe(3);
    expect(late.stderr).toBe('autograd: internal error: late failure (please report)\n');
    const rejected = runBroken(LATE_REJECT, ['eval', '-', '--at', 'x=1']);
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toBe('autograd: internal error: unhandled (please report)\n');
  });
});

describe('reportError', () => {
  const plain = makeStyle(0);
  const capture = () => {
    let text = '';
    return { stream: { write: (s: string) => { text += s; return true; } }, text: () => text };
  };

  it('user errors are exit 2 with their message', () => {
    const c = capture();
    expect(reportError(new ParseError("expected ')'", '(x+1', 4), c.stream, plain, {})).toBe(EXIT.usage);
    expect(c.text()).toBe("error: expected ')' at 1:5\n  (x+1\n      ^\n");
    const o = capture();
    expect(reportError(new OutputError('cannot write to out.dot: no space left on device'), o.stream, plain, {})).toBe(EXIT.usage);
    expect(o.text()).toBe('error: cannot write to out.dot: no space left on device\n');
  });

  it('anything else is exit 3, one line; the stack only with AUTOGRAD_DEBUG', () => {
    const c = capture();
    expect(reportError(new Error('oops\nmore'), c.stream, plain, {})).toBe(EXIT.internal);
    expect(c.text()).toBe('autograd: internal error: oops (please report)\n');
    const d = capture();
    expect(reportError(new Error('oops'), d.stream, plain, { AUTOGRAD_DEBUG: '1' })).toBe(EXIT.internal);
    expect(d.text()).toMatch(/^autograd: internal error: oops \(please report\)\nError: oops\n\s+at /);
    const s = capture();
    expect(reportError('a thrown string', s.stream, plain, {})).toBe(EXIT.internal);
    expect(s.text()).toBe('autograd: internal error: a thrown string (please report)\n');
  });

  it('a write that fails synchronously: EPIPE is a quiet end, other errors exit 2', () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });
    const c = capture();
    expect(reportError(epipe, c.stream, plain, {})).toBe(EXIT.ok);
    expect(c.text()).toBe('');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const f = capture();
    expect(reportError(full, f.stream, plain, {})).toBe(EXIT.usage);
    expect(f.text()).toBe('error: cannot write to the output: no space left on device (ENOSPC)\n');
  });
});
