import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceBackward } from '../../../src/calculus/trace.js';
import { backward, forward } from '../../../src/compile/sweep.js';
import { build, type Built } from '../../../src/graph/build.js';
import { evaluate, graphFromData, pageData } from '../../../src/page/model.js';
import { buildSteps, stepView } from '../../../src/page/steps.js';
import { formatTrace } from '../../../src/render/trace.js';
import { parse } from '../../../src/syntax/parser.js';

const CLASSIC = 'e = a*b; d = e + c; L = d*f';
const CLASSIC_AT = new Map([['a', 2], ['b', -3], ['c', 10], ['f', -2]]);

/** The CLI's numbers: build at `at`, the engine's sweeps as --dot runs them. */
function cli(source: string, at: ReadonlyMap<string, number>): Built {
  const built = build(parse(source), at, { evaluate: false });
  forward(built.graph.nodes);
  backward(built.graph.nodes, built.output, { everyNode: true });
  return built;
}

/** The page's graph of `source` written at `written`, then evaluated at `at`. */
function page(source: string, written: ReadonlyMap<string, number>, at: ReadonlyMap<string, number>) {
  const data = JSON.parse(JSON.stringify(pageData(cli(source, written), source))) as ReturnType<typeof pageData>;
  const g = graphFromData(data);
  evaluate(g, at);
  return g;
}

describe('the page\'s graph (embedded data, rebuilt, run by the engine)', () => {
  it('gives every node the CLI\'s data and grad bit for bit, at random points', () => {
    const programs = [
      [CLASSIC, ['a', 'b', 'c', 'f']],
      ['θ = 2*pi*r; sin(θ/8)', ['r']],
      ['b = a + a; c = b * b', ['a']],
      ['k = 3; y = k*x + max(x, 1, k); log(abs(y)) - -x^2', ['x']],
    ] as const;
    fc.assert(fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 4, maxLength: 4 }), (xs) => {
      for (const [source, names] of programs) {
        const at = new Map(names.map((n, i) => [n, xs[i]!]));
        const ones = new Map(names.map((n) => [n, 1]));
        const expected = cli(source, at);
        const g = page(source, ones, at);
        expect(g.output.id).toBe(expected.output.id);
        for (let i = 0; i <= expected.output.id; i++) {
          const want = expected.graph.nodes[i]!;
          const got = g.nodes[i]!;
          expect([got.op, got.label, got.requiresGrad]).toEqual([want.op, want.label, want.requiresGrad]);
          expect(Object.is(got.data, want.data)).toBe(true);
          expect(Object.is(got.grad, want.grad)).toBe(true);
        }
      }
    }), { numRuns: 30 });
  });

  it('keeps NaN, ±Infinity and -0 leaves through JSON', () => {
    const g = page('x*y + z + w', new Map([['x', NaN], ['y', Infinity], ['z', -0], ['w', -Infinity]]), new Map());
    expect(g.variables.map(([n, v]) => [n, v.data])).toEqual([['x', NaN], ['y', Infinity], ['z', -0], ['w', -Infinity]]);
  });

  it('lists the variables in order of first appearance with their node ids', () => {
    const data = pageData(cli(CLASSIC, CLASSIC_AT), CLASSIC);
    expect(data.variables.map(([n]) => n)).toEqual(['a', 'b', 'c', 'f']);
    expect(data.outputName).toBe('L');
  });
});

describe('the page\'s step-through', () => {
  it('walks the forward pass in creation order with the values, then the backward pass from the output', () => {
    const g = page(CLASSIC, CLASSIC_AT, CLASSIC_AT);
    const steps = buildSteps(g, CLASSIC, 'L');
    expect(steps.filter((s) => s.pass === 'forward').map((s) => s.text)).toEqual([
      'e = a*b = 2.0000 · -3.0000 = -6.0000',
      'd = e + c = -6.0000 + 10.0000 = 4.0000',
      'L = d*f = 4.0000 · -2.0000 = -8.0000',
    ]);
    const back = steps.filter((s) => s.pass === 'backward');
    expect(back[0]!.node).toBe(g.output.id);
    expect(back[0]!.text).toContain('dL/dL = 1');
    expect(back.map((s) => s.node)).toEqual(traceBackward(g.nodes, g.output, { everyNode: true }).map((b) => b.node.id));
  });

  it('shows each backward step\'s lines exactly as --trace prints them', () => {
    const g = page(CLASSIC, CLASSIC_AT, CLASSIC_AT);
    const steps = buildSteps(g, CLASSIC, 'L');
    const plain = { name: (s: string) => s, dim: (s: string) => s };
    const trace = formatTrace(traceBackward(g.nodes, g.output, { everyNode: true }), { source: CLASSIC, output: g.output, outputName: 'L' }, plain);
    const lines = steps.flatMap((s) => s.lines);
    expect(lines.length).toBeGreaterThan(8);
    expect(trace.split('\n').filter((l) => l.trim() !== '').slice(1)).toEqual(lines);
    expect(lines).toContain('  dL/dd = dL/dL · ∂(d*f)/∂d = 1.0000 · -2.0000 = -2.0000');
  });

  it('marks later nodes not yet computed on the way forward', () => {
    const g = page(CLASSIC, CLASSIC_AT, CLASSIC_AT);
    const steps = buildSteps(g, CLASSIC, 'L');
    const first = stepView(g, steps, 0);
    const e = steps[0]!.node;
    expect(first.computed[e]).toBe(1);
    expect(first.computed[steps[1]!.node]).toBe(0);
    expect(first.computed[g.output.id]).toBe(0);
    expect([...first.grad].every(Number.isNaN)).toBe(true);
  });

  it('keeps a node used twice pending until its last contribution lands, with the running sum', () => {
    const source = 'b = a + a; c = b * b';
    const at = new Map([['a', 3]]);
    const g = page(source, at, at);
    const steps = buildSteps(g, source, 'c');
    const a = g.variables[0]![1].id;
    const b = g.nodes.find((v) => v.label === 'b')!.id;
    const atB = steps.findIndex((s) => s.pass === 'backward' && s.node === b);
    const atC = steps.findIndex((s) => s.pass === 'backward' && s.node === g.output.id);
    // After c's step: b has both contributions (b*b), a none yet.
    const afterC = stepView(g, steps, atC);
    expect([afterC.grad[b], afterC.gradDone[b]]).toEqual([12, 1]);
    expect(afterC.grad[a]).toBeNaN();
    expect(steps[atC]!.lines.some((l) => l.includes('+='))).toBe(true);
    const afterB = stepView(g, steps, atB);
    expect([afterB.grad[a], afterB.gradDone[a]]).toEqual([24, 1]);
    expect(steps[atB]!.lines).toHaveLength(3);
    expect(steps[atB]!.lines[0]).toMatch(/^b = a \+ a /);
    expect(steps[atB]!.lines[2]).toContain('+=');
    expect(steps[atB]!.inputs).toEqual([a, a]);
  });

  it('shows a grad reached from two nodes as pending, with its sum so far, between their steps', () => {
    const source = 'y = a*b; z = y + a';
    const at = new Map([['a', 2], ['b', 5]]);
    const g = page(source, at, at);
    const steps = buildSteps(g, source, 'z');
    const a = g.variables[0]![1].id;
    const atZ = steps.findIndex((s) => s.pass === 'backward' && s.node === g.output.id);
    const atY = steps.findIndex((s) => s.pass === 'backward' && g.nodes[s.node]!.label === 'y');
    expect(atY).toBeGreaterThan(atZ);
    const afterZ = stepView(g, steps, atZ);
    expect([afterZ.grad[a], afterZ.gradDone[a]]).toEqual([1, 0]);
    const afterY = stepView(g, steps, atY);
    expect([afterY.grad[a], afterY.gradDone[a]]).toEqual([6, 1]);
    expect(steps[atY]!.lines.find((l) => l.includes('dz/da'))).toContain('(sum 6.0000, 2 of 2)');
  });
});
