import { describe, expect, it } from 'vitest';
import { traceBackward } from '../../../src/calculus/trace.js';
import { firstNonFiniteGradient, firstNonFiniteValue } from '../../../src/calculus/non-finite.js';
import { build } from '../../../src/graph/build.js';
import { backward, forward } from '../../../src/compile/sweep.js';
import { parse } from '../../../src/syntax/parser.js';

function built(src: string, at: Record<string, number>) {
  const b = build(parse(src), new Map(Object.entries(at)));
  forward(b.graph.nodes);
  return b;
}

describe('traceBackward', () => {
  it('records every edge with running sums that end at each grad', () => {
    const b = built('b = a + a; c = b * b + a', { a: 3 });
    const blocks = traceBackward(b.graph.nodes, b.output);
    expect(blocks[0]!.node).toBe(b.output);
    const a = b.variables.get('a')!;
    const intoA = blocks.flatMap((bl) => bl.steps).filter((s) => s.input === a);
    expect(intoA.map((s) => [s.nth, s.of])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(intoA.at(-1)!.sum).toBe(a.grad);
    expect(a.grad).toBe(25);
    for (const s of blocks.flatMap((bl) => bl.steps)) expect(s.contribution).toBe(s.upstream * s.local);
    // The same grads as a plain backward pass.
    const grads = b.graph.nodes.map((v) => v.grad);
    backward(b.graph.nodes, b.output);
    expect(b.graph.nodes.map((v) => v.grad)).toEqual(grads);
  });

  it('skips constants and nodes the output does not depend on', () => {
    const b = built('u = sin(y); z = 2*x', { x: 1, y: 2 });
    const blocks = traceBackward(b.graph.nodes, b.output);
    expect(blocks.map((bl) => bl.node.label ?? bl.node.op)).toEqual(['z', 'x']);
  });
});

describe('non-finite origins', () => {
  it('forward: the first node made non-finite from finite inputs', () => {
    const b = built('p = log(x); q = p * 2; r = q / 0', { x: -1 });
    expect(firstNonFiniteValue(b.graph.nodes, b.output)?.op).toBe('log');
    const ok = built('x * 2', { x: 1 });
    expect(firstNonFiniteValue(ok.graph.nodes, ok.output)).toBeUndefined();
  });

  it('backward: the first edge whose product is not finite', () => {
    const b = built('y = sqrt(x) * 3', { x: 0 });
    backward(b.graph.nodes, b.output);
    const o = firstNonFiniteGradient(b.graph.nodes, b.output)!;
    expect(o.node.op).toBe('sqrt');
    expect(o.local).toBe(Infinity);
    expect(o.upstream).toBe(3);
    const ok = built('x * 2', { x: 1 });
    backward(ok.graph.nodes, ok.output);
    expect(firstNonFiniteGradient(ok.graph.nodes, ok.output)).toBeUndefined();
  });
});
