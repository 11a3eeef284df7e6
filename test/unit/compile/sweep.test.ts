// The Value graph's sweeps (compile/sweep.ts) reuse a graph's flattened form
// between calls; a graph that grew, or whose named nodes changed, is flattened again.
import { describe, expect, it } from 'vitest';
import { backward, forward } from '../../../src/compile/sweep.js';
import { Graph } from '../../../src/graph/value.js';

describe('forward and backward on a Value graph', () => {
  it('follow the graph as it grows and as nodes are named', () => {
    const g = new Graph();
    const x = g.variable('x', 3);
    const two = g.constant(2);
    const t = g.apply('mul', [two, g.constant(5)]);
    const y = g.apply('mul', [x, t]);
    backward(g.nodes, y);
    expect([x.grad, t.grad]).toEqual([10, 0]);
    // Naming t makes its gradient wanted.
    g.name(t, 't');
    backward(g.nodes, y);
    expect([x.grad, t.grad]).toEqual([10, 3]);
    // A node added later is part of the next sweeps.
    const z = g.apply('sin', [y]);
    x.data = 0.1;
    forward(g.nodes);
    expect(y.data).toBe(0.1 * 10);
    expect(z.data).toBe(Math.sin(1));
    backward(g.nodes, z);
    expect(x.grad).toBe(Math.cos(1) * 10);
    // everyNode: the literal 2 gets ∂z/∂2 = cos(1)·x·5.
    backward(g.nodes, z, { everyNode: true });
    expect(two.grad).toBe(Math.cos(1) * 0.1 * 5);
    expect(() => backward(g.nodes.slice(0, 2), z)).toThrow(RangeError);
  });
});
