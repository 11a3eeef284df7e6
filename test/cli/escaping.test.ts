// Text from outside (data fields, header names, JSON keys, paths, option
// values, program text) reaches the terminal escaped: no raw control
// character, escape sequence or bidi mark, on stderr or in text for people.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnshowable } from '../../src/syntax/unshowable.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-escaping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';
const CSI = '\u009b';
const RLO = '\u202e';
const NUL = '\u0000';
const HOSTILE = `${ESC}[31m${CSI}2J${RLO}${NUL}`;
const SHOWN = '\\u{1b}[31m\\u{9b}2J\\u{202e}\\u{0}';
/** For the command line, which cannot hold NUL: a line break and a tab instead. */
const ARG = `${ESC}[31m${CSI}2J${RLO}\n\t`;
const ARG_SHOWN = '\\u{1b}[31m\\u{9b}2J\\u{202e}\\u{a}\\u{9}';
/** --at and --wrt trim their items: the same without the white space at the end. */
const TRIMMED = `${ESC}[31m${CSI}2J${RLO}`;
const TRIMMED_SHOWN = '\\u{1b}[31m\\u{9b}2J\\u{202e}';

/** The first raw unshowable character other than a line break, if any. */
function raw(text: string): string | undefined {
  for (const ch of text) if (ch !== '\n' && isUnshowable(ch.codePointAt(0)!)) return `U+${ch.codePointAt(0)!.toString(16)}`;
  return undefined;
}

describe('data in --points messages', () => {
  const cases: ReadonlyArray<readonly [string, string, readonly string[], string]> = [
    ['a CSV field', `x\n1\n${HOSTILE}\n`, [], `error: <stdin>:3: '${SHOWN}' in column 'x' is not a number\n`],
    ['a CSV field with CSI alone', `x\n${CSI}\n`, [], "error: <stdin>:2: '\\u{9b}' in column 'x' is not a number\n"],
    ['a NUL field', `x\n${NUL}\n`, [], "error: <stdin>:2: '\\u{0}' in column 'x' is not a number\n"],
    ['a newline inside a quoted CSV field', `x\n"1\n2"\n`, [], `error: <stdin>:2: '"1' in column 'x' is not a number\n`],
    ['a quoted field spanning lines with an escape', `x\n"${ESC}[2J\n"\n`, [], `error: <stdin>:2: '"\\u{1b}[2J' in column 'x' is not a number\n`],
    ['a long hostile field is cut and escaped', `x\n${ESC.repeat(100)}\n`, [],
      `error: <stdin>:2: '${'\\u{1b}'.repeat(40)}…(100 characters)…${'\\u{1b}'.repeat(12)}' in column 'x' is not a number\n`],
  ];
  for (const [what, input, args, message] of cases) {
    it(what, () => {
      const r = runCli(['eval', 'x', '--points', '-', ...args], { input });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
      expect(raw(r.stderr)).toBeUndefined();
    });
  }

  it('hostile header names and JSON keys never reach stderr raw', () => {
    const inputs = [
      `x,x${HOSTILE}\n1,2\n${HOSTILE},3\n`,
      `${HOSTILE},x\n${HOSTILE},1\n1,${HOSTILE}\n`,
      `"${HOSTILE}"\n1\n`,
      `{"${'\\u001b'}[31m":1,"x":"${'\\u202e'}"}\n`,
      `{"x":1,"${'\\u202e'}":2}\n{"${'\\u0000'}":1}\n`,
    ];
    for (const input of inputs) {
      for (const args of [[], ['--json']]) {
        const r = runCli(['eval', 'x*y', '--at', 'y=1', '--points', '-', ...args], { input });
        expect(r.code, JSON.stringify(input)).toBe(2);
        expect(r.stderr).toMatch(/^error: <stdin>:\d+: /);
        expect(raw(r.stderr), JSON.stringify(input)).toBeUndefined();
      }
    }
  });
});

describe('paths in messages', () => {
  const missing = join(dir, ARG);
  const shownMissing = join(dir, ARG_SHOWN);
  const cases: ReadonlyArray<readonly [string, readonly string[], string]> = [
    ['-f of a missing file', ['eval', '-f', missing], `error: cannot read '${shownMissing}': no such file\n`],
    ['--points of a missing file', ['eval', 'x', '--points', missing], `error: cannot read '${shownMissing}': no such file\n`],
    ['--dot with an unknown extension', ['eval', 'x', '--at', 'x=1', '--dot', `${missing}.txt`],
      `error: --dot '${shownMissing}.txt': unknown extension '.txt' (expected .dot, .gv, .svg, .png, .html, or - for DOT on stdout)\n`],
    ['--dot in a missing folder', ['eval', 'x', '--at', 'x=1', '--dot', join(missing, 'g.dot')],
      `error: --dot '${join(shownMissing, 'g.dot')}': no such directory '${shownMissing}'\n`],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    });
  }

  it('a --points file named with escapes: the name in a row\'s message', () => {
    const file = join(dir, `${ARG}.csv`);
    writeFileSync(file, 'x\n1\nbad\n');
    const r = runCli(['eval', 'x', '--points', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${join(dir, ARG_SHOWN)}.csv:3: 'bad' in column 'x' is not a number\n`);
  });

  it('a --dot target that cannot be written (it is a folder)', () => {
    const target = join(dir, `${ARG}.dot`);
    mkdirSync(target);
    const r = runCli(['eval', 'x', '--at', 'x=1', '--dot', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: cannot write '${join(dir, ARG_SHOWN).replace(/[\\[\]{}().*+?^$|]/g, '\\$&')}\\.dot': (is a directory|E[A-Z]+)\\n$`));
  });
});

describe('option values in messages', () => {
  const cases: ReadonlyArray<readonly [readonly string[], string]> = [
    [['optimize', 'x', '--at', 'x=1', '--lr', ARG], `error: --lr '${ARG_SHOWN}': expected a positive number\n`],
    [['optimize', 'x', '--at', 'x=1', '--steps', ARG], `error: --steps '${ARG_SHOWN}': expected a whole number\n`],
    [['optimize', 'x', '--at', 'x=1', '--every', ARG], `error: --every '${ARG_SHOWN}': expected a whole number from 1\n`],
    [['optimize', 'x', '--at', 'x=1', '--tol', ARG], `error: --tol '${ARG_SHOWN}': expected a non-negative number\n`],
    [['eval', 'x', '--at', 'x=1', '--check', '--tolerance', ARG], `error: --tolerance '${ARG_SHOWN}': expected a positive number, like 1e-6\n`],
    [['eval', 'x', '--at', 'x=1', '--precision', ARG], `error: --precision '${ARG_SHOWN}': expected a whole number from 1 to 17\n`],
    [['eval', 'x', '--at', `x=${TRIMMED}`], `error: --at 'x=${TRIMMED_SHOWN}': '${TRIMMED_SHOWN}' is not a number\n`],
    [['eval', 'x', '--at', 'x=1', '--wrt', TRIMMED], `error: --wrt: '${TRIMMED_SHOWN}' is not a valid name\n`],
    [['completion', ARG], `error: unknown shell '${ARG_SHOWN}' (expected bash, zsh, fish)\n`],
  ];
  for (const [args, message] of cases) {
    it(args.slice(0, -1).join(' '), () => {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    });
  }

  it('an unknown option (commander\'s own message)', () => {
    const r = runCli(['eval', 'x', `--${ARG}`]);
    expect(r.code).toBe(2);
    expect(raw(r.stderr)).toBeUndefined();
    expect(r.stderr).toContain(`'--${ARG_SHOWN}'`);
  });
});

describe('program text in diagnostics and in text for people', () => {
  it('the caret still lines up under an escaped character', () => {
    const r = runCli(['eval', `(x + y${RLO}) * ${ESC}`, '--at', 'x=1,y=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unexpected character U+202E at 1:7\n  (x + y\\u{202e}) * \\u{1b}\n        ^\n');
  });

  it('a comment inside an expression is escaped in warnings and in --trace', () => {
    const program = `log(x # ${TRIMMED}\n)`;
    const r = runCli(['eval', program, '--at', 'x=-1', '--trace']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: log(x # ${TRIMMED_SHOWN} ) at 1:1 gives NaN (x = -1)\n`);
    expect(r.stdout).toContain(`log(x # ${TRIMMED_SHOWN} )`);
    expect(raw(r.stdout)).toBeUndefined();
  });
});
