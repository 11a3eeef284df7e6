// A --points row equals a single `eval --json` at the same point, bit for bit,
// on random programs built from the op table, for CSV and JSON Lines input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, OPS } from '../../src/ops/table.js';
import { runInProcess } from '../helpers/in-process.js';

const VARS = ['x', 'y', 'z'] as const;

/** Random source text: every call and infix operator of the table can appear. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 5, withCrossShrink: true },
    { arbitrary: fc.constantFrom(...VARS), weight: 2 },
    { arbitrary: fc.constantFrom('2', '0.5', '3', 'pi'), weight: 1 },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...OP_NAMES), fc.array(tie('e'), { minLength: 3, maxLength: 3 })).map(([op, xs]) => {
      const spec = OPS[op];
      if (spec.infix) return `(${xs[0]}) ${spec.infix.symbol} (${xs[1]})`;
      if (spec.prefix) return `${spec.prefix.symbol}(${xs[0]})`;
      const name = spec.calls[0]!;
      const n = spec.arity === 'n' ? 3 : spec.arity;
      return `${name}(${xs.slice(0, n).join(', ')})`;
    }) },
  ),
})).e;

const value = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, NaN, Infinity, 1e-300),
  fc.double(),
);
const row = fc.tuple(value, value, value);

function text(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** A JSON value as our own JSON output writes it: NaN and ±Infinity as strings. */
function json(v: number): string {
  return Number.isFinite(v) ? text(v) : `"${String(v)}"`;
}

describe('--points rows equal single evaluations', () => {
  it('bit for bit, CSV and JSON Lines', async () => {
    await fc.assert(fc.asyncProperty(expr, fc.array(row, { minLength: 1, maxLength: 4 }), fc.boolean(),
      async (source, rows, jsonl) => {
        const program = `t = ${source}\nout = t * x + y - z`;
        const input = jsonl
          ? rows.map(([x, y, z]) => `{"x":${json(x)},"y":${json(y)},"z":${json(z)},"note":"ignored"}`).join('\n\n')
          : `z,x,y\n${rows.map(([x, y, z]) => `${text(z)},${text(x)},${text(y)}`).join('\n')}\n`;
        const batch = await runInProcess(['eval', program, '--points', '-', '--json', '--all'], input);
        expect(batch.stderr).toBe('');
        expect(batch.code).toBe(0);
        const lines = batch.stdout.split('\n').slice(0, -1);
        expect(lines).toHaveLength(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const [x, y, z] = rows[i]!;
          const single = await runInProcess(['eval', program, '--at', `x=${text(x)},y=${text(y)},z=${text(z)}`, '--json', '--all']);
          expect(single.code).toBe(0);
          expect(`${lines[i]}\n`).toBe(single.stdout);
        }
      }), { numRuns: 100 });
  });
});
