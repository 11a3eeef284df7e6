// 100,000 rows go through --points complete and in order, CSV and JSON Lines.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROWS = 100_000;

describe('--points at scale', () => {
  it('CSV: every row, in order', () => {
    let input = 'x,i\n';
    for (let i = 0; i < ROWS; i++) input += `${i / 8},${i}\n`;
    const r = runCli(['eval', 'i + 0*x', '--points', '-'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBe(ROWS + 2);
    expect(lines[0]).toBe('f,df/di,df/dx');
    for (let i = 0; i < ROWS; i++) {
      if (lines[i + 1] !== `${i},1,0`) expect.fail(`line ${i + 2}: ${lines[i + 1]}`);
    }
    expect(lines[ROWS + 1]).toBe('');
  });

  it('JSON Lines: every row, in order', () => {
    let input = '';
    for (let i = 0; i < ROWS; i++) input += `{"i":${i}}\n`;
    const r = runCli(['eval', 'i*2', '--points', '-', '--json'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBe(ROWS + 1);
    for (let i = 0; i < ROWS; i++) {
      if (lines[i] !== `{"output":"f","value":${2 * i},"gradient":{"i":2}}`) expect.fail(`row ${i + 1}: ${lines[i]}`);
    }
  });
});
