// --check through the built binary: the reproductions of false
// alarms now pass, kinks still exit 1 and say why, and the JSON carries the
// difference's own uncertainty and one-sided slopes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('eval --check', () => {
  it.each([
    ['log(x)', 'x=1e-5'], ['1/x', 'x=1e-5'], ['sqrt(x)', 'x=1e-7'], ['exp(x)', 'x=700'],
    ['sin(x)', 'x=1e8'], ['asin(x)', 'x=0.99999'], ['x^0.5', 'x=1e-300'], ['log(x)', 'x=1e300'],
  ])('no false alarm: %s at %s', (expr, at) => {
    const r = runCli(['eval', expr, '--at', at, '--check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/∂f\/∂x .* ok\n$/);
    expect(r.code).toBe(0);
  });

  it.each([
    ['relu(x)', 'x=0', '0', '1'], ['abs(x)', 'x=0', '-1', '1'], ['max(x, 1)', 'x=1', '0', '1'],
  ])('a kink exits 1 and gives both slopes: %s at %s', (expr, at, left, right) => {
    const r = runCli(['eval', expr, '--at', at, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/∂f\/∂x .* FAIL\n$/);
    expect(r.stdout).toContain(`  ∂f/∂x: not differentiable here (a kink): the slope is ${left} from the left and ${right} from the right\n`);
  });

  it('JSON: numeric, error, absolute, uncertainty, left, right, kink, ok', () => {
    const r = runCli(['eval', 'a = log(x); a*a + relu(y)', '--at', 'x=1e-5,y=0', '--check', '--json', '--all']);
    expect(r.code).toBe(1);
    const { check } = JSON.parse(r.stdout) as { check: Record<string, Record<string, unknown>> };
    expect(Object.keys(check)).toEqual(['x', 'y', 'a']);
    for (const c of Object.values(check)) {
      expect(Object.keys(c)).toEqual(['numeric', 'error', 'absolute', 'uncertainty', 'left', 'right', 'kink', 'ok']);
    }
    expect(check.x!.ok).toBe(true);
    expect(check.a!.ok).toBe(true);
    expect(check.y).toMatchObject({ kink: true, ok: false, left: 0 });
    expect(check.x!.uncertainty as number).toBeLessThan(1e-9 * Math.abs(check.x!.numeric as number));
  });
});
