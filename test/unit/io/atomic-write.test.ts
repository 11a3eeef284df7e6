import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkFolder, writeFileAtomic } from '../../../src/io/atomic-write.js';
import { InputError } from '../../../src/errors.js';

describe('writeFileAtomic', () => {
  it('replaces the target and leaves only it behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-aw-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const target = join(dir, 'out.txt');
    writeFileSync(target, 'old contents');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('a missing folder is an InputError (exit 2), checked up front', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'autograd-aw-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => checkFolder(join(dir, 'nope', 'x.dot'), '--dot')).toThrow(InputError);
    expect(() => checkFolder(join(dir, 'x.dot'), '--dot')).not.toThrow();
    await expect(writeFileAtomic(join(dir, 'nope', 'x.dot'), 'x')).rejects.toThrow(InputError);
  });
});
