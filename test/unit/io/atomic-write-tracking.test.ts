// writeFileAtomic registers its temporary file for cleanup on SIGINT/SIGTERM
// while it is on disk, and unregisters it after the rename or the cleanup.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/io/atomic-write.js';
import { removeTempFiles, trackedTempFiles } from '../../../src/io/cleanup.js';

const dir = mkdtempSync(join(tmpdir(), 'autograd-awt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic and the temp-file registry', () => {
  it('tracks the temp file while chunks are written, releases it after the rename', async () => {
    const target = join(dir, 'a.dot');
    const seen: string[][] = [];
    await writeFileAtomic(target, (function* () {
      for (let i = 0; i < 3; i++) {
        seen.push([...trackedTempFiles()]);
        yield `line ${i}\n`;
      }
    })());
    expect(seen.every((s) => s.length === 1 && s[0] === seen[0]![0])).toBe(true);
    expect(seen[0]![0]!.startsWith(join(dir, '.a.dot.'))).toBe(true);
    expect(trackedTempFiles()).toEqual([]);
  });

  it('releases it when the write fails, and removes the temp file', async () => {
    const target = join(dir, 'b.dot');
    await expect(writeFileAtomic(target, (function* () {
      yield 'start\n';
      throw new Error('boom');
    })())).rejects.toThrow(/cannot write/);
    expect(trackedTempFiles()).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.includes('b.dot'))).toEqual([]);
  });

  it('an early exit mid-write deletes the temp file (what the SIGINT handler runs)', async () => {
    const target = join(dir, 'c.dot');
    let during: string[] = [];
    await writeFileAtomic(target, (function* () {
      yield 'start\n';
      during = readdirSync(dir).filter((n) => n.startsWith('.c.dot.'));
      removeTempFiles();
      yield 'more\n';
    })()).catch(() => undefined);
    expect(during).toHaveLength(1);
    expect(readdirSync(dir).filter((n) => n.startsWith('.c.dot.'))).toEqual([]);
  });
});
