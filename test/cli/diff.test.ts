import { describe, expect, it } from 'vitest';
import { closeTo, hasStackFrame, runCli } from '../helpers/cli.js';

const CLASSIC = '(sin(x2)+1)/(x2+exp(x1))+x1*x2';

describe('autograd diff', () => {
  it('prints one program per variable, shared subexpressions as steps', () => {
    const r = runCli(['diff', CLASSIC]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '# ∂f/∂x2',
      't1 = x2 + exp(x1)',
      'x1 - (sin(x2) + 1)/t1/t1 + 1/t1*cos(x2)',
      '',
      '# ∂f/∂x1',
      't1 = exp(x1)',
      't2 = x2 + t1',
      'x2 - (sin(x2) + 1)/t2/t2*t1',
      '',
    ].join('\n'));
  });

  it('round-trips: eval of the printed derivative equals the gradient from eval', () => {
    const grad = JSON.parse(runCli(['eval', CLASSIC, '--at', 'x1=1.5,x2=0.5', '--json']).stdout).gradient;
    for (const name of ['x1', 'x2']) {
      const program = runCli(['diff', CLASSIC, '--wrt', name]).stdout;
      const r = runCli(['eval', program, '--at', 'x1=1.5,x2=0.5', '--json']);
      expect(r.code).toBe(0);
      const value = JSON.parse(r.stdout).value;
      expect(closeTo(value, grad[name]), `${name}: ${value} vs ${grad[name]}`).toBe(true);
    }
  });

  it('--json gives one program string per variable, in order of first appearance', () => {
    const r = runCli(['diff', 'sigmoid(a*x+b*y+c)', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.output).toBe('f');
    expect(Object.keys(out.gradient)).toEqual(['a', 'x', 'b', 'y', 'c']);
    expect(out.gradient.c).toBe('t1 = sigmoid(a*x + b*y + c); t1*(1 - t1)');
    const e = runCli(['eval', out.gradient.a, '--at', 'a=1,b=2,c=-3,x=-1,y=3', '--json']);
    expect(closeTo(JSON.parse(e.stdout).value, -0.10499358540350662)).toBe(true);
  });

  it('takes the program as eval does: stdin, -f, and -- before a leading minus', () => {
    expect(runCli(['diff', '-'], { input: 'y = x*x\ny + 1\n' }).stdout).toBe('# ∂f/∂x\nx + x\n');
    expect(runCli(['diff', '--', '-x^3']).stdout).toBe('# ∂f/∂x\n-(3*x^2)\n');
    expect(runCli(['diff', '-f', 'no-such-file.txt']).code).toBe(2);
  });

  it('names the output and differentiates with respect to named nodes', () => {
    const src = 'e = a*b; d = e + c; L = d*f';
    expect(runCli(['diff', src, '--wrt', 'a,d']).stdout).toBe('# ∂L/∂a\nf*b\n\n# ∂L/∂d\nf\n');
    // A named node stays itself even when an equal expression appears elsewhere (as in eval).
    expect(runCli(['diff', 'd = sin(x); d*d + sin(x)', '--wrt', 'd']).stdout).toBe('# ∂f/∂d\nt1 = sin(x)\nt1 + t1\n');
  });

  it('reports errors with exit 2 and no stack trace', () => {
    const bad = runCli(['diff', 'sin(x']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("expected ')'");
    expect(hasStackFrame(bad.stderr)).toBe(false);
    const wrt = runCli(['diff', 'x*y', '--wrt', 'z']);
    expect(wrt.code).toBe(2);
    expect(wrt.stderr).toContain("--wrt 'z'");
  });

  it('warns when there is nothing to differentiate', () => {
    const r = runCli(['diff', '2+3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('warning: the program has no variables: there is nothing to differentiate\n');
  });

  it('handles 10,000 levels of nesting', () => {
    const depth = 10_000;
    const r = runCli(['diff', `${'sin('.repeat(depth)}x${')'.repeat(depth)}`]);
    expect(r.code).toBe(0);
    expect(hasStackFrame(r.stderr)).toBe(false);
    expect(r.stdout.split('\n').length).toBeGreaterThan(depth / 200);
  });

  it('differentiates with respect to a named node whatever its shape', () => {
    const at = 'x=2,y=3';
    // [program, --wrt]: a negation, a constant, a constant that the simplifier's
    // identities would remove (1, 0, -1), a node used twice, the output itself,
    // a name assigned twice (the later binding is the one asked for).
    const cases: Array<[string, string]> = [
      ['a = -x; out = a*y', 'a'],
      ['a = 2; out = a*x', 'a'],
      ['a = 2; out = a*3 + x', 'a'],
      ['a = 1; out = a*x', 'a'],
      ['a = 0; out = a*x + y', 'a'],
      ['a = -1; out = a*x', 'a'],
      ['a = -x; b = -a; out = b*a*y', 'a'],
      ['a = -x; b = -a; out = b*a*y', 'b'],
      ['a = -x; out = a*a', 'a'],
      ['a = x*y; out = -a', 'out'],
      ['a = x*y; a = -a; out = a*x', 'a'],
      ['a = -(x*y); out = a/y', 'a'],
      ['a = pi; out = sin(a*x)', 'a'],
    ];
    for (const [program, wrt] of cases) {
      const want = JSON.parse(runCli(['eval', program, '--at', at, '--wrt', wrt, '--json']).stdout).gradient[wrt];
      const d = runCli(['diff', program, '--wrt', wrt]);
      expect(d.code, program).toBe(0);
      const got = JSON.parse(runCli(['eval', d.stdout, '--at', at, '--json']).stdout).value;
      expect(closeTo(got, want), `∂/∂${wrt} of ${program}: diff gives ${got}, eval ${want}\n${d.stdout}`).toBe(true);
    }
    expect(runCli(['diff', 'a = -x; out = a*y', '--wrt', 'a']).stdout).toBe('# ∂out/∂a\ny\n');
    expect(runCli(['diff', 'a = 2; out = a*x', '--wrt', 'a']).stdout).toBe('# ∂out/∂a\nx\n');
  });

  it('--all on a chain of 10,000 named negations: exit 0 and the right derivatives', () => {
    const n = 10_000;
    const lines = ['a0 = -x'];
    for (let i = 1; i < n; i++) lines.push(`a${i} = -a${i - 1}`);
    lines.push(`out = a${n - 1}*x`);
    const r = runCli(['diff', '-', '--all'], { input: `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    expect(hasStackFrame(r.stderr)).toBe(false);
    const blocks = new Map(r.stdout.split('\n\n').map((b) => {
      const [head, ...body] = b.trimEnd().split('\n');
      return [head!.replace('# ∂out/∂', ''), body.join('\n')] as const;
    }));
    expect(blocks.size).toBe(n + 1);
    // out = (-1)^n x² with n = 10,000 negations: ∂out/∂x = 2x, and ∂out/∂a_i = ±x.
    expect(blocks.get(`a${n - 1}`)).toBe('x');
    expect(blocks.get(`a${n - 2}`)).toBe('-x');
    expect(blocks.get('a0')).toBe('-x');
    const dx = runCli(['eval', '-', '--at', 'x=3', '--json'], { input: blocks.get('x')! });
    expect(dx.code).toBe(0);
    expect(JSON.parse(dx.stdout).value).toBe(6);
  });

  it('--program prints all derivatives as one program of named statements that eval reads back', () => {
    const r = runCli(['diff', CLASSIC, '--program']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Steps shared by both derivatives are printed once.
    expect(r.stdout).toBe([
      't1 = exp(x1)',
      't2 = x2 + t1',
      't3 = (sin(x2) + 1)/t2/t2',
      'df_dx2 = x1 - t3 + 1/t2*cos(x2)',
      'df_dx1 = x2 - t3*t1',
      '',
    ].join('\n'));
    const grad = JSON.parse(runCli(['eval', CLASSIC, '--at', 'x1=1.5,x2=0.5', '--json']).stdout).gradient;
    for (const name of ['x1', 'x2']) {
      // The program's output is its last statement; naming another one picks it.
      const e = runCli(['eval', `${r.stdout}df_d${name}`, '--at', 'x1=1.5,x2=0.5', '--json']);
      expect(e.code).toBe(0);
      expect(closeTo(JSON.parse(e.stdout).value, grad[name])).toBe(true);
    }
    const last = JSON.parse(runCli(['eval', r.stdout, '--at', 'x1=1.5,x2=0.5', '--json']).stdout);
    expect(last.output).toBe('df_dx1');
    expect(closeTo(last.value, grad.x1)).toBe(true);
  });

  it('--program names derivatives after the output and the target, clear of the variables', () => {
    expect(runCli(['diff', 'e = a*b; L = e*c', '--wrt', 'e,c', '--program']).stdout).toBe('dL_de = c\ndL_dc = a*b\n');
    // A variable already called df_dx: the derivative takes another name, the step names avoid both.
    expect(runCli(['diff', 'df_dx*x + t1', '--program']).stdout).toBe('df_ddf_dx = x\ndf_dx_ = df_dx\ndf_dt1 = 1\n');
    expect(runCli(['diff', 'sin(x)*sin(x)', '--program']).stdout).toBe('t1 = sin(x)\ndf_dx = (t1 + t1)*cos(x)\n');
    const bad = runCli(['diff', 'x*y', '--program', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--program and --json');
  });

  it('--program on 10,000 levels of nesting parses back', () => {
    const depth = 10_000;
    const r = runCli(['diff', `x*${'sin('.repeat(depth)}y${')'.repeat(depth)}`, '--program']);
    expect(r.code).toBe(0);
    const e = runCli(['eval', '-', '--at', 'x=2,y=0.5', '--json'], { input: r.stdout });
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).output).toBe('df_dy');
  });
});
