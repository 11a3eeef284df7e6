// Atomic file writes: the bytes go to a temporary file in the same folder, which
// is then renamed over the target, so a reader never sees a half-written file.
// fs.promises is read on use: loading node:fs/promises at start-up costs time.
import { promises as fsp, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../errors.js';
import { quoteText } from '../syntax/unshowable.js';
import { trackTempFile } from './cleanup.js';

/** Throws OutputError unless the folder of `path` exists (checked before any work is done). */
export function checkFolder(path: string, what: string): void {
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new OutputError(`${what} '${quoteText(path)}': no such directory '${quoteText(dir)}'`, path);
}

/**
 * Writes `data` to `path` atomically (temporary file in the same folder, then
 * rename). An iterable of strings is streamed chunk by chunk, so text larger
 * than one string can hold still gets written.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  // Until the rename (or the cleanup), an early exit (SIGINT, SIGTERM) deletes
  // the temp file, so an interrupted run leaves neither it nor the target.
  const release = trackTempFile(temp);
  return writeThrough(temp, path, data).finally(release);
}

/** Writes `data` to `temp`, then renames it to `path`; removes `temp` on failure. */
async function writeThrough(temp: string, path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  let created = false;
  try {
    // 'wx': never reuse a file someone else created under the same name.
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await fsp.writeFile(temp, data, { flag: 'wx' });
      created = true;
    } else {
      const file = await fsp.open(temp, 'wx');
      created = true;
      try {
        for (const chunk of data) await file.write(chunk);
      } finally {
        await file.close();
      }
    }
    await fsp.rename(temp, path);
  } catch (err) {
    if (created) await fsp.rm(temp, { force: true });
    throw OutputError.writing(path, err);
  }
}
