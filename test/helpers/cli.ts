// Runs the built binary the way a user does and captures everything.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/autograd.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly timeout?: number;
}

/** Spawns `node bin/autograd.js ...args`; NO_COLOR and FORCE_COLOR are cleared unless given. */
export function runCli(args: readonly string[], opts: CliOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, AUTOGRAD_DEBUG: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    env: env as NodeJS.ProcessEnv,
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asserts nothing in stderr looks like a stack trace frame. */
export function hasStackFrame(stderr: string): boolean {
  return /^\s+at /m.test(stderr);
}

/** Relative closeness for floating-point comparisons. */
export function closeTo(actual: number, expected: number, rel = 1e-12): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), Number.MIN_VALUE);
}
