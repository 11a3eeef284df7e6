// What used to vanish without a word now says so: statements the output never
// uses, unused --at names (the same under eval and --points), a column named
// like a constant, a failed write.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('statements the output never uses', () => {
  it('a line starting with - begins a new statement: the dropped one is named with its line:column; exit 0', () => {
    const r = runCli(['eval', '-', '--at', 'x=1,y=2'], { input: 'a = x\n-y\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = -2\n∂f/∂x = 0\n∂f/∂y = -1\n');
    expect(r.stderr).toBe("warning: 1:1: the statement 'a = x' is not used by the output (the last statement); "
      + 'the line after it starts with -, which begins a new statement (end the line with the operator to continue it)\n');
  });

  it('diff output piped to eval: one line per derivative the output drops', () => {
    const diff = runCli(['diff', 'x*y*z']);
    const r = runCli(['eval', '-', '--at', 'x=1,y=2,z=3'], { input: diff.stdout });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      "warning: 2:1: the statement 'z*y' is not used by the output (the last statement)",
      "warning: 5:1: the statement 'z*x' is not used by the output (the last statement)",
    ]);
  });

  it('no warning when every statement feeds the output', () => {
    for (const program of ['e = a*b; d = e + c; L = d*f', 'x = x + 1\nx = x*2\nx', 'a = x -\ny']) {
      const r = runCli(['eval', program, '--at', 'a=2,b=-3,c=10,f=-2,x=1,y=1']);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain('is not used by the output');
    }
  });

  it('after a ; the sign is not blamed: only a line that starts with - or + gets the hint', () => {
    const r = runCli(['eval', 'x + 1; -y', '--at', 'x=1,y=2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("warning: 1:1: the statement 'x + 1' is not used by the output (the last statement)\n");
  });

  it('a named statement nothing reads is kept quietly (diff --program prints several), unless a sign line split it off', () => {
    const program = runCli(['diff', 'x*y + sin(x)', '--program']).stdout;
    const r = runCli(['eval', program, '--at', 'x=1,y=2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(runCli(['eval', 'u = x; x^2', '--at', 'x=1']).stderr).toBe('');
  });

  it('12 unnamed statements the output drops: 10 lines and a count', () => {
    const r = runCli(['eval', `${Array.from({ length: 12 }, (_, i) => `x*${i}`).join('; ')}; x`, '--at', 'x=1']);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe("warning: 1:46: the statement 'x*9' is not used by the output (the last statement)");
    expect(lines[10]).toBe('warning: 2 more statements are not used by the output');
  });

  it('diff and optimize warn too (the same loader)', () => {
    expect(runCli(['diff', 'x; x^2']).stderr).toBe("warning: 1:1: the statement 'x' is not used by the output (the last statement)\n");
    expect(runCli(['optimize', 'x; x^2', '--at', 'x=1']).stderr)
      .toBe("warning: 1:1: the statement 'x' is not used by the output (the last statement)\n");
  });
});

describe('unused --at names', () => {
  it('15 unused names: the same 11 lines under eval and under --points', () => {
    const names = Array.from({ length: 15 }, (_, i) => `unused${i}=1`).join(',');
    const single = runCli(['eval', 'x', '--at', `x=1,${names}`]);
    const points = runCli(['eval', 'x', '--at', names, '--points', '-'], { input: 'x\n1\n' });
    expect(single.code).toBe(0);
    expect(points.code).toBe(0);
    const lines = single.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('warning: 5 more --at names are not used by the program');
    expect(points.stderr).toBe(single.stderr);
  });
});

describe('a --points column named like a constant', () => {
  it('shadows the constant, as --at does, and says so', () => {
    const r = runCli(['eval', 'x*e', '--points', '-'], { input: 'x,e\n1,2\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f,df/dx,df/de\n2,2,1\n');
    expect(r.stderr).toBe("warning: column 'e' gives the constant e a value in each row, as --at e=… would\n");
    const json = runCli(['eval', 'x*pi', '--points', '-', '--json'], { input: '{"x":1,"pi":3}\n{"x":2,"pi":3}\n' });
    expect(json.stdout).toBe('{"output":"f","value":3,"gradient":{"x":3,"pi":1}}\n{"output":"f","value":6,"gradient":{"x":3,"pi":2}}\n');
    expect(json.stderr).toBe("warning: column 'pi' gives the constant pi a value in each row, as --at pi=… would\n");
  });

  it('--wrt e with a column e differentiates with respect to it; without the column it is missing', () => {
    const r = runCli(['eval', 'x*e', '--points', '-', '--wrt', 'e'], { input: 'x,e\n3,2\n' });
    expect([r.code, r.stdout]).toEqual([0, 'f,df/de\n6,3\n']);
    const missing = runCli(['eval', 'x*e', '--points', '-', '--wrt', 'e'], { input: 'x\n3\n' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("error: <stdin>:1: no value for variable 'e': not a column of the header, and --at does not give it\n");
  });

  it('a program that does not read the constant ignores the column quietly', () => {
    const r = runCli(['eval', 'x*2', '--points', '-'], { input: 'x,e\n1,2\n' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'f,df/dx\n2,2\n', '']);
  });

  it('a missing column gets "did you mean" from the header', () => {
    const r = runCli(['eval', 'speed*t', '--points', '-'], { input: 'sped,t\n1,2\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: <stdin>:1: no value for variable 'speed' (did you mean 'sped'?): not a column of the header, and --at does not give it\n");
  });
});

describe('a failed write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autograd-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an output error in words, not an errno', () => {
    mkdirSync(join(dir, 'g.dot'));
    const r = runCli(['eval', 'x', '--at', 'x=1', '--dot', join(dir, 'g.dot')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: cannot write '${join(dir, 'g.dot')}': is a directory\n`);
  });
});
