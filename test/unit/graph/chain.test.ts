// The Value graph through the library API: long chains are loops, not recursion,
// and a node used many times accumulates its gradient.
import { describe, expect, it } from 'vitest';
import { backward, forward, gradient, Graph } from '../../../src/index.js';

describe('Graph', () => {
  it('a 1,000,000-node chain evaluates and differentiates', () => {
    const n = 1_000_000;
    const g = new Graph();
    const x = g.variable('x', 2);
    const k = g.constant(1 + 1e-6);
    let v = x;
    for (let i = 0; i < n; i++) v = g.apply('mul', [v, k]);
    expect(g.nodes.length).toBe(n + 2);
    // y = x * k^n, dy/dx = k^n ≈ e; n roundings of relative error ≤ 2^-53 each.
    const kn = Math.pow(1 + 1e-6, n);
    expect(Math.abs(v.data - 2 * kn)).toBeLessThan(2 * kn * n * 2 ** -52);
    backward(g.nodes, v);
    expect(Math.abs(x.grad - kn)).toBeLessThan(kn * n * 2 ** -52);
    expect(k.grad).toBe(0); // a constant gets no gradient
    // forward() recomputes in creation order after a leaf changes
    x.data = 4;
    forward(g.nodes);
    expect(Math.abs(v.data - 4 * kn)).toBeLessThan(4 * kn * n * 2 ** -52);
  });

  it('a 1,000,000-deep chain of unary ops', () => {
    const n = 1_000_000;
    const g = new Graph();
    const x = g.variable('x', 0.5);
    let v = x;
    for (let i = 0; i < n; i++) v = g.apply(i % 2 === 0 ? 'neg' : 'sin', [v]);
    backward(g.nodes, v);
    expect(Number.isFinite(v.data)).toBe(true);
    expect(Number.isFinite(x.grad)).toBe(true);
    expect(x.grad).not.toBe(0);
  });

  it('a reused node accumulates: x*x*x + x', () => {
    const g = new Graph();
    const x = g.variable('x', 3);
    const y = g.apply('add', [g.apply('mul', [g.apply('mul', [x, x]), x]), x]);
    expect(y.data).toBe(30);
    backward(g.nodes, y);
    expect(x.grad).toBe(28); // 3x^2 + 1
    expect(gradient('x*x*x + x', { x: 3 }).gradient.get('x')).toBe(28);
    expect(gradient('y = x*x; y*y + y', { x: 2 }).gradient.get('x')).toBe(4 * 8 + 4); // 4x^3 + 2x
  });

  it('one node used a thousand times', () => {
    const src = Array.from({ length: 1000 }, () => 'x').join('*');
    const r = gradient(src, { x: 1.001 });
    expect(r.gradient.get('x')! / (1000 * Math.pow(1.001, 999))).toBeCloseTo(1, 12);
  });

  it('backward visits only what the output depends on, and max ties split', () => {
    const g = new Graph();
    const x = g.variable('x', 0);
    const unrelated = g.variable('u', 5);
    const zero = g.constant(0);
    const m = g.apply('max', [x, zero]);
    g.apply('mul', [unrelated, unrelated]);
    backward(g.nodes, m);
    expect(x.grad).toBe(0.5);
    expect(unrelated.grad).toBe(0);
  });

  it('apply checks the arity', () => {
    const g = new Graph();
    const x = g.variable('x', 1);
    expect(() => g.apply('add', [x])).toThrow(RangeError);
    expect(() => g.apply('max', [])).toThrow(RangeError);
  });
});
