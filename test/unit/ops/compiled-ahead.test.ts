// Generated code compiled ahead of time (the live page, whose CSP forbids
// compiling at run time): generate() takes a function from the table when its
// key matches, compiles as usual otherwise, and a recorder sees every piece.
import { afterEach, expect, it } from 'vitest';
import { generate, generatedKey, recordGenerated, useCompiledAhead } from '../../../src/ops/calls.js';

afterEach(() => {
  useCompiledAhead(new Map());
  recordGenerated(undefined);
});

it('a recorder sees the parameters and body of every piece of generated code', () => {
  const seen: Array<[string, readonly string[], string]> = [];
  recordGenerated((key, params, body) => seen.push([key, params, body]));
  expect(generate<number>(['a', 'b'], 'return a*b+1;', [3, 4])).toBe(13);
  expect(seen).toEqual([[generatedKey(['a', 'b'], 'return a*b+1;'), ['a', 'b'], 'return a*b+1;']]);
});

it('code found in the table is not compiled again; other code still is', () => {
  useCompiledAhead(new Map([[generatedKey(['a'], 'return a+1;'), (a: unknown) => (a as number) * 10]]));
  expect(generate<number>(['a'], 'return a+1;', [2])).toBe(20);
  expect(generate<number>(['a'], 'return a+2;', [2])).toBe(4);
  expect(generate<number>(['b'], 'return b+1;', [2])).toBe(3);
});
