// Color is decided once, here: --no-color, NO_COLOR, FORCE_COLOR (wins, as in
// Node), else only on a TTY. Renderers get a Style of named roles.
import { Chalk } from 'chalk';

export interface Style {
  readonly name: (s: string) => string;
  readonly number: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly error: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  /** The curves of a terminal plot, in order (the first is the function). */
  readonly curves: ReadonlyArray<(s: string) => string>;
}

export interface ColorContext {
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** False when --no-color was given. */
  readonly flag: boolean;
}

/** Chalk's color level: 0 for none. */
export function colorLevel({ isTTY, env, flag }: ColorContext): 0 | 1 | 2 | 3 {
  if (!flag) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY) return 0;
  return env.TERM === 'dumb' ? 0 : 1;
}

export function makeStyle(level: 0 | 1 | 2 | 3): Style {
  if (level === 0) {
    const id = (s: string): string => s;
    return { name: id, number: id, warning: id, error: id, dim: id, bold: id, curves: [id] };
  }
  const c = new Chalk({ level });
  return {
    name: (s) => c.cyan(s),
    number: (s) => s,
    warning: (s) => c.yellow(s),
    error: (s) => c.red.bold(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    curves: [(s) => c.cyan(s), (s) => c.magenta(s), (s) => c.yellow(s), (s) => c.green(s)],
  };
}
