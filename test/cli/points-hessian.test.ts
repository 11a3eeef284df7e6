// --points with --hessian: the Hessian of every row, in CSV (upper triangle,
// `d2f/dxdy` columns) and JSON Lines (the "hessian" object of eval --json --hessian).
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

const ROSENBROCK = '(1-x)^2 + 100*(y-x^2)^2';

describe('--points --hessian', () => {
  it('CSV: upper-triangle columns after the gradient, one line per row', () => {
    const r = runCli(['eval', ROSENBROCK, '--points', '-', '--hessian'], { input: 'x,y\n1,2\n-1.2,1\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'f,df/dx,df/dy,d2f/dxdx,d2f/dxdy,d2f/dydy\n' +
      '100,-400,200,402,-400,200\n' +
      '24.199999999999996,-215.59999999999997,-87.99999999999999,1330,480,200\n');
  });

  it('CSV cells are the JSON Lines entries, for three variables and --at filling one', () => {
    const program = 'g = x*y*z + exp(x*z) - w*y^2';
    const input = 'z,x,y\n1,2,3\n-0.5,0.25,4\n';
    const csv = runCli(['eval', program, '--at', 'w=3', '--points', '-', '--hessian'], { input });
    const jsonl = runCli(['eval', program, '--at', 'w=3', '--points', '-', '--hessian', '--json'], { input });
    expect(csv.code).toBe(0);
    expect(jsonl.code).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe('g,dg/dx,dg/dy,dg/dz,dg/dw,d2g/dxdx,d2g/dxdy,d2g/dxdz,d2g/dxdw,'
      + 'd2g/dydy,d2g/dydz,d2g/dydw,d2g/dzdz,d2g/dzdw,d2g/dwdw');
    const names = ['x', 'y', 'z', 'w'];
    jsonl.stdout.trimEnd().split('\n').forEach((line, k) => {
      const h = JSON.parse(line).hessian as Record<string, Record<string, number>>;
      expect(Object.keys(h)).toEqual(names);
      const upper: number[] = [];
      for (let i = 0; i < 4; i++) for (let j = i; j < 4; j++) upper.push(h[names[i]!]![names[j]!]!);
      expect(rows[k]!.split(',').slice(5).map(Number)).toEqual(upper);
    });
  });

  it('--wrt picks the Hessian variables; a named node in --wrt is exit 2 before any row', () => {
    const ok = runCli(['eval', 'a = x*y; a*x', '--points', '-', '--hessian', '--wrt', 'y'], { input: 'x,y\n2,3\n' });
    // f = x²y at (2, 3): 12, ∂f/∂y = x² = 4, ∂²f/∂y² = 0.
    expect(ok.stdout).toBe('f,df/dy,d2f/dydy\n12,4,0\n');
    const bad = runCli(['eval', 'a = x*y; a*x', '--points', '-', '--hessian', '--wrt', 'a'], { input: 'x,y\n2,3\n' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--hessian is over variables/);
    expect(hasStackFrame(bad.stderr)).toBe(false);
  });

  it('--strict counts a non-finite Hessian entry', () => {
    const r = runCli(['eval', 'sqrt(x) + x', '--points', '-', '--hessian', '--strict'], { input: 'x\n4\n0\n' });
    expect(r.stdout.split('\n')[2]).toMatch(/^0,Infinity,-Infinity$/);
    expect(r.code).toBe(1);
  });

  it('20,000 rows stream in order', () => {
    const lines = ['x,y'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${-i}`);
    const r = runCli(['eval', 'x*x*y', '--points', '-', '--hessian'], { input: `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(20_001);
    // d2/dxdx = 2y, d2/dxdy = 2x, d2/dydy = 0
    expect(out[20_000]).toBe(`${19_999 * 19_999 * -19_999},${2 * 19_999 * -19_999},${19_999 * 19_999},${-2 * 19_999},${2 * 19_999},0`);
  });
});
