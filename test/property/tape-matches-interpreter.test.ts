// The compiled tape (its generated kernel and its tape loop) agrees bit for
// bit with a reference interpreter written plainly from the op table
// (test/helpers/reference.ts) on random programs built from every entry of the
// op table, with shared nodes, named (constant) nodes and outputs that leave
// part of the graph unreached.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tape } from '../../src/compile/tape.js';
import { referenceBackward as backward, referenceForward as forward } from '../helpers/reference.js';
import { Graph, type Value } from '../../src/graph/value.js';
import { OP_NAMES, OPS } from '../../src/ops/table.js';

const SPECIAL = [0, -0, 1, -1, 0.5, 2, 1e-300, -1e300, Infinity, -Infinity, NaN, Math.PI];
const number = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double(),
);

const step = fc.record({
  op: fc.nat(OP_NAMES.length - 1),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  named: fc.boolean(),
});

const recipe = fc.record({
  variables: fc.array(number, { minLength: 1, maxLength: 4 }),
  constants: fc.array(number, { maxLength: 3 }),
  steps: fc.array(step, { minLength: 1, maxLength: 40 }),
  outputBack: fc.nat(5),
  later: fc.array(number, { minLength: 4, maxLength: 4 }),
});

type Recipe = typeof recipe extends fc.Arbitrary<infer T> ? T : never;

function buildGraph(r: Recipe): { graph: Graph; vars: Value[]; output: Value } {
  const graph = new Graph();
  const vars = r.variables.map((x, i) => graph.variable(`x${i}`, x));
  for (const c of r.constants) graph.constant(c);
  for (const s of r.steps) {
    const op = OP_NAMES[s.op]!;
    const arity = OPS[op].arity;
    const count = arity === 'n' ? s.picks.length : arity;
    const nodes = graph.nodes;
    const inputs: Value[] = [];
    // Prefer recent nodes so programs get deep, but reuse older ones too.
    for (let k = 0; k < count; k++) {
      const pick = s.picks[k % s.picks.length]! + k;
      inputs.push(nodes[nodes.length - 1 - (pick % Math.min(nodes.length, 6 + (pick % nodes.length)))]!);
    }
    const node = graph.apply(op, inputs);
    if (s.named) graph.name(node, `t${node.id}`);
  }
  const nodes = graph.nodes;
  const output = nodes[Math.max(0, nodes.length - 1 - r.outputBack)]!;
  return { graph, vars, output };
}

function expectSameBits(actual: Float64Array, nodes: readonly Value[], key: 'data' | 'grad'): void {
  for (let i = 0; i < nodes.length; i++) {
    const want = nodes[i]![key];
    if (!Object.is(actual[i], want)) {
      expect.fail(`${key} of node ${i} (${nodes[i]!.op}): tape ${actual[i]} vs interpreter ${want}`);
    }
  }
}

describe.each([
  ['generated kernel', true],
  ['tape loop', false],
] as const)('compiled tape (%s)', (_mode, kernel) => {
  it('matches the interpreter bit for bit on random programs', () => {
    fc.assert(fc.property(recipe, (r) => {
      const { graph, vars, output } = buildGraph(r);
      const tape = new Tape(graph.nodes, [output], { kernel });
      expect(tape.compiled).toBe(kernel);
      forward(graph.nodes);
      backward(graph.nodes, output);
      tape.forward();
      tape.backward();
      expectSameBits(tape.data, graph.nodes, 'data');
      expectSameBits(tape.grad, graph.nodes, 'grad');

      // A new point: both engines recompute from scratch.
      vars.forEach((v, i) => {
        v.data = r.later[i % r.later.length]!;
        tape.set(v.id, v.data);
      });
      forward(graph.nodes);
      backward(graph.nodes, output);
      tape.forward();
      tape.backward();
      expectSameBits(tape.data, graph.nodes, 'data');
      expectSameBits(tape.grad, graph.nodes, 'grad');
      expect(Object.is(tape.value, output.data)).toBe(true);
    }), { numRuns: 300 });
  });

  it('covers every op of the table', () => {
    const graph = new Graph();
    const x = graph.variable('x', 0.3);
    const y = graph.variable('y', 0.7);
    const terms = OP_NAMES.map((op) => {
      const a = OPS[op].arity;
      return graph.apply(op, a === 1 ? [x] : a === 2 ? [x, y] : [x, y, x]);
    });
    let sum = terms[0]!;
    for (const t of terms.slice(1)) sum = graph.apply('add', [sum, t]);
    const tape = new Tape(graph.nodes, [sum], { kernel });
    forward(graph.nodes);
    backward(graph.nodes, sum);
    tape.forward();
    tape.backward();
    expectSameBits(tape.data, graph.nodes, 'data');
    expectSameBits(tape.grad, graph.nodes, 'grad');
  });

  it('handles a 1,000,000-deep chain without recursion', () => {
    const graph = new Graph();
    let v = graph.variable('x', 0.5);
    const x = v;
    for (let i = 0; i < 1_000_000; i++) v = graph.apply(i % 2 === 0 ? 'sin' : 'add', i % 2 === 0 ? [v] : [v, x]);
    const tape = new Tape(graph.nodes, [v], { kernel });
    expect(tape.compiled).toBe(false);
    tape.forward();
    tape.backward();
    forward(graph.nodes);
    backward(graph.nodes, v);
    expect(Object.is(tape.value, v.data)).toBe(true);
    expect(Object.is(tape.grad[x.id], x.grad)).toBe(true);
  });
});
