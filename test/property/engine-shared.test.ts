// One engine for --check, optimize and --points --hessian: on random programs
// from the whole op table, the compiled tape gives the same numbers bit for bit
// as a reference interpreter written plainly from the op table
// (test/helpers/reference.ts): objectives (value and gradient over a sequence
// of points), --check entries, and the per-row Hessian against eval --hessian.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGradient, compare, DEFAULT_TOLERANCE, type CheckEntry } from '../../src/calculus/check.js';
import { tapeObjective, type Objective } from '../../src/calculus/descent.js';
import { adaptiveDerivative } from '../../src/calculus/finite-difference.js';
import { HessianTape, type Hessian } from '../../src/calculus/hessian.js';
import { symbolicGradient } from '../../src/calculus/symbolic-gradient.js';
import { compileProgram } from '../../src/compile/program.js';
import { build, type Built } from '../../src/graph/build.js';
import { referenceBackward as backward, referenceForward as forward } from '../helpers/reference.js';
import { chooseTargets } from '../../src/graph/targets.js';
import type { Value } from '../../src/graph/value.js';
import { parse } from '../../src/syntax/parser.js';
import { expressionArb, VARS } from '../helpers/random-expr.js';
import { runInProcess } from '../helpers/in-process.js';

const number = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, NaN, Infinity, -Infinity, 1e-300) },
  { weight: 1, arbitrary: fc.double() },
);
const point = fc.tuple(number, number, number);
/** A program with a named step, so --all and named targets are covered too. */
const program = fc.tuple(expressionArb(undefined, 4), expressionArb(undefined, 3))
  .map(([a, b]) => `t = ${a}\nout = t * (${b}) + x - y * z`);

function atOf(p: readonly number[]): Map<string, number> {
  return new Map(VARS.map((n, i) => [n, p[i]!]));
}

function same(a: number, b: number, what: string): void {
  if (!Object.is(a, b)) expect.fail(`${what}: tape ${a} vs interpreter ${b}`);
}

/** The objective of a built program over `params`, on the reference interpreter. */
function graphObjective(built: Built, params: readonly Value[]): Objective {
  const nodes = built.graph.nodes;
  return {
    size: params.length,
    evaluate(point, grad) {
      for (let i = 0; i < params.length; i++) params[i]!.data = point[i]!;
      forward(nodes);
      backward(nodes, built.output);
      for (let i = 0; i < params.length; i++) grad[i] = params[i]!.grad;
      return built.output.data;
    },
  };
}

/** The Hessian at the built point on the reference interpreter: each gradient entry backpropagated, the upper triangle mirrored. */
function hessian(built: Built, variables: ReadonlyArray<readonly [string, Value]>): Hessian {
  const { graph, targets, gradient } = symbolicGradient(built, variables);
  forward(graph.nodes);
  const rows = gradient.map(([, g]) => {
    backward(graph.nodes, g);
    return targets.map(([, v]) => v.grad);
  });
  for (let i = 0; i < rows.length; i++) for (let j = 0; j < i; j++) rows[i]![j] = rows[j]![i]!;
  return { names: targets.map(([name]) => name), rows };
}

/** --check as it was before the tape: probes re-run forward() over the graph's later nodes. */
function checkOnGraph(nodes: readonly Value[], output: Value, targets: ReadonlyArray<readonly [string, Value]>): CheckEntry[] {
  return targets.map(([name, node]) => {
    const original = node.data;
    const after = nodes.slice(node.id + 1);
    const entry = compare(name, node.grad, adaptiveDerivative({
      f: (x) => {
        node.data = x;
        forward(after);
        return output.data;
      },
      size: () => {
        backward(nodes, output);
        return after.reduce((s, v) => (v.inputs.length > 0 ? s + Math.abs(v.data * v.grad) : s), 0);
      },
    }, original, output.data), DEFAULT_TOLERANCE);
    node.data = original;
    forward(after);
    backward(nodes, output);
    return entry;
  });
}

describe('the compiled tape serves check and optimize with the interpreter\'s numbers', () => {
  it('tapeObjective = graphObjective bit for bit, over a sequence of points', () => {
    fc.assert(fc.property(program, fc.array(point, { minLength: 1, maxLength: 4 }), (source, points) => {
      const built = build(parse(source), atOf(points[0]!));
      const params = [...built.variables.values()];
      const graph = graphObjective(built, params);
      const tape = tapeObjective(compileProgram(built, [built.output]).tape, Int32Array.from(params, (v) => v.id));
      const g1 = new Float64Array(params.length);
      const g2 = new Float64Array(params.length);
      for (const p of points) {
        const x = Float64Array.from(params, (v) => p[VARS.indexOf(v.label as typeof VARS[number])]!);
        same(tape.evaluate(x, g1), graph.evaluate(x, g2), 'value');
        for (let i = 0; i < params.length; i++) same(g1[i]!, g2[i]!, `gradient ${i}`);
      }
    }), { numRuns: 200 });
  });

  it('checkGradient on the tape = the interpreter\'s probes, bit for bit (variables and named nodes)', () => {
    fc.assert(fc.property(program, point, (source, p) => {
      const built = build(parse(source), atOf(p));
      const nodes = built.graph.nodes;
      forward(nodes);
      backward(nodes, built.output);
      const targets = chooseTargets(built, { all: true });
      const before = nodes.map((v) => v.data);
      const onTape = checkGradient(built, targets);
      // The graph is not touched by the tape's probes.
      for (let i = 0; i < nodes.length; i++) same(nodes[i]!.data, before[i]!, `data of node ${i}`);
      const onGraph = checkOnGraph(nodes, built.output, targets);
      expect(onTape.length).toBe(onGraph.length);
      for (let k = 0; k < onTape.length; k++) {
        const a = onTape[k]!;
        const b = onGraph[k]!;
        expect(a.name).toBe(b.name);
        same(a.numeric, b.numeric, `numeric ${a.name}`);
        same(a.analytic, b.analytic, `analytic ${a.name}`);
        expect(a.ok).toBe(b.ok);
      }
    }), { numRuns: 200 });
  });

  it('HessianTape at each point = hessian() built at that point, bit for bit', () => {
    fc.assert(fc.property(program, fc.array(point, { minLength: 1, maxLength: 3 }), (source, points) => {
      const parsed = parse(source);
      const nanBuilt = build(parsed, atOf([NaN, NaN, NaN]));
      const h = new HessianTape(nanBuilt, [...nanBuilt.variables]);
      for (const p of points) {
        const at = atOf(p);
        const rows = h.evaluate((v) => at.get(v.label!)!);
        const built = build(parsed, at);
        const want = hessian(built, [...built.variables]);
        expect(h.names).toEqual(want.names);
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j++) same(rows[i]![j]!, want.rows[i]![j]!, `H[${i}][${j}]`);
        }
      }
    }), { numRuns: 150 });
  });
});

function text(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

describe('--points --hessian', () => {
  it('each JSON Lines row equals eval --json --hessian at that point, bit for bit', async () => {
    await fc.assert(fc.asyncProperty(program, fc.array(point, { minLength: 1, maxLength: 3 }), async (source, rows) => {
      const input = `x,y,z\n${rows.map((r) => r.map(text).join(',')).join('\n')}\n`;
      const batch = await runInProcess(['eval', source, '--points', '-', '--json', '--hessian', '--all'], input);
      expect(batch.stderr).toBe('');
      expect(batch.code).toBe(0);
      const lines = batch.stdout.split('\n').slice(0, -1);
      expect(lines).toHaveLength(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [x, y, z] = rows[i]!.map(text);
        const single = await runInProcess(['eval', source, '--at', `x=${x},y=${y},z=${z}`, '--json', '--hessian', '--all']);
        expect(single.code).toBe(0);
        expect(`${lines[i]}\n`).toBe(single.stdout);
      }
    }), { numRuns: 60 });
  });
});
