// The temp-file registry that SIGINT/SIGTERM and the exit path clean up.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTempFiles, trackTempFile, trackedTempFiles } from '../../../src/io/cleanup.js';

describe('temp-file cleanup', () => {
  it('removes what is registered, keeps what was unregistered, ignores what is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-cleanup-'));
    try {
      const half = join(dir, '.out.dot.tmp');
      const done = join(dir, '.done.tmp');
      const never = join(dir, '.never-created.tmp');
      writeFileSync(half, 'digraph {');
      writeFileSync(done, 'digraph {}');
      trackTempFile(half);
      const untrack = trackTempFile(done);
      trackTempFile(never);
      untrack();
      expect(trackedTempFiles()).toEqual([half, never]);
      removeTempFiles();
      expect(existsSync(half)).toBe(false);
      expect(existsSync(done)).toBe(true);
      expect(trackedTempFiles()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
