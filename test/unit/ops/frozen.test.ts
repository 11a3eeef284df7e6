// The op table cannot be changed at run time: every engine reads the same rules.
import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/compile/tape.js';
import { build } from '../../../src/graph/build.js';
import { gradient } from '../../../src/index.js';
import type { OpSpec } from '../../../src/ops/spec.js';
import { OPS, OP_LIST, OP_NAMES } from '../../../src/ops/table.js';
import { parse } from '../../../src/syntax/parser.js';

/** Every object and array reachable from `root`. */
function reachable(root: object): object[] {
  const out: object[] = [];
  const stack: object[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    out.push(o);
    for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) stack.push(v);
  }
  return out;
}

describe('the op table is frozen deeply', () => {
  it('OPS, OP_LIST, OP_NAMES, every entry and every nested object or array', () => {
    const all = [...reachable(OPS), ...reachable(OP_LIST), OP_NAMES];
    expect(all.length).toBeGreaterThan(OP_NAMES.length * 2);
    for (const o of all) expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(OPS.mul.calls)).toBe(true);
    expect(Object.isFrozen(OPS.mul.infix)).toBe(true);
  });

  it('assigning an entry or a rule throws, and gradient() and the tape keep the true rule', () => {
    const table = OPS as Record<string, OpSpec>;
    const mul = OPS.mul as { f: (a: number, b: number) => number; da: unknown };
    expect(() => { table.mul = { ...OPS.mul, da: (a: number) => a }; }).toThrow(TypeError);
    expect(() => { mul.f = () => 42; }).toThrow(TypeError);
    expect(() => { mul.da = () => 42; }).toThrow(TypeError);
    expect(() => { (OP_LIST as OpSpec[])[0] = OPS.sub; }).toThrow(TypeError);
    expect(() => { (OPS.mul.calls as string[]).push('times'); }).toThrow(TypeError);
    const r = gradient('a*b', { a: 2, b: 3 });
    expect(r.value).toBe(6);
    expect([...r.gradient]).toEqual([['a', 3], ['b', 2]]);
    const built = build(parse('a*b'), new Map([['a', 2], ['b', 3]]));
    const tape = new Tape(built.graph.nodes, [built.output]);
    tape.forward();
    tape.backward();
    expect(tape.value).toBe(6);
    expect(tape.grad[built.variables.get('a')!.id]).toBe(3);
  });
});
