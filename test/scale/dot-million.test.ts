// DOT of a 1,000,000-node chain: streamed in chunks, written atomically, no recursion.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { backward } from '../../src/compile/sweep.js';
import { Graph } from '../../src/graph/value.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { dotChunks } from '../../src/render/dot.js';

it('streams the DOT of a 1,000,000-deep chain to a file', async () => {
  const g = new Graph();
  let v = g.variable('x', 0.5);
  const N = 1_000_000;
  for (let i = 1; i < N; i++) v = g.apply(i % 2 === 0 ? 'sin' : 'neg', [v]);
  backward(g.nodes, v);
  const dir = mkdtempSync(join(tmpdir(), 'autograd-scale-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const target = join(dir, 'chain.dot');
  let chunks = 0;
  await writeFileAtomic(target, (function* () {
    for (const c of dotChunks({ graph: g, output: v })) {
      chunks++;
      expect(c.length).toBeLessThan(1 << 17);
      yield c;
    }
  })());
  expect(chunks).toBeGreaterThan(100);
  expect(readdirSync(dir)).toEqual(['chain.dot']);
  expect(statSync(target).size).toBeGreaterThan(50 * N);
  const file = await open(target);
  let lines = 0;
  for await (const _ of file.readLines()) lines++;
  // header (4 lines), N records, the op defaults, N-1 op nodes, 2 edges per op, closing brace.
  expect(lines).toBe(4 + N + 1 + (N - 1) + 2 * (N - 1) + 1);
});
