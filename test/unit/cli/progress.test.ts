import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../../src/cli/progress.js';

function fakeBar(total: number) {
  let now = 0;
  const writes: string[] = [];
  const bar = new ProgressBar({ write: (s: string) => writes.push(s) }, total, 'optimize', () => now);
  return { bar, writes, advance: (ms: number) => { now += ms; } };
}

describe('progress bar', () => {
  it('stays silent for short runs', () => {
    const { bar, writes } = fakeBar(4096);
    for (let i = 1; i <= 4096; i++) bar.tick(i);
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('draws after half a second, at most ten times a second, and erases itself', () => {
    const { bar, writes, advance } = fakeBar(10240);
    advance(600);
    bar.tick(1024);
    bar.tick(2048); // same instant: not redrawn
    advance(150);
    bar.tick(5120);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^\roptimize █{3}░{27} 10% 1024\/10240$/);
    expect(writes[1]).toContain('50% 5120/10240');
    bar.finish();
    expect(writes[2]).toBe('\r\u001b[K');
  });
});
