import { describe, expect, it } from 'vitest';
import { diff, evaluate, gradient, hessian } from '../../src/index.js';

describe('library: diff and hessian', () => {
  it('diff returns program text per variable that evaluates to the gradient', () => {
    const d = diff('x^3*sin(y)');
    expect([...d.keys()]).toEqual(['x', 'y']);
    expect(d.get('x')).toBe('sin(y)*(3*x^2)');
    const at = { x: 1.3, y: 0.4 };
    const g = gradient('x^3*sin(y)', at).gradient;
    expect(evaluate(d.get('y')!, at).value).toBeCloseTo(g.get('y')!, 14);
    expect(diff('e*x', { wrt: ['e'] }).get('e')).toBe('x');
  });

  it('hessian over all variables or a --wrt subset', () => {
    expect(hessian('x*y^2', { x: 1, y: 2 })).toEqual({ names: ['x', 'y'], rows: [[0, 4], [4, 2]] });
    expect(hessian('x*y^2', { x: 1, y: 2 }, { wrt: ['y'] }).rows).toEqual([[2]]);
  });
});
