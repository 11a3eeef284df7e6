// --at edge cases: each malformed entry is a clear exit-2 message; overflow
// reads as Infinity with a warning; -0 keeps its sign.
import { describe, expect, it } from 'vitest';
import { hasStackFrame, runCli } from '../helpers/cli.js';

const BAD: ReadonlyArray<readonly [string, string]> = [
  ['x=', "--at 'x=': missing the value after '='"],
  ['=1', "--at '=1': missing the name before '='"],
  ['x==1', "--at 'x==1': '=1' is not a number"],
  ['x=1,,y=2', "--at 'x=1,,y=2': empty entry (expected name=value, comma-separated)"],
  ['x=1,', "--at 'x=1,': empty entry (expected name=value, comma-separated)"],
  ['x=abc', "--at 'x=abc': 'abc' is not a number"],
  ['x=0x10', "--at 'x=0x10': '0x10' is not a number"],
  ['x=1_000', "--at 'x=1_000': '1_000' is not a number"],
  ['x=1e', "--at 'x=1e': '1e' is not a number"],
  ['x=1 2', "--at 'x=1 2': '1 2' is not a number"],
  ['x', "--at 'x': expected name=value"],
  ['1x=2', "--at '1x=2': '1x' is not a valid name"],
  ['x=1,x=2', "--at gives 'x' twice with different values (1 and 2)"],
  ['x=0,x=-0', "--at gives 'x' twice with different values (0 and 0)"],
];

describe('--at edge cases', () => {
  for (const [at, message] of BAD) {
    it(`${at} is exit 2`, () => {
      const r = runCli(['eval', 'x*2', '--at', at]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(hasStackFrame(r.stderr)).toBe(false);
    });
  }

  it('the same name twice with different values across repeated --at', () => {
    const r = runCli(['eval', 'x', '--at', 'x=1', '--at', 'x=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --at gives 'x' twice with different values (1 and 2)\n");
  });

  it('the same name twice with the same value is fine', () => {
    const r = runCli(['eval', 'x', '--at', 'x=1,x=1.0', '--at', 'x=1e0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = 1\n∂f/∂x = 1\n');
  });

  it('x=1e999 reads as Infinity with a warning', () => {
    const r = runCli(['eval', 'x*2', '--at', 'x=1e999']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f = Infinity\n∂f/∂x = 2\n');
    expect(r.stderr).toBe('warning: --at x=1e999 is out of range and reads as Infinity\n');
    const j = runCli(['eval', 'x*2', '--at', 'x=-1e999', '--json']);
    expect(j.stdout).toBe('{"output":"f","value":"-Infinity","gradient":{"x":2}}\n');
    expect(j.stderr).toBe('warning: --at x=-1e999 is out of range and reads as -Infinity\n');
  });

  it('x=-0 keeps its sign in text and JSON', () => {
    const t = runCli(['eval', 'x', '--at', 'x=-0']);
    expect(t.stdout).toBe('f = -0\n∂f/∂x = 1\n');
    const j = runCli(['eval', 'x*3', '--at', 'x=-0', '--json']);
    expect(j.stdout).toBe('{"output":"f","value":-0,"gradient":{"x":3}}\n');
    expect(Object.is(JSON.parse(j.stdout).value, -0)).toBe(true);
    const g = runCli(['eval', 'x*y', '--at', 'x=-0,y=5', '--json']);
    expect(g.stdout).toBe('{"output":"f","value":-0,"gradient":{"x":5,"y":-0}}\n');
  });

  it('--at shadows the constants pi and e, which then get a gradient', () => {
    const r = runCli(['eval', 'e*x + pi', '--at', 'e=2,x=5', '--json']);
    expect(r.stdout).toBe(`{"output":"f","value":${10 + Math.PI},"gradient":{"e":5,"x":2}}\n`);
    const both = runCli(['eval', 'e*x + pi', '--at', 'e=2,x=5,pi=3', '--json']);
    expect(both.stdout).toBe('{"output":"f","value":13,"gradient":{"e":5,"x":2,"pi":1}}\n');
  });

  it('accepts the decimal forms of SPEC §2 with a sign, spaces around, and Infinity/NaN spelled out', () => {
    const r = runCli(['eval', 'a+b+c+d+e2', '--at', ' a = +1.5 , b=.5,c=5.', '--at', 'd=-2.5E+1,e2=1e-3', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).value).toBe(1.5 + 0.5 + 5 - 25 + 1e-3);
    const inf = runCli(['eval', 'x', '--at', 'x=-Infinity', '--json']);
    expect(inf.stdout).toBe('{"output":"f","value":"-Infinity","gradient":{"x":1}}\n');
    expect(inf.stderr).toBe('');
    const nan = runCli(['eval', 'x', '--at', 'x=NaN', '--json']);
    expect(nan.stdout).toBe('{"output":"f","value":"NaN","gradient":{"x":1}}\n');
  });
});
