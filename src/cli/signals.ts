// Ctrl-C and kill: while an atomic write has a temporary file on disk, SIGINT
// and SIGTERM remove it and exit 130 / 143. The rest of the time no handler is
// installed, so the signal ends the process at once, even in the middle of a
// long synchronous computation (JavaScript runs no handler until it returns),
// and the shell reports 128 + 2 = 130 all the same.
import { onTempFilesChange, removeTempFiles } from '../io/cleanup.js';
import { EXIT } from './exit.js';

/** The part of `process` this module uses (a fake in tests). */
export interface SignalTarget {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

export function installSignalCleanup(proc: SignalTarget): void {
  const onInt = (): void => {
    removeTempFiles();
    proc.exit(EXIT.interrupted);
  };
  const onTerm = (): void => {
    removeTempFiles();
    proc.exit(EXIT.terminated);
  };
  onTempFilesChange((active) => {
    if (active) {
      proc.on('SIGINT', onInt);
      proc.on('SIGTERM', onTerm);
    } else {
      proc.off('SIGINT', onInt);
      proc.off('SIGTERM', onTerm);
    }
  });
}
