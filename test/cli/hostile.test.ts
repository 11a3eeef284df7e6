// Hostile names and text: Object.prototype names are ordinary variables
// everywhere; unshowable characters give a parse error with an escaped caret line.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'] as const;

function expectParseError(r: { code: number | null; stdout: string; stderr: string }): string[] {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(hasStackFrame(r.stderr)).toBe(false);
  const lines = r.stderr.split('\n');
  expect(lines.length).toBe(4);
  expect(lines[3]).toBe('');
  return lines;
}

describe('Object.prototype names are ordinary variables', () => {
  it('the gradient of __proto__*constructor at 2,3 is 3, 2', () => {
    const r = runCli(['eval', '__proto__*constructor', '--at', '__proto__=2,constructor=3', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"output":"f","value":6,"gradient":{"__proto__":3,"constructor":2}}\n');
    const text = runCli(['eval', '__proto__*constructor', '--at', '__proto__=2,constructor=3']);
    expect(text.stdout).toBe('f = 6\n∂f/∂__proto__ = 3\n∂f/∂constructor = 2\n');
  });

  it('all of them at once, in --at, as variables and in JSON keys in order', () => {
    const at = PROTO_NAMES.map((n, i) => `${n}=${i + 1}`).join(',');
    const r = runCli(['eval', PROTO_NAMES.join(' * '), '--at', at, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { value: number; gradient: Record<string, number> };
    expect(out.value).toBe(720);
    // JSON.parse drops __proto__ as an own key; read the raw text for it.
    expect(r.stdout).toContain('"gradient":{"__proto__":720,"constructor":360,"toString":240,"hasOwnProperty":180,"valueOf":144,"prototype":120}');
  });

  it('as assigned names, as the output name, with --all and --wrt', () => {
    const src = 'constructor = __proto__ * 2; toString = constructor + valueOf; hasOwnProperty = toString^2';
    const r = runCli(['eval', src, '--at', '__proto__=1,valueOf=1', '--all', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"output":"hasOwnProperty","value":9,"gradient":{"__proto__":12,"valueOf":6,"constructor":6,"toString":6}}\n');
    const w = runCli(['eval', src, '--at', '__proto__=1,valueOf=1', '--wrt', 'toString,__proto__']);
    expect(w.stdout).toBe('hasOwnProperty = 9\n∂hasOwnProperty/∂toString = 6\n∂hasOwnProperty/∂__proto__ = 12\n');
  });

  it('as an unknown function, a missing variable and an unused --at name', () => {
    const f = runCli(['eval', 'constructor(x)', '--at', 'x=1']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^error: unknown function 'constructor'/);
    const m = runCli(['eval', '__proto__ + 1']);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe("error: no value for variable '__proto__': give it with --at __proto__=…\n");
    const u = runCli(['eval', 'x', '--at', 'x=1,prototype=2']);
    expect(u.code).toBe(0);
    expect(u.stderr).toBe('warning: --at prototype is not used by the program\n');
  });

  it('a 100,000-character identifier', () => {
    // ASCII, so that `--at name=3` fits in one command-line argument (128 KiB)
    const name = `v${'x'.repeat(49_999)}${'_9'.repeat(25_000)}`;
    expect(name.length).toBe(100_000);
    const r = runCli(['eval', '-', '--at', `${name}=3`, '--json'], { input: `${name}*${name}` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`{"output":"f","value":9,"gradient":{"${name}":6}}\n`);
    const missing = runCli(['eval', '-'], { input: `${name}+1` });
    expect(missing.code).toBe(2);
    // a long name is cut in the middle in messages: no 100 kB error lines
    const short = `${name.slice(0, 40)}…(100000 characters)…${name.slice(-12)}`;
    expect(missing.stderr).toBe(`error: no value for variable '${short}': give it with --at ${short}=…\n`);
    const fn = runCli(['eval', '-'], { input: `2 + ${name}(1)` });
    expect(fn.code).toBe(2);
    expect(fn.stderr.split('\n')[0]).toBe(`error: unknown function '${short}' at 1:5`);
    expect(fn.stderr.length).toBeLessThan(400);
  });
});

describe('unshowable characters give a readable caret line', () => {
  const cases: ReadonlyArray<readonly [string, string, string, string]> = [
    // [name, program, message, escaped source line]
    ['a control character', 'x +\u0001 1', 'unexpected character U+0001 at 1:4', 'x +\\u{1} 1'],
    ['an escape sequence', 'x\u001b[31m + 1', 'unexpected character U+001B at 1:2', 'x\\u{1b}[31m + 1'],
    ['DEL', 'x + \u007f', 'unexpected character U+007F at 1:5', 'x + \\u{7f}'],
    ['a right-to-left mark', 'x + \u200f y', 'unexpected character U+200F at 1:5', 'x + \\u{200f} y'],
    ['a right-to-left override', '\u202ex + 1', 'unexpected character U+202E at 1:1', '\\u{202e}x + 1'],
    ['a byte order mark', '\ufeffx', 'unexpected character U+FEFF at 1:1', '\\u{feff}x'],
    ['a line separator', 'x + \u2028 1', 'unexpected character U+2028 at 1:5', 'x + \\u{2028} 1'],
    ['a zero-width joiner', 'x\u200d + 1', 'unexpected character U+200D at 1:2', 'x\\u{200d} + 1'],
    ['an emoji', 'x + 😀', "unexpected character '😀' (U+1F600) at 1:5", 'x + 😀'],
    ['a no-break space', 'x\u00a0+ 1', 'unexpected character U+00A0 at 1:2', 'x\\u{a0}+ 1'],
    ['an emoji before the error', '😀 + x', "unexpected character '😀' (U+1F600) at 1:1", '😀 + x'],
  ];
  for (const [what, src, message, shown] of cases) {
    it(what, () => {
      const lines = expectParseError(runCli(['eval', '--at', 'x=1,y=1', '--', src]));
      const column = Number(message.split(':').pop());
      expect(lines[0]).toBe(`error: ${message}`);
      expect(lines[1]).toBe(`  ${shown}`);
      expect(lines[2]).toBe(`  ${' '.repeat(column - 1)}^`);
      // nothing unshowable reaches the terminal
      expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2028\u2029\ufeff]/);
    });
  }

  it('an emoji after the error column keeps the caret where it was', () => {
    const lines = expectParseError(runCli(['eval', '--at', 'x=1', '--', 'x + * 1 # 😀']));
    expect(lines).toEqual(["error: expected a number, a name or '(' at 1:5", '  x + * 1 # 😀', '      ^', '']);
  });

  it('a NUL byte from stdin', () => {
    const lines = expectParseError(runCli(['eval', '-', '--at', 'x=1'], { input: 'x\0+1' }));
    expect(lines.slice(0, 3)).toEqual(['error: unexpected character U+0000 at 1:2', '  x\\u{0}+1', '   ^']);
  });

  it('a tab stays a space in the caret line', () => {
    const lines = expectParseError(runCli(['eval', '-', '--at', 'x=1'], { input: 'x\t+\t$' }));
    expect(lines.slice(0, 3)).toEqual(["error: unexpected character '$' (U+0024) at 1:5", '  x + $', '      ^']);
  });

  it('a lone surrogate (invalid UTF-8 from stdin) and from a file', () => {
    const bytes = Buffer.from([0x78, 0x2b, 0xed, 0xa0, 0x80]); // x+ then an encoded lone surrogate
    const r = runCli(['eval', '-', '--at', 'x=1'], { input: bytes });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: standard input is not UTF-8 text\n');
  });

  it('a lone surrogate in an argument arrives as U+FFFD and is reported', () => {
    const lines = expectParseError(runCli(['eval', '--at', 'x=1', '--', 'x + \ud800']));
    expect(lines[0]).toBe("error: unexpected character '\ufffd' (U+FFFD) at 1:5");
  });

  it('user text quoted in other messages is escaped too', () => {
    const at = runCli(['eval', 'x', '--at', 'x=\u0001\u001b[31m']);
    expect(at.code).toBe(2);
    expect(at.stderr).toBe("error: --at 'x=\\u{1}\\u{1b}[31m': '\\u{1}\\u{1b}[31m' is not a number\n");
    const file = runCli(['eval', '-f', '/nonexistent/\u001b[2J']);
    expect(file.stderr).toBe("error: cannot read '/nonexistent/\\u{1b}[2J': no such file\n");
    const opt = runCli(['eval', 'x', '--\u202eevil']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/^error: unknown option '--\\u\{202e\}evil'/);
  });

  it('a very long line is clipped around the caret', () => {
    const src = `${'x+'.repeat(5000)}$${'+x'.repeat(5000)}`;
    const lines = expectParseError(runCli(['eval', '-', '--at', 'x=1'], { input: src }));
    expect(lines[0]).toBe("error: unexpected character '$' (U+0024) at 1:10001");
    expect(lines[1]!.length).toBeLessThan(140);
    expect(lines[1]![2 + lines[2]!.length - 3]).toBe('$');
  });
});

describe('hostile names in --points headers', () => {
  it('every Object.prototype name is an ordinary CSV column and JSON key', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
    const program = names.join(' * ');
    const csv = runCli(['eval', program, '--points', '-'], { input: `${names.join(',')}\n1,2,3,4,5,6\n` });
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(`f,${names.map((n) => `df/d${n}`).join(',')}\n720,720,360,240,180,144,120\n`);
    const row = Object.fromEntries(names.map((n, i) => [n, i + 1]));
    const jsonl = runCli(['eval', program, '--points', '-', '--json'], { input: `${JSON.stringify(row)}\n` });
    expect(jsonl.code).toBe(0);
    const out = JSON.parse(jsonl.stdout) as { gradient: Record<string, number> };
    expect(Object.keys(out.gradient)).toEqual(names);
    expect(out.gradient.__proto__).toBe(720);
  });
});
