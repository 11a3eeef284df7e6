// Temporary files to delete if the process ends early (SIGINT, SIGTERM, a
// fatal error): an atomic writer registers its temp file before writing and
// unregisters it after the rename, so an interrupted run leaves no half-written file.
import { unlinkSync } from 'node:fs';

const pending = new Set<string>();
let onChange: ((active: boolean) => void) | undefined;

/** Tells `listener` when the first temp file is registered (true) and when none is left (false). */
export function onTempFilesChange(listener: ((active: boolean) => void) | undefined): void {
  onChange = listener;
}

/**
 * Registers `path` for deletion on an early exit; returns the function that
 * unregisters it (call it once the file has been renamed into place or removed).
 *
 * @example const done = trackTempFile(tmp); writeFileSync(tmp, s); renameSync(tmp, out); done();
 */
export function trackTempFile(path: string): () => void {
  const first = pending.size === 0;
  pending.add(path);
  if (first) onChange?.(true);
  return () => {
    if (pending.delete(path) && pending.size === 0) onChange?.(false);
  };
}

/** Deletes every registered temporary file, synchronously (safe in a signal or exit handler). */
export function removeTempFiles(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // already gone, or never created: nothing to clean
    }
  }
  const had = pending.size > 0;
  pending.clear();
  if (had) onChange?.(false);
}

/** The registered paths, for tests. */
export function trackedTempFiles(): readonly string[] {
  return [...pending];
}
