// --trace: golden walkthroughs of the backward pass, as text and as JSON.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CLASSIC_TRACE = `backward pass from L, in reverse topological order (dL/dn: gradient of L; ∂(…)/∂n: local derivative of one op):

L = d*f   op *   data -8.0000   grad 1.0000
  dL/dL = 1 (the output)
  dL/dd = dL/dL · ∂(d*f)/∂d = 1.0000 · -2.0000 = -2.0000
  dL/df = dL/dL · ∂(d*f)/∂f = 1.0000 · 4.0000 = 4.0000

f   variable   data -2.0000   grad 4.0000

d = e + c   op +   data 4.0000   grad -2.0000
  dL/de = dL/dd · ∂(e + c)/∂e = -2.0000 · 1.0000 = -2.0000
  dL/dc = dL/dd · ∂(e + c)/∂c = -2.0000 · 1.0000 = -2.0000

c   variable   data 10.0000   grad -2.0000

e = a*b   op *   data -6.0000   grad -2.0000
  dL/da = dL/de · ∂(a*b)/∂a = -2.0000 · -3.0000 = 6.0000
  dL/db = dL/de · ∂(a*b)/∂b = -2.0000 · 2.0000 = -4.0000

b   variable   data -3.0000   grad -4.0000

a   variable   data 2.0000   grad 6.0000

L = -8
∂L/∂a = 6
∂L/∂b = -4
∂L/∂c = -2
∂L/∂f = 4
`;

const TWICE_TRACE = `backward pass from c, in reverse topological order (dc/dn: gradient of c; ∂(…)/∂n: local derivative of one op):

c = b * b   op *   data 36.0000   grad 1.0000
  dc/dc = 1 (the output)
  dc/db += dc/dc · ∂(b * b)/∂b = 1.0000 · 6.0000 = 6.0000   (sum 6.0000, 1 of 2)
  dc/db += dc/dc · ∂(b * b)/∂b = 1.0000 · 6.0000 = 6.0000   (sum 12.0000, 2 of 2)

b = a + a   op +   data 6.0000   grad 12.0000
  dc/da += dc/db · ∂(a + a)/∂a = 12.0000 · 1.0000 = 12.0000   (sum 12.0000, 1 of 2)
  dc/da += dc/db · ∂(a + a)/∂a = 12.0000 · 1.0000 = 12.0000   (sum 24.0000, 2 of 2)

a   variable   data 3.0000   grad 24.0000

c = 36
∂c/∂a = 24
`;

describe('--trace', () => {
  it('the classic e = a*b; d = e + c; L = d*f', () => {
    const r = runCli(['eval', 'e = a*b; d = e + c; L = d*f', '--at', 'a=2,b=-3,c=10,f=-2', '--trace']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CLASSIC_TRACE);
  });

  it('a node used twice: b = a + a; c = b * b, with running sums', () => {
    const r = runCli(['eval', 'b = a + a; c = b * b', '--at', 'a=3', '--trace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(TWICE_TRACE);
  });

  it('unnamed nodes appear as written; --precision switches to significant digits', () => {
    const r = runCli(['eval', 'x*sin(x)', '--at', 'x=2', '--trace', '--precision', '4']);
    expect(r.stdout).toContain('  df/d(sin(x)) = df/df · ∂(x*sin(x))/∂(sin(x)) = 1 · 2 = 2\n');
    expect(r.stdout).toContain('\nsin(x)   op sin   data 0.9093   grad 2\n');
    expect(r.stdout).toContain('  df/dx += df/d(sin(x)) · ∂(sin(x))/∂x = 2 · -0.4161 = -0.8323   (sum 0.077, 2 of 2)\n');
  });

  it('--json adds a trace array with the same facts', () => {
    const r = runCli(['eval', 'b = a + a; c = b * b', '--at', 'a=3', '--trace', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"output":"c","value":36,"gradient":{"a":24},"trace":[' +
      '{"node":"c","expression":"b * b","op":"mul","data":36,"grad":1,"inputs":[' +
      '{"input":"b","index":0,"upstreamGrad":1,"localDerivative":6,"contribution":6,"sum":6},' +
      '{"input":"b","index":1,"upstreamGrad":1,"localDerivative":6,"contribution":6,"sum":12}]},' +
      '{"node":"b","expression":"a + a","op":"add","data":6,"grad":12,"inputs":[' +
      '{"input":"a","index":0,"upstreamGrad":12,"localDerivative":1,"contribution":12,"sum":12},' +
      '{"input":"a","index":1,"upstreamGrad":12,"localDerivative":1,"contribution":12,"sum":24}]},' +
      '{"node":"a","expression":"a","op":"var","data":3,"grad":24,"inputs":[]}]}\n');
  });

  it('a gradient and a local derivative never share a notation (no dL/dd = dL/dL · dL/dd)', () => {
    const r = runCli(['eval', 'e = a*b; d = e + c; L = d*f', '--at', 'a=2,b=-3,c=10,f=-2', '--trace']);
    const steps = r.stdout.split('\n').filter((l) => / [+]?= dL\/d/.test(l));
    expect(steps).toHaveLength(6);
    for (const line of steps) {
      const [, total, upstream, local] = /^ {2}(dL\/d\w+) \+?= (dL\/d\w+) · (.+?) = /.exec(line)!;
      expect(local!.startsWith('∂(')).toBe(true);
      expect([total, upstream]).not.toContain(local);
    }
  });

  it('the contributions into each node add up to its grad', () => {
    const r = runCli(['eval', 'h = tanh(w1*x1 + w2*x2 + b); L = h*h + h', '--at', 'w1=-3,x1=2,w2=1,x2=0,b=6.88', '--trace', '--json']);
    const { trace } = JSON.parse(r.stdout) as { trace: Array<{ node: string; grad: number; inputs: Array<{ input: string; contribution: number }> }> };
    const sums = new Map<string, number>();
    for (const block of trace) for (const s of block.inputs) sums.set(s.input, (sums.get(s.input) ?? 0) + s.contribution);
    for (const block of trace) {
      if (block.node === 'L') continue;
      expect(Math.abs(sums.get(block.node)! - block.grad)).toBeLessThan(1e-12);
    }
  });
});
