// --of through the built CLI: eval's values and Jacobian (text and the JSON
// shape), --points --of rows equal to eval --of, --check of every entry,
// diff --of and its round trip through eval, and every error case.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

const P = 'u = x*y; v = x + sin(y)';

function expectUsage(args: string[], message: RegExp): void {
  const r = runCli(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(hasStackFrame(r.stderr)).toBe(false);
}

describe('eval --of', () => {
  it('text: the values, then the matrix (rows outputs, columns variables)', () => {
    const r = runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'u,v']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'u = 2',
      `v = ${1 + Math.sin(2)}`,
      'Jacobian:',
      `     x${' '.repeat(20)}y`,
      `  u  2${' '.repeat(20)}1`,
      `  v  1  ${Math.cos(2)}`,
      ''].join('\n'));
  });

  it('JSON: exactly {"outputs","values","jacobian"}, outputs in --of order, even for one name', () => {
    const r = runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'v,u', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`{"outputs":["v","u"],"values":{"v":${1 + Math.sin(2)},"u":2},`
      + `"jacobian":{"v":{"x":1,"y":${Math.cos(2)}},"u":{"x":2,"y":1}}}\n`);
    const one = JSON.parse(runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'u', '--json']).stdout);
    expect(one).toEqual({ outputs: ['u'], values: { u: 2 }, jacobian: { u: { x: 2, y: 1 } } });
  });

  it('columns in --wrt order; --all adds named nodes; an output named f', () => {
    const wrt = JSON.parse(runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'u', '--wrt', 'y,x', '--json']).stdout);
    expect(Object.keys(wrt.jacobian.u)).toEqual(['y', 'x']);
    const all = JSON.parse(runCli(['eval', 'a = x*y; b = a + x; a*b', '--at', 'x=2,y=3', '--of', 'f,b', '--all', '--json']).stdout);
    expect(all.jacobian).toEqual({ f: { x: 8 * 3 + 6 * (3 + 1), y: 2 * 8 + 6 * 2, a: 8 + 6, b: 6 }, b: { x: 4, y: 2, a: 1, b: 1 } });
  });

  it('--check checks every entry', () => {
    const r = runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'u,v', '--check', '--json']);
    expect(r.code).toBe(0);
    const check = JSON.parse(r.stdout).check;
    expect(Object.keys(check)).toEqual(['u', 'v']);
    for (const u of ['u', 'v']) {
      expect(Object.keys(check[u])).toEqual(['x', 'y']);
      for (const x of ['x', 'y']) expect(check[u][x].ok).toBe(true);
    }
    expect(check.v.y.numeric).toBeCloseTo(Math.cos(2), 8);
    const text = runCli(['eval', P, '--at', 'x=1,y=2', '--of', 'u,v', '--check']).stdout;
    for (const entry of ['∂u/∂x', '∂u/∂y', '∂v/∂x', '∂v/∂y']) expect(text).toContain(entry);
  });

  it('--check: an entry at a kink fails, exit 1 naming it, the other entries pass', () => {
    const r = runCli(['eval', 'u = abs(x) + y; v = x*y', '--at', 'x=0,y=1', '--of', 'u,v', '--check', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('∂u/∂x disagrees');
    const check = JSON.parse(r.stdout).check;
    expect([check.u.x.ok, check.u.y.ok, check.v.x.ok, check.v.y.ok]).toEqual([false, true, true, true]);
  });

  it('--strict: exit 1 naming a non-finite entry', () => {
    const r = runCli(['eval', 'u = x + sqrt(y); v = x', '--at', 'x=1,y=0', '--of', 'u,v', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('∂u/∂y = Infinity');
  });
});

describe('--points --of', () => {
  const input = 'x,y\n1,2\n-0.5,3.25\n1e-3,-7\n';

  it('CSV columns u,v,du/dx,du/dy,dv/dx,dv/dy; each row equals eval --of at that point', () => {
    const r = runCli(['eval', P, '--points', '-', '--of', 'u,v'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toBe('u,v,du/dx,du/dy,dv/dx,dv/dy');
    const jsonl = runCli(['eval', P, '--points', '-', '--of', 'u,v', '--json'], { input }).stdout.trimEnd().split('\n');
    input.trimEnd().split('\n').slice(1).forEach((line, k) => {
      const [x, y] = line.split(',');
      const one = runCli(['eval', P, '--at', `x=${x},y=${y}`, '--of', 'u,v', '--json']).stdout.trimEnd();
      expect(jsonl[k]).toBe(one);
      const j = JSON.parse(one);
      expect(rows[k]).toBe([j.values.u, j.values.v, j.jacobian.u.x, j.jacobian.u.y, j.jacobian.v.x, j.jacobian.v.y].join(','));
    });
  });

  it('--at fills a variable the rows do not give', () => {
    const r = runCli(['eval', P, '--at', 'y=0', '--points', '-', '--of', 'v', '--wrt', 'y'], { input: 'x\n4\n' });
    expect(r.stdout).toBe('v,dv/dy\n4,1\n');
  });
});

describe('diff --of', () => {
  it('every derivative of each output, text and JSON', () => {
    const r = runCli(['diff', P, '--of', 'u,v']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('# ∂u/∂x\ny\n\n# ∂u/∂y\nx\n\n# ∂v/∂x\n1\n\n# ∂v/∂y\ncos(y)\n');
    expect(JSON.parse(runCli(['diff', P, '--of', 'v', '--json']).stdout)).toEqual({ outputs: ['v'], jacobian: { v: { x: '1', y: 'cos(y)' } } });
  });

  it('--program reads back into eval --of: the same Jacobian', () => {
    const src = 'a = exp(x*y); u = a + z; v = a*sin(z) - x^2';
    const program = runCli(['diff', src, '--of', 'u,v', '--program']);
    expect(program.code).toBe(0);
    const names = ['du_dx', 'du_dy', 'du_dz', 'dv_dx', 'dv_dy', 'dv_dz'];
    for (const n of names) expect(program.stdout).toMatch(new RegExp(`^${n} = `, 'm'));
    const at = 'x=0.5,y=-1.25,z=2';
    const back = JSON.parse(runCli(['eval', program.stdout, '--at', at, '--of', names.join(','), '--json']).stdout);
    const direct = JSON.parse(runCli(['eval', src, '--at', at, '--of', 'u,v', '--json']).stdout);
    for (const u of ['u', 'v']) {
      for (const x of ['x', 'y', 'z']) expect(back.values[`d${u}_d${x}`]).toBeCloseTo(direct.jacobian[u][x], 12);
    }
  });
});

describe('--of errors: exit 2, a clear message', () => {
  it('a name that is not an output, with did you mean', () => {
    expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', 'u,vv'], /--of 'vv' is not an output.*did you mean 'v'/);
    expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', 'x'], /--of 'x' is not an output/);
    expectUsage(['diff', P, '--of', 'w'], /--of 'w' is not an output/);
    expectUsage(['eval', P, '--points', '-', '--of', 'uu'], /--of 'uu' is not an output.*did you mean 'u'/);
  });

  it('an empty name, a duplicate', () => {
    expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', 'u,,v'], /empty name/);
    expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', ''], /empty name/);
    expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', 'u,v,u'], /'u' is given twice/);
    expectUsage(['diff', P, '--of', 'v,v'], /'v' is given twice/);
  });

  it('--trace, --hessian and --dot show one output', () => {
    for (const flag of [['--trace'], ['--hessian'], ['--dot', '-']]) {
      expectUsage(['eval', P, '--at', 'x=1,y=2', '--of', 'u,v', ...flag], new RegExp(`${flag[0]} shows one output`));
    }
  });
});
