// `autograd eval --points <file|->`: one compiled tape, one output line per
// input row, in order, streamed with backpressure (memory stays flat).
import { createReadStream, promises as fsp } from 'node:fs';
import { HessianTape } from '../calculus/hessian.js';
import { chooseOutputs, JacobianTape } from '../calculus/jacobian.js';
import { compileProgram } from '../compile/program.js';
import { AutogradError, InputError } from '../errors.js';
import { build, freeVariables } from '../graph/build.js';
import { chooseTargets } from '../graph/targets.js';
import type { Value } from '../graph/value.js';
import { OutputBuffer, type WritableLike } from '../io/output-buffer.js';
import { PointsReader, type PointsSink } from '../io/points-reader.js';
import { RowBinding, shadowedConstants } from '../io/row-binding.js';
import { hessianRowExtra } from '../render/hessian-row.js';
import { jacobianCsvFormat, jacobianJsonLinesFormat } from '../render/jacobian.js';
import { csvFormat, jsonLinesFormat } from '../render/points-row.js';
import { jacobianNonFinite } from './of-option.js';
import type { Program } from '../syntax/ast.js';
import { quoteText } from '../syntax/unshowable.js';
import { complain, warn, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { hessianVariables } from './hessian-option.js';
import { readError } from './inputs.js';
import { warnUnused } from './load-program.js';
import { nonFiniteResults, strictMessage } from '../render/strict.js';

export interface PointsOptions {
  /** A file path, or '-' for stdin. */
  readonly points: string;
  readonly wrt?: readonly string[] | undefined;
  readonly all?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly strict?: boolean | undefined;
  /** Each row also gets its Hessian over the gradient's variables (as `eval --hessian` at that point). */
  readonly hessian?: boolean | undefined;
  /** Several outputs: each row gives their values and Jacobian (as `eval --of` at that point). */
  readonly of?: readonly string[] | undefined;
}

const PROGRESS_EVERY_MS = 250;

function openInput(path: string, ctx: CliContext): AsyncIterable<Buffer | string> {
  if (path === '-') return ctx.stdin as AsyncIterable<Buffer | string>;
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Runs the program over every row of the --points input. */
export async function runPoints(program: Program, at: ReadonlyMap<string, number>, opts: PointsOptions,
  ctx: CliContext): Promise<ExitCode> {
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  const where = opts.points === '-' ? '<stdin>' : quoteText(opts.points);
  let reader: PointsReader | undefined;
  const fail = (message: string): never => {
    if (reader === undefined) throw new InputError(message);
    return reader.fail(message);
  };
  // --strict: how many rows had a NaN or ±Infinity, and what the first one had.
  let nonFiniteRows = 0;
  let firstNonFinite = '';

  /**
   * The compiled program with `columns` (the header, or the first JSON row's
   * keys) as extra variables: a column named like a constant the program reads
   * shadows it, as --at does. Variables --at does not give are NaN until a row sets them.
   */
  const prepare = (columns: readonly string[]) => {
    const shadowed = shadowedConstants(program, at, columns);
    for (const name of shadowed) warn(ctx, `column '${quoteText(name)}' gives the constant ${quoteText(name)} a value in each row, as --at ${quoteText(name)}=… would`);
    // A constant named in --wrt is a variable too (as in diff): its value must come from the rows.
    const free = freeVariables(program, new Set([...at.keys(), ...shadowed, ...(opts.wrt ?? [])]));
    const atPlus = new Map(at);
    for (const name of free) if (!at.has(name)) atPlus.set(name, NaN);
    const built = build(program, atPlus, { evaluate: false });
    const targets = chooseTargets(built, { wrt: opts.wrt, all: opts.all });
    const jacobian = opts.of === undefined ? undefined : new JacobianTape(built, chooseOutputs(built, opts.of), targets);
    const tape = jacobian?.tape ?? compileProgram(built, [built.output]).tape;
    const hessian = opts.hessian ? new HessianTape(built, hessianVariables(built, targets, opts.wrt !== undefined)) : undefined;
    const extra = hessian !== undefined ? hessianRowExtra(built.outputName, hessian) : undefined;
    const format = jacobian !== undefined
      ? (opts.json ? jacobianJsonLinesFormat : jacobianCsvFormat)(jacobian)
      : (opts.json ? jsonLinesFormat : csvFormat)(built.outputName, targets.map(([n]) => n), extra);
    const binding = new RowBinding([...built.variables].map(([name, v]) => [name, v.id] as const), at, fail);
    const valueOf = (v: Value): number => tape.data[v.id]!;
    return { built, targets, tape, jacobian, hessian, valueOf, format, binding, targetIndex: Int32Array.from(targets, ([, v]) => v.id) };
  };
  // Built before any row is read, so a bad --wrt or --hessian fails even on empty input.
  let run = prepare([]);
  warnUnused(ctx, run.built.unused);
  let chosen = false;
  /** At the first header or row: rebuilt when its columns shadow a constant. */
  const choose = (columns: readonly string[]): void => {
    if (chosen) return;
    chosen = true;
    if (shadowedConstants(program, at, columns).length > 0) run = prepare(columns);
  };
  let started = false;
  const start = (): void => {
    if (!started) out.add(run.format.header);
    started = true;
  };

  const evaluateOf = (j: JacobianTape, line: number): void => {
    j.evaluate();
    if (opts.strict) {
      const bad = jacobianNonFinite(j);
      if (bad.length > 0 && nonFiniteRows++ === 0) firstNonFinite = strictMessage(bad, `${where}:${line}`);
    }
    out.add(run.format.row(0, j.tape.grad, run.targetIndex));
  };

  const evaluate = (line: number): void => {
    const { tape, jacobian, hessian, targetIndex } = run;
    if (jacobian !== undefined) {
      evaluateOf(jacobian, line);
      return;
    }
    tape.forward();
    if (targetIndex.length > 0) tape.backward();
    const value = tape.value;
    const rows = hessian?.evaluate(run.valueOf);
    if (opts.strict) {
      let finite = Number.isFinite(value);
      for (let k = 0; k < targetIndex.length; k++) finite &&= Number.isFinite(tape.grad[targetIndex[k]!]!);
      if (rows !== undefined) for (const row of rows) for (const x of row) finite &&= Number.isFinite(x);
      if (!finite && nonFiniteRows++ === 0) {
        const gradient = run.targets.map(([name, v]) => [name, tape.grad[v.id] ?? NaN] as const);
        const hessianRows = rows === undefined || hessian === undefined ? undefined : { names: hessian.names, rows };
        firstNonFinite = strictMessage(nonFiniteResults(run.built.outputName, value, gradient, hessianRows), `${where}:${line}`);
      }
    }
    out.add(run.format.row(value, tape.grad, targetIndex));
  };

  const sink: PointsSink = {
    header(names) {
      choose(names);
      const used = run.binding.header(names);
      start();
      return used;
    },
    csvRow(values, line) {
      run.binding.csvRow(values, run.tape.data);
      evaluate(line);
    },
    jsonRow(keys, values, numeric, count, line) {
      if (!chosen) choose(keys.slice(0, count));
      start();
      run.binding.jsonRow(keys, values, numeric, count, line, run.tape.data);
      evaluate(line);
    },
  };
  const rows = new PointsReader(sink, where);
  reader = rows;

  const stderr = ctx.stderr as { isTTY?: boolean; write(s: string): unknown };
  let total = 0;
  if (opts.points !== '-') {
    try {
      const s = await fsp.stat(opts.points);
      if (s.isDirectory()) throw readError(opts.points, Object.assign(new Error(), { code: 'EISDIR' }));
      total = s.size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw readError(opts.points, e);
    }
  }
  const progress = stderr.isTTY === true && opts.points !== '-';
  let lastProgress = Date.now();
  let bytes = 0;

  const input = openInput(opts.points, ctx);
  try {
    for await (const chunk of input) {
      try {
        rows.push(chunk);
      } finally {
        // Rows before a bad row are written before the error is reported.
        await out.flushIfFull();
      }
      if (out.closed) break;
      if (progress) {
        bytes += chunk.length;
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          const pct = total > 0 ? ` (${Math.floor((100 * bytes) / total)}%)` : '';
          stderr.write(`\r${rows.rows} rows${pct}`);
        }
      }
    }
    if (!out.closed) rows.end();
    start();
  } catch (e) {
    await out.flush();
    if (progress) stderr.write('\r\x1b[K');
    if (e instanceof AutogradError) throw e;
    if (typeof (e as NodeJS.ErrnoException).errno === 'number') throw readError(opts.points, e);
    throw e;
  }
  await out.flush();
  if (progress) stderr.write('\r\x1b[K');
  if (out.closed) return EXIT.ok;
  if (nonFiniteRows === 0) return EXIT.ok;
  const share = nonFiniteRows === 1 ? `the only row of ${rows.rows}` : `the first of ${nonFiniteRows} rows of ${rows.rows}`;
  complain(ctx, `${firstNonFinite} (${share} with a non-finite result)`);
  return EXIT.failed;
}
