// While an atomic write has a temp file on disk, SIGINT/SIGTERM remove it and
// exit 130/143; otherwise no handler stands in the way of the default action.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installSignalCleanup } from '../../../src/cli/signals.js';
import { onTempFilesChange, removeTempFiles, trackTempFile } from '../../../src/io/cleanup.js';

class FakeProcess extends EventEmitter {
  codes: number[] = [];
  exit(code: number): void {
    this.codes.push(code);
  }
}

afterEach(() => {
  removeTempFiles();
  onTempFilesChange(undefined);
});

describe('installSignalCleanup', () => {
  it('handles SIGINT only while a temp file is tracked, removing it and exiting 130', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-signals-'));
    try {
      const proc = new FakeProcess();
      installSignalCleanup(proc);
      expect(proc.listenerCount('SIGINT')).toBe(0);
      const tmp = join(dir, '.graph.svg.tmp');
      writeFileSync(tmp, '<svg');
      const done = trackTempFile(tmp);
      expect(proc.listenerCount('SIGINT')).toBe(1);
      expect(proc.listenerCount('SIGTERM')).toBe(1);
      done();
      expect(proc.listenerCount('SIGINT')).toBe(0);

      trackTempFile(tmp);
      proc.emit('SIGINT');
      expect(existsSync(tmp)).toBe(false);
      expect(proc.codes).toEqual([130]);
      expect(proc.listenerCount('SIGINT')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM exits 143', () => {
    const proc = new FakeProcess();
    installSignalCleanup(proc);
    trackTempFile('/nonexistent/autograd-never-created.tmp');
    proc.emit('SIGTERM');
    expect(proc.codes).toEqual([143]);
  });
});
