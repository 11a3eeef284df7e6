// Programs too large for the heap are refused with exit 2 instead of an out-of-memory abort.
import { describe, expect, it } from 'vitest';
import { BYTES_PER_TOKEN, checkProgramSize, countTokens } from '../../../src/cli/size-guard.js';
import { InputError } from '../../../src/errors.js';
import { runCli } from '../../helpers/cli.js';

describe('countTokens', () => {
  it.each([
    ['x', 1], ['x+1', 3], ['sin(x2) * 1.5e-3', 8] /* an estimate: 1.5e-3 counts as 3 */, ['a = 2 # a comment ( ) +\nb', 5], ['θ*変数', 3], ['', 0], ['   \t', 0], ['# only', 0],
  ])('%j has about %i tokens', (src, n) => {
    expect(countTokens(src)).toBe(n);
  });
});

describe('checkProgramSize', () => {
  it('passes what fits and refuses what does not, saying how to raise the limit', () => {
    const src = Array(1000).fill('x').join('+'); // 1999 tokens
    expect(() => checkProgramSize(src, 1999 * BYTES_PER_TOKEN * 2)).not.toThrow();
    expect(() => checkProgramSize(src, 1999 * BYTES_PER_TOKEN)).toThrow(InputError);
    expect(() => checkProgramSize(src, 1999 * BYTES_PER_TOKEN)).toThrow(/too large for the memory available: .* NODE_OPTIONS=--max-old-space-size=\d+\)$/);
  });

  it('through the binary with a small heap: exit 2 and one line, not a V8 abort', () => {
    const src = Array(300_000).fill('x').join('+');
    const r = runCli(['eval', '-', '--at', 'x=1'], { input: src, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the program is too large for the memory available: about \d+ MB needed, the heap limit is \d+ MB \(raise it with NODE_OPTIONS=--max-old-space-size=\d+\)\n$/);
  });
});
