// --check through the real command (in process): passes on every op of the
// table at an in-domain point, and exits 1 when a rule is broken.
import { describe, expect, it, vi } from 'vitest';
import type { OpSpec } from '../../../src/ops/spec.js';
import { OPS, OP_NAMES, type OpName } from '../../../src/ops/table.js';
import { runMain } from '../../helpers/in-process.js';
import { withRule } from '../../helpers/op-table.js';
import { OP_POINTS } from '../calculus/op-points.js';

vi.mock('../../../src/ops/table.js', async (real) =>
  (await import('../../helpers/op-table.js')).swappableTable(await real()));

/** The op written as a user would: `a + b`, `-a`, `atan2(a, b)`, `max(x0, x1, x2)`. */
function expressionOf(name: OpName, arity: number): { expr: string; vars: string[] } {
  const spec: OpSpec = OPS[name];
  const vars = arity === 1 ? ['a'] : arity === 2 ? ['a', 'b'] : Array.from({ length: arity }, (_, i) => `x${i}`);
  if (spec.infix) return { expr: `${vars[0]} ${spec.infix.symbol} ${vars[1]}`, vars };
  if (spec.prefix) return { expr: `${spec.prefix.symbol}${vars[0]}`, vars };
  return { expr: `${spec.calls[0]}(${vars.join(', ')})`, vars };
}

function argsFor(name: OpName): string[] {
  const point: readonly number[] = OP_POINTS[name];
  const { expr, vars } = expressionOf(name, point.length);
  return ['eval', '--at', vars.map((v, i) => `${v}=${point[i]}`).join(','), '--check', '--json', '--', expr];
}

describe('autograd eval --check on every op', () => {
  for (const name of OP_NAMES) {
    it(name, async () => {
      const r = await runMain(argsFor(name));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const check = JSON.parse(r.stdout).check as Record<string, { ok: boolean; error: number }>;
      expect(Object.keys(check).length).toBe(OP_POINTS[name].length);
      for (const [v, c] of Object.entries(check)) expect(c.ok, `${name} ${v}: ${c.error}`).toBe(true);
    });
  }
});

describe('a deliberately broken derivative rule', () => {
  it('makes --check exit 1 and name the variable (the table file is not edited)', async () => {
    // d/da (a*b) = a instead of b: injected for this test only, in this file's own copy of the table.
    await withRule('mul', { ...OPS.mul, da: (a: number) => a }, async () => {
      const r = await runMain(['eval', 'a*b + sin(a)', '--at', 'a=2,b=3', '--check']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/∂f\/∂a .* FAIL\n/);
      expect(r.stdout).toMatch(/∂f\/∂b .* ok\n/);
    });
    expect((await runMain(['eval', 'a*b + sin(a)', '--at', 'a=2,b=3', '--check'])).code).toBe(0);
  });
});
