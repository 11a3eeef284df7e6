import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CLASSIC = '(sin(x2)+1)/(x2+exp(x1))+x1*x2';

describe('autograd eval --hessian', () => {
  it('adds a labelled matrix to the text output', () => {
    const r = runCli(['eval', CLASSIC, '--at', 'x1=1.5,x2=0.5', '--hessian']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'f = 1.0469726768804155',
      '∂f/∂x2 = 1.6165488003791766',
      '∂f/∂x1 = 0.23283374747559749',
      'Hessian of f:',
      '                        x2                   x1',
      '  x2  -0.14302842455685488   0.9487785711446157',
      '  x1    0.9487785711446157  0.21353660026144577',
      '',
    ].join('\n'));
  });

  it('adds "hessian" to the JSON object, rows and columns in order of first appearance', () => {
    const r = runCli(['eval', CLASSIC, '--at', 'x1=1.5,x2=0.5', '--hessian', '--json']);
    expect(r.stdout).toBe('{"output":"f","value":1.0469726768804155,"gradient":{"x2":1.6165488003791766,"x1":0.23283374747559749},' +
      '"hessian":{"x2":{"x2":-0.14302842455685488,"x1":0.9487785711446157},"x1":{"x2":0.9487785711446157,"x1":0.21353660026144577}}}\n');
  });

  it('gives exact zeros for linear terms, honours --wrt and --precision', () => {
    const lin = JSON.parse(runCli(['eval', '3*x + 2*y', '--at', 'x=1,y=2', '--hessian', '--json']).stdout);
    expect(lin.hessian).toEqual({ x: { x: 0, y: 0 }, y: { x: 0, y: 0 } });
    const sub = JSON.parse(runCli(['eval', 'x*y*z', '--at', 'x=1,y=2,z=3', '--hessian', '--json', '--wrt', 'z,x']).stdout);
    expect(sub.hessian).toEqual({ z: { z: 0, x: 2 }, x: { z: 2, x: 0 } });
    const p = runCli(['eval', 'exp(x)', '--at', 'x=1', '--hessian', '--precision', '3']);
    expect(p.stdout).toBe('f = 2.72\n∂f/∂x = 2.72\nHessian of f:\n        x\n  x  2.72\n');
  });

  it('covers variables only: --all skips named nodes, a named node in --wrt is an error', () => {
    const all = JSON.parse(runCli(['eval', 'e = a*b; L = e*e', '--at', 'a=1,b=2', '--hessian', '--all', '--json']).stdout);
    expect(Object.keys(all.gradient)).toEqual(['a', 'b', 'e']);
    expect(all.hessian).toEqual({ a: { a: 8, b: 8 }, b: { a: 8, b: 2 } });
    const bad = runCli(['eval', 'e = a*b; L = e*e', '--at', 'a=1,b=2', '--hessian', '--wrt', 'e']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("error: --hessian is over variables, but --wrt 'e' is a named node of the program\n");
  });

  it('--strict fails on a non-finite second derivative', () => {
    expect(runCli(['eval', 'sqrt(x)', '--at', 'x=0', '--hessian', '--strict']).code).toBe(1);
    expect(runCli(['eval', 'x^2', '--at', 'x=0', '--hessian', '--strict']).code).toBe(0);
  });
});
