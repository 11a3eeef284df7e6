// `autograd fit` at scale: 1,000,000 rows of a three-parameter model, read
// from a file into columns and fitted in one process whose heap is capped well
// below what keeping the rows as objects or strings would need.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-fit-million-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('1,000,000 noiseless rows: the parameters to 1e-10 relative, in a 96 MB heap', () => {
  const n = 1_000_000;
  const parts: string[] = ['x,y\n'];
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const x = (4 * i) / n;
    chunk += `${x},${2.5 * Math.exp(-1.3 * x) + 0.5}\n`;
    if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  const file = join(dir, 'rows.csv');
  writeFileSync(file, parts.join(''));
  const r = spawnSync(process.execPath, ['--max-old-space-size=96', BIN, 'fit', 'a*exp(-k*x) + c', '--data', file, '--y', 'y',
    '--at', 'a=1,k=1,c=0', '--json'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const j = JSON.parse(r.stdout) as { parameters: Record<string, number>; rows: number; stopped: string };
  expect(j.rows).toBe(n);
  expect(j.stopped).toMatch(/^converged/);
  for (const [name, want] of [['a', 2.5], ['k', 1.3], ['c', 0.5]] as const) {
    expect(Math.abs(j.parameters[name]! / want - 1)).toBeLessThan(1e-10);
  }
}, 120_000);
