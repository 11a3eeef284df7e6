// Which statements never reach the output (the last statement).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/syntax/parser.js';
import { unusedStatements } from '../../../src/syntax/unused-statements.js';

const unusedText = (source: string): string[] => {
  const program = parse(source);
  return unusedStatements(program).map((i) => {
    const s = program.statements[i]!;
    return source.slice(s.start, program.nodes[s.root]!.end);
  });
};

describe('unusedStatements', () => {
  it('a line starting with - begins a new statement: the one before is unused', () => {
    expect(unusedText('a = x\n-y')).toEqual(['a = x']);
    expect(unusedText('x\n+y')).toEqual(['x']);
  });

  it('every statement that feeds the output is used, directly or through others', () => {
    expect(unusedText('e = a*b; d = e + c; L = d*f')).toEqual([]);
    expect(unusedText('x = x + 1; x = x*2; x')).toEqual([]);
    expect(unusedText('y')).toEqual([]);
  });

  it('a name read after it is reassigned refers to the later value', () => {
    expect(unusedText('a = 1; a = 2; a')).toEqual(['a = 1']);
    expect(unusedText('a = 1; b = a; a = 2; a + b')).toEqual([]);
    expect(unusedText('t = x; u = t; y')).toEqual(['t = x', 'u = t']);
  });

  it('a chain of 10,000 statements where each feeds the next has none unused (no recursion)', () => {
    const lines = ['s0 = x'];
    for (let i = 1; i < 10_000; i++) lines.push(`s${i} = s${i - 1} + 1`);
    expect(unusedText(lines.join('\n'))).toEqual([]);
    expect(unusedText(`junk = 1\n${lines.join('\n')}`)).toEqual(['junk = 1']);
  });

  it('property: only the one statement nothing reads is reported, wherever it is', () => {
    const cases = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 12 })
      .chain((picks) => fc.tuple(fc.constant(picks), fc.integer({ min: 0, max: picks.length - 1 })));
    fc.assert(fc.property(cases, ([picks, at]) => {
      // Statement i reads statement i-1 (so the chain reaches the output) and maybe an earlier one.
      const lines = picks.map((p, i) => (i === 0 ? 'n0 = x' : `n${i} = n${i - 1} * ${p < i ? `n${p}` : 'y'}`));
      expect(unusedText(lines.join('\n'))).toEqual([]);
      lines.splice(at, 0, 'q = 7');
      expect(unusedText(lines.join('\n'))).toEqual(['q = 7']);
    }), { numRuns: 200 });
  });
});
