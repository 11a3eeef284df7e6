// Runs the @example blocks of the API reference against the library. A line
// `expr // result` checks that expr evaluates to result as util.inspect prints
// it (whitespace and collection sizes aside); `expr // throws Name: message`
// checks the error. Every other line runs as written, so a block must run.
import { transformSync } from 'esbuild';
import { inspect } from 'node:util';

export interface ExampleFailure {
  readonly line: string;
  readonly problem: string;
}

export interface ExampleRun {
  /** Lines whose stated result was compared. */
  readonly checked: number;
  readonly failures: readonly ExampleFailure[];
}

const THROWS = /^throws (\w+)(?::\s*(.*))?$/;
const STATEMENT_START = /^(const|let|var|if|for|while|try|return|throw|import|export|function|class)\b|^[{}]/;

/** Printed form of a value, with layout differences removed. */
export function normalize(text: string): string {
  return text
    .replace(/\b(Map|Set|\w*Array)\(\d+\)/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/([[{(]) /g, '$1')
    .replace(/ ([\]})])/g, '$1')
    .trim();
}

/** `code` and the stated result of a line `code // result`, if it has one. */
function splitLine(line: string): { code: string; stated: string } | undefined {
  const at = line.indexOf(' // ');
  if (at < 0) return undefined;
  return { code: line.slice(0, at).trim(), stated: line.slice(at + 4).trim() };
}

/**
 * Runs one example with every name of `library` in scope. Import lines are
 * dropped (the example may show them; the names come from `library`).
 */
export function runExample(code: string, library: Readonly<Record<string, unknown>>): ExampleRun {
  const failures: ExampleFailure[] = [];
  const lines = code.split('\n').filter((l) => !/^\s*import\s/.test(l));
  const checks: Array<{ line: string; stated: string }> = [];
  const body = lines.map((line) => {
    const parts = splitLine(line);
    if (parts === undefined) return line;
    const k = checks.length;
    checks.push({ line, stated: parts.stated });
    if (STATEMENT_START.test(parts.code) || parts.code.endsWith(';')) {
      failures.push({ line, problem: 'a stated result needs an expression, not a statement' });
      return parts.code;
    }
    return THROWS.test(parts.stated)
      ? `__throws(${k}, () => (${parts.code}));`
      : `__check(${k}, (${parts.code}));`;
  }).join('\n');
  const check = (k: number, actual: unknown): void => {
    const { line, stated } = checks[k]!;
    const printed = inspect(actual, { depth: null, breakLength: Infinity, maxArrayLength: null, maxStringLength: null });
    if (normalize(printed) !== normalize(stated)) failures.push({ line, problem: `got ${printed}` });
  };
  const throws = (k: number, f: () => unknown): void => {
    const { line, stated } = checks[k]!;
    const [, name, message] = THROWS.exec(stated)!;
    try {
      const got = f();
      failures.push({ line, problem: `returned ${inspect(got)} instead of throwing` });
    } catch (err) {
      const e = err as Error;
      if (e.name !== name) failures.push({ line, problem: `threw ${e.name}: ${e.message}` });
      else if (message !== undefined && e.message !== message) failures.push({ line, problem: `threw ${e.name}: ${e.message}` });
    }
  };
  let js: string;
  try {
    js = transformSync(body, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  } catch (err) {
    return { checked: 0, failures: [{ line: code, problem: `does not compile: ${(err as Error).message}` }] };
  }
  const names = Object.keys(library);
  try {
    // The snippet is the doc comment's own code: run it as a function body over the library's exports.
    const run = new Function('__library', '__check', '__throws', `const { ${names.join(', ')} } = __library;\n${js}`);
    run(library, check, throws);
  } catch (err) {
    failures.push({ line: code, problem: `threw ${(err as Error).name}: ${(err as Error).message}` });
  }
  return { checked: checks.length, failures };
}
