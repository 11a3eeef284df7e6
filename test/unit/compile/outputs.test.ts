// A tape with several outputs: one forward sweep, then one backward sweep per
// output over the same data, so a Jacobian is m sweeps after one forward.
import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/compile/tape.js';
import { build } from '../../../src/graph/build.js';
import { parse } from '../../../src/syntax/parser.js';

const SOURCE = 'u = x*y + sin(x); v = max(x, y, 1)*exp(-y); w = u*v; w - x';

function setUp() {
  const built = build(parse(SOURCE), new Map([['x', 0.3], ['y', -1.2]]));
  const outputs = ['u', 'v', 'w'].map((n) => built.named.get(n)!);
  const vars = [...built.variables.values()];
  return { built, outputs, vars };
}

describe.each([true, false])('Tape with several outputs (kernel %s)', (kernel) => {
  it('backward(k) after one forward gives row k of the Jacobian, as a tape of that output alone', () => {
    const { built, outputs, vars } = setUp();
    const tape = new Tape(built.graph.nodes, outputs, { kernel });
    expect(tape.compiled).toBe(kernel);
    expect([...tape.outputs]).toEqual(outputs.map((o) => o.id));
    for (const v of vars) tape.set(v.id, v.data * 2);
    tape.forward();
    const jacobian = outputs.map((_, k) => {
      tape.backward(k);
      return vars.map((v) => tape.grad[v.id]!);
    });
    for (let k = 0; k < outputs.length; k++) {
      const alone = new Tape(built.graph.nodes, [outputs[k]!], { kernel });
      for (const v of vars) alone.set(v.id, v.data * 2);
      alone.forward();
      alone.backward();
      expect(Object.is(alone.value, tape.data[outputs[k]!.id])).toBe(true);
      expect(jacobian[k]).toEqual(vars.map((v) => alone.grad[v.id]!));
    }
    // ∂u/∂x = y + cos(x) at (0.6, -2.4).
    expect(jacobian[0]![0]).toBe(-2.4 + Math.cos(0.6));
    expect(() => tape.backward(3)).toThrow(RangeError);
  });

  it('everyNode gives constants their gradient and leaves the others unchanged', () => {
    const built = build(parse('t = 2*pi*r; sin(t/8)'), new Map([['r', 1]]));
    const nodes = built.graph.nodes;
    const plain = new Tape(nodes, [built.output], { kernel });
    const every = new Tape(nodes, [built.output], { kernel, everyNode: true });
    plain.backward();
    every.backward();
    const pi = nodes.find((v) => v.label === 'pi')!;
    expect(plain.grad[pi.id]).toBe(0);
    expect(every.grad[pi.id]).toBe(2 * Math.cos(Math.PI / 4) / 8);
    for (const v of nodes) if (v.requiresGrad) expect(Object.is(every.grad[v.id], plain.grad[v.id])).toBe(true);
  });
});
