// How many threads a run uses, and where the worker script is. `--jobs n`
// asks for n threads in all (the main thread counts as one of them where it
// computes too); the default is the machine's available parallelism.
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
 * `fit`: data of fewer rows than this stays on one thread, with no worker
 * started (see docs/fit.md for the measurement).
 */
export const FIT_PARALLEL_ROWS = 65_536;

/**
 * The threads a fit over `rows` rows uses for `--jobs` (undefined: the
 * default). AUTOGRAD_FIT_PARALLEL_ROWS in `env` replaces the threshold (for tests).
 */
export function fitThreads(jobs: number | undefined, rows: number, env: NodeJS.ProcessEnv): number {
  const override = env.AUTOGRAD_FIT_PARALLEL_ROWS;
  const threshold = override !== undefined && /^\d+$/.test(override) ? Number(override) : FIT_PARALLEL_ROWS;
  return rows < threshold ? 1 : jobs ?? defaultJobs();
}
