import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

const NEURON = ['sigmoid(a*x+b*y+c)', '--at', 'a=1,b=2,c=-3,x=-1,y=3'];

describe('autograd optimize', () => {
  it('one step of ascent on the neuron: the value before and after and the final point', () => {
    const r = runCli(['optimize', ...NEURON, '--lr', '0.01', '--maximize']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'before: f = 0.8807970779778823',
      'after:  f = 0.8825501816218984 (1 step of gradient ascent, lr 0.01)',
      'point:  a=0.998950064145965,x=-0.998950064145965,b=2.0031498075621053,y=3.00209987170807,c=-2.9989500641459648',
      '',
    ].join('\n'));
  });

  it('Rosenbrock from (-1.2, 1) with --lr 0.001 --steps 20000 ends within 1e-3 of (1, 1)', () => {
    const r = runCli(['optimize', '(1-x)^2 + 100*(y-x^2)^2', '--at', 'x=-1.2,y=1', '--lr', '0.001', '--steps', '20000', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.steps).toBe(20000);
    expect(Math.abs(out.point.x - 1)).toBeLessThan(1e-3);
    expect(Math.abs(out.point.y - 1)).toBeLessThan(1e-3);
  });

  it('--json with --every adds trajectory rows to one JSON object', () => {
    const r = runCli(['optimize', 'x^2 + y', '--at', 'x=1,y=0', '--wrt', 'x', '--lr', '0.25', '--steps', '3', '--every', '2', '--json']);
    expect(r.stdout).toBe('{"output":"f","before":1,"trajectory":[' +
      '{"step":0,"value":1,"point":{"x":1,"y":0}},{"step":2,"value":0.0625,"point":{"x":0.25,"y":0}},' +
      '{"step":3,"value":0.015625,"point":{"x":0.125,"y":0}}],' +
      '"value":0.015625,"steps":3,"stopped":"steps","point":{"x":0.125,"y":0},"gradient":{"x":0.25}}\n');
  });

  it('--every in text prints a line per row', () => {
    const r = runCli(['optimize', 'x^2', '--at', 'x=1', '--lr', '0.25', '--steps', '2', '--every', '1']);
    expect(r.stdout).toBe('step 0: f = 1 at x=1\nstep 1: f = 0.25 at x=0.5\nstep 2: f = 0.0625 at x=0.25\n' +
      'before: f = 1\nafter:  f = 0.0625 (2 steps of gradient descent, lr 0.25)\npoint:  x=0.25\n');
  });

  it('--tol stops early and says why', () => {
    const r = runCli(['optimize', '(x-3)^2', '--at', 'x=0', '--lr', '0.1', '--steps', '100000', '--tol', '1e-12']);
    expect(r.stdout).toContain('stopped by --tol after 123 steps: the last step moved at most 1e-12');
  });

  it('a non-finite value stops the run at the last finite point with a message', () => {
    const r = runCli(['optimize', 'exp(x)', '--at', 'x=0', '--lr', '100', '--steps', '10', '--maximize']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('point:  x=100\n');
    expect(r.stderr).toBe('warning: step 2 gave f = Infinity; stopped at the last finite point (after 1 step); try a smaller --lr\n');
    expect(runCli(['optimize', 'exp(x)', '--at', 'x=0', '--lr', '100', '--steps', '10', '--maximize', '--strict']).code).toBe(1);
  });

  it('writes no progress bar to a pipe, even for a long run', () => {
    const r = runCli(['optimize', 'x^2 + y^2', '--at', 'x=1,y=1', '--lr', '1e-6', '--steps', '300000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('rejects bad options with exit 2', () => {
    for (const args of [['--lr', '0'], ['--lr', 'fast'], ['--steps', '-1'], ['--steps', '1.5'], ['--every', '0'], ['--tol', '-1'], ['--wrt', 'q']]) {
      const r = runCli(['optimize', ...NEURON, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(hasStackFrame(r.stderr)).toBe(false);
    }
    expect(runCli(['optimize', 'x*y', '--at', 'x=1']).code).toBe(2);
  });
});

describe('autograd optimize: nothing to do', () => {
  it('says so when the start is not finite or there are no variables', () => {
    const start = runCli(['optimize', 'sqrt(x)', '--at', 'x=0', '--json']);
    expect(start.stderr).toBe('warning: the gradient of f is not finite at the starting point: nothing to optimize\n');
    expect(JSON.parse(start.stdout)).toMatchObject({ steps: 0, stopped: 'non-finite', point: { x: 0 } });
    const none = runCli(['optimize', '2+3']);
    expect(none.stderr).toBe('warning: the program has no variables: there is nothing to optimize\n');
  });
});
