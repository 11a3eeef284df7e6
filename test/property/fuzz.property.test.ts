// Fuzzing: whatever a user, a script or a fuzzer types, the answer is exit 0
// (a result) or 2 (one clear message), never a stack trace, an internal error or a hang.
// Most cases run in-process against main(); a few go through the binary.
// PROP_SEED=n and FUZZ_MULT=k (k times the runs) explore further by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, gradient } from '../../src/index.js';
import { tokenize } from '../../src/syntax/tokens.js';
import { hasStackFrame, runCli } from '../helpers/cli.js';
import { runMain, type InProcessResult } from '../helpers/in-process.js';
import { print, tree } from '../helpers/programs.js';

const AT = ['--at', 'x=1.5,y=-0.5,z=2,θ=0.25'];

/** The contract for any input: exit 0 with output, or exit 2 with one message and no output. */
function expectClean(r: InProcessResult, what: string): void {
  const where = `${what}\n--- stderr:\n${r.stderr}`;
  expect(r.stderr, where).not.toMatch(/internal error/);
  expect(hasStackFrame(r.stderr), where).toBe(false);
  expect([0, 2], where).toContain(r.code);
  if (r.code === 2) {
    expect(r.stdout, where).toBe('');
    expect(r.stderr, where).toMatch(/^(warning: .*\n)*error: /);
  } else expect(r.stdout, where).not.toBe('');
}

/** Characters the language uses, and some it does not, to reach deep into the grammar. */
const LANGUAGE = [...'xyzθ0123456789.eE+-*/^(),;=# \t\n'].concat(['**', 'sin(', 'log(', 'max(', 'pi', '1e-3', '__proto__', '\r', '\0', '😀', '\u202e', '\ud800']);
const languageString = fc.array(fc.constantFrom(...LANGUAGE), { maxLength: 40 }).map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  languageString,
  languageString,
);

/** A valid program: a few assignments over random expressions, then an output. */
const validProgram = fc.array(tree, { minLength: 1, maxLength: 3 }).map((ts) =>
  ts.map((t, i) => (i < ts.length - 1 ? `t${i} = ${print(t)}` : print(t))).join('; '));

/** Token images of a program, in order (newlines inside parentheses dropped). */
function tokensOf(src: string): string[] {
  return tokenize(src).map((t) => t.image);
}

describe('fuzzing in-process', () => {
  it('any string as a program: exit 0 or 2, never a trace', async () => {
    await fc.assert(fc.asyncProperty(anyString, async (s) => {
      expectClean(await runMain(['eval', ...AT, '--', s]), JSON.stringify(s));
    }), { numRuns: 600 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 11) });
  });

  it('any string as the program on stdin or as --at / --wrt values', async () => {
    await fc.assert(fc.asyncProperty(anyString, anyString, async (program, value) => {
      expectClean(await runMain(['eval', '-', ...AT], program), `stdin ${JSON.stringify(program)}`);
      expectClean(await runMain(['eval', 'x*y', '--at', value]), `--at ${JSON.stringify(value)}`);
      expectClean(await runMain(['eval', 'x*y', '--at', 'x=1,y=2', '--wrt', value]), `--wrt ${JSON.stringify(value)}`);
    }), { numRuns: 200 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 12) });
  });

  it('any command line built from the real options and random words', async () => {
    const word = fc.oneof(
      fc.constantFrom('eval', 'functions', '--at', 'x=1', 'x=1,y=2', '--wrt', 'x', '--all', '--json', '--precision', '3',
        '--no-color', '-', '--', 'x*y', '(', '--help', '-V', '-h', '--version', '-f', '--file', '/', '.', '-x', '--bogus'),
      fc.string({ maxLength: 8 }).filter((s) => !s.startsWith('--d')),
    );
    await fc.assert(fc.asyncProperty(fc.array(word, { maxLength: 7 }), async (argv) => {
      const r = await runMain(argv, 'x');
      const where = JSON.stringify(argv);
      expect(r.stderr, where).not.toMatch(/internal error/);
      expect(hasStackFrame(r.stderr), where).toBe(false);
      expect([0, 2], where).toContain(r.code);
      if (r.code === 2) expect(r.stdout, where).toBe('');
    }), { numRuns: 400 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 13) });
  });

  it('a valid program with one token deleted, duplicated or swapped: exit 0 or 2', async () => {
    const mutation = fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'swap'), i: fc.nat(), j: fc.nat() });
    await fc.assert(fc.asyncProperty(validProgram, mutation, async (src, m) => {
      const tokens = tokensOf(src);
      const i = m.i % tokens.length;
      const j = m.j % tokens.length;
      if (m.kind === 'delete') tokens.splice(i, 1);
      else if (m.kind === 'duplicate') tokens.splice(i, 0, tokens[i]!);
      else [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      const mutated = tokens.join(' ');
      expectClean(await runMain(['eval', ...AT, '--', mutated]), `${src}\n→ ${mutated}`);
    }), { numRuns: 500 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 14) });
  });

  it('re-spacing and re-parenthesising a valid program keeps its value and gradient', () => {
    const layout = fc.record({
      gaps: fc.array(fc.constantFrom('', ' ', '\t', '  ', ' # note\n'), { minLength: 1 }),
      wrap: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(fc.property(tree, layout, (t, l) => {
      const src = print(t);
      // Inside parentheses every line break (and a comment up to it) continues the statement.
      const tokens = tokensOf(src);
      const spaced = tokens.map((tok, k) => tok + l.gaps[k % l.gaps.length]!).join('');
      const respaced = `${'('.repeat(l.wrap + 1)}${spaced}${')'.repeat(l.wrap + 1)}`;
      const at = { x: 1.5, y: -0.5, z: 2 };
      const a = gradient(src, at);
      const b = gradient(respaced, at);
      expect(Object.is(a.value, b.value), `${src}\n→ ${respaced}`).toBe(true);
      expect([...b.gradient].map(([k, g]) => [k, Object.is(g, a.gradient.get(k)) ? 'same' : g])).toEqual([...a.gradient].map(([k]) => [k, 'same']));
      expect(Object.is(evaluate(respaced, at).value, a.value)).toBe(true);
    }), { numRuns: 300 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 15) });
  });
});

describe('fuzzing through the binary', () => {
  it('random strings: exit 0 or 2, no trace, within a bounded time', () => {
    const samples = fc.sample(anyString, { numRuns: 12 * Number(process.env.FUZZ_MULT ?? 1), seed: Number(process.env.PROP_SEED ?? 16) });
    for (const s of samples) {
      // stdin carries any string, NUL and lone surrogates included (argv could not)
      const r = runCli(['eval', '-', ...AT], { input: s, timeout: 30_000 });
      expectClean({ code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr }, JSON.stringify(s));
    }
  });
});
