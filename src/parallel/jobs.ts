// How many threads a run uses, and where the worker script is. `--jobs n`
// asks for n threads that compute: for fit, the main thread and n − 1
// workers; for --points, n workers, while the main thread reads the input
// and writes the output. The default is the machine's available parallelism.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

declare const __AUTOGRAD_BUNDLE__: boolean | undefined;
const IN_BUNDLE = typeof __AUTOGRAD_BUNDLE__ !== 'undefined' && __AUTOGRAD_BUNDLE__;

/** The most threads --jobs accepts (more only costs memory and start-up). */
export const MAX_JOBS = 256;

/** The threads a run uses when --jobs is not given. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(MAX_JOBS, availableParallelism()));
}

/**
 * The worker script: dist/worker.cjs, beside the CLI bundle; from the sources
 * (as tests run them) the built one in dist/, which the test setup builds.
 */
export function workerScript(): string {
  return fileURLToPath(IN_BUNDLE ? new URL('./worker.cjs', import.meta.url) : new URL('../../dist/worker.cjs', import.meta.url));
}

/**
 * `fit` starts worker threads when its data has more than one chunk of rows
 * and its work, rows × passes, is at least this: about 150 ms of passes of a
 * small model on one thread, where the start-up of the workers (about 30 ms
 * each, on their own cores) has paid for itself. Measured on 2 cores with a
 * 3-parameter model: the break-even was near 1,500,000 rows × passes, both
 * for lm (11 passes over 131,072 rows) and for adam (100 steps over 16,384 rows).
 */
export const FIT_PARALLEL_WORK = 2_000_000;

/** The passes an lm fit is counted as when the threshold is checked: typical fits take 5 to 20. */
export const LM_PASSES_ESTIMATE = 10;

/**
 * The threads a fit uses for `--jobs` (undefined: the default), given its
 * rows, its expected passes and its chunks of rows: one below the threshold,
 * never more than the chunks. AUTOGRAD_FIT_PARALLEL_WORK in `env` replaces
 * the threshold (for tests).
 */
export function fitThreads(jobs: number | undefined, rows: number, passes: number, chunks: number, env: NodeJS.ProcessEnv): number {
  const override = env.AUTOGRAD_FIT_PARALLEL_WORK;
  const threshold = override !== undefined && /^\d+$/.test(override) ? Number(override) : FIT_PARALLEL_WORK;
  return rows * passes < threshold ? 1 : Math.min(jobs ?? defaultJobs(), chunks);
}
