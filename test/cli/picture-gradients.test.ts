// A picture shows the true gradient of every node, literals and constant
// subexpressions included (micrograd's drawings do); the printed result and
// the trace are the same with or without a picture.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PROGRAM = 'θ = 2*pi*r; sin(θ/8)';

describe('--dot shows every node\'s true gradient', () => {
  it('2, pi and 2*pi get ∂f/∂node, not 0', () => {
    const r = runCli(['eval', PROGRAM, '--at', 'r=1', '--dot', '-']);
    expect(r.code).toBe(0);
    // f = sin(2·pi·r/8): ∂f/∂(2*pi) = cos(pi/4)·r/8, ∂f/∂pi = 2 of that, ∂f/∂2 = pi of that, ∂f/∂8 = -θ·cos(pi/4)/64.
    const g = Math.cos(Math.PI / 4) / 8;
    expect(g.toFixed(4)).toBe('0.0884');
    expect(r.stdout).toContain(`{  | data 6.2832 | grad ${g.toFixed(4)} }`);
    expect(r.stdout).toContain(`{ pi | data 3.1416 | grad ${(2 * g).toFixed(4)} }`);
    expect(r.stdout).toContain(`{  | data 2.0000 | grad ${(Math.PI * g).toFixed(4)} }`);
    expect(r.stdout).toContain(`{  | data 8.0000 | grad ${(-2 * Math.PI * Math.cos(Math.PI / 4) / 64).toFixed(4)} }`);
    expect(r.stdout).not.toContain('grad 0.0000');
  });

  it('the result and the trace are the same with a picture', () => {
    const plain = runCli(['eval', PROGRAM, '--at', 'r=1', '--trace', '--json']);
    const dir = mkdtempSync(join(os.tmpdir(), 'autograd-picture-'));
    try {
      const target = join(dir, 'g.dot');
      const file = runCli(['eval', PROGRAM, '--at', 'r=1', '--trace', '--json', '--dot', target]);
      expect(plain.code).toBe(0);
      expect(file.code).toBe(0);
      expect(file.stdout).toBe(plain.stdout);
      expect(readFileSync(target, 'utf8')).toContain('{ pi | data 3.1416 | grad 0.1768 }');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(plain.stdout).gradient.r).toBe(2 * Math.PI * Math.cos(Math.PI / 4) / 8);
  });
});
