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
import { hessianRowExtra } from '../render/hessian-row.js';
import { jacobianCsvFormat, jacobianJsonLinesFormat } from '../render/jacobian.js';
import { csvFormat, jsonLinesFormat, type RowExtra } from '../render/points-row.js';
import { jacobianNonFinite } from './of-option.js';
import type { Program } from '../syntax/ast.js';
import { complain, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit.js';
import { hessianVariables } from './hessian-option.js';
import { readError } from './inputs.js';
import { warnUnused } from './load-program.js';
import { quoteText } from '../syntax/unshowable.js';
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
  /** Other per-row results after the gradient, read when each row is written (--hessian sets its own). */
  readonly extra?: RowExtra | undefined;
}

const PROGRESS_EVERY_MS = 250;

function openInput(path: string, ctx: CliContext): AsyncIterable<Buffer | string> {
  if (path === '-') return ctx.stdin as AsyncIterable<Buffer | string>;
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Runs the program over every row of the --points input. */
export async function runPoints(program: Program, at: ReadonlyMap<string, number>, opts: PointsOptions,
  ctx: CliContext): Promise<ExitCode> {
  // Variables the rows must give are those --at does not (constants stay constants unless --at names them).
  const free = freeVariables(program, new Set(at.keys()));
  const atPlus = new Map(at);
  for (const name of free) if (!at.has(name)) atPlus.set(name, NaN);
  const built = build(program, atPlus, { evaluate: false });
  const output = built.output;
  const targets = chooseTargets(built, { wrt: opts.wrt, all: opts.all });
  warnUnused(ctx, built.unused);
  const outputs = opts.of === undefined ? undefined : chooseOutputs(built, opts.of);
  const jacobian = outputs === undefined ? undefined : new JacobianTape(built, outputs, targets);
  const tape = jacobian?.tape ?? compileProgram(built, [output]).tape;
  const data = tape.data;
  const hessian = opts.hessian ? new HessianTape(built, hessianVariables(built, targets, opts.wrt !== undefined)) : undefined;
  const extra = hessian !== undefined ? hessianRowExtra(built.outputName, hessian) : opts.extra;
  const valueOf = (v: Value): number => data[v.id]!;
  const targetIndex = Int32Array.from(targets, ([, v]) => v.id);
  const wantGradient = targetIndex.length > 0;

  const varNames = [...built.variables.keys()];
  const varIndex = new Map(varNames.map((n, i) => [n, i]));
  const slot = Int32Array.from(built.variables.values(), (v) => v.id);
  const defaults = Float64Array.from(varNames, (n) => at.get(n) ?? NaN);
  const required = Uint8Array.from(varNames, (n) => (at.has(n) ? 0 : 1));
  const seen = new Int32Array(varNames.length);

  const format = jacobian !== undefined
    ? (opts.json ? jacobianJsonLinesFormat : jacobianCsvFormat)(jacobian)
    : (opts.json ? jsonLinesFormat : csvFormat)(built.outputName, targets.map(([n]) => n), extra);
  const out = new OutputBuffer(ctx.stdout as WritableLike);
  const where = opts.points === '-' ? '<stdin>' : quoteText(opts.points);
  let started = false;
  // --strict: how many rows had a NaN or ±Infinity, and what the first one had.
  let nonFiniteRows = 0;
  let firstNonFinite = '';
  const start = (): void => {
    if (!started) out.add(format.header);
    started = true;
  };

  const evaluateOf = (j: JacobianTape, line: number): void => {
    j.evaluate();
    if (opts.strict) {
      const bad = jacobianNonFinite(j);
      if (bad.length > 0 && nonFiniteRows++ === 0) firstNonFinite = strictMessage(bad, `${where}:${line}`);
    }
    out.add(format.row(0, tape.grad, targetIndex));
  };

  const evaluate = (line: number): void => {
    if (jacobian !== undefined) {
      evaluateOf(jacobian, line);
      return;
    }
    tape.forward();
    if (wantGradient) tape.backward();
    const value = tape.value;
    const rows = hessian?.evaluate(valueOf);
    if (opts.strict) {
      let finite = Number.isFinite(value);
      for (let k = 0; k < targetIndex.length; k++) finite &&= Number.isFinite(tape.grad[targetIndex[k]!]!);
      if (rows !== undefined) for (const row of rows) for (let j = 0; j < row.length; j++) finite &&= Number.isFinite(row[j]!);
      if (!finite && nonFiniteRows++ === 0) {
        const gradient = targets.map(([name, v]) => [name, tape.grad[v.id]!] as const);
        const hessianRows = rows === undefined ? undefined : { names: hessian!.names, rows };
        firstNonFinite = strictMessage(nonFiniteResults(built.outputName, value, gradient, hessianRows), `${where}:${line}`);
      }
    }
    out.add(format.row(value, tape.grad, targetIndex));
  };

  let columnSlot = new Int32Array(0);
  let usedColumns = new Int32Array(0);
  let reader: PointsReader | undefined;
  const fail = (message: string): never => reader!.fail(message);
  const sink: PointsSink = {
    header(names) {
      columnSlot = new Int32Array(names.length).fill(-1);
      const used: boolean[] = [];
      const given = new Uint8Array(varNames.length);
      for (let c = 0; c < names.length; c++) {
        const v = varIndex.get(names[c]!);
        used.push(v !== undefined);
        if (v === undefined) continue;
        if (given[v] === 1) fail(`column '${quoteText(names[c]!)}' appears twice in the header`);
        given[v] = 1;
        columnSlot[c] = slot[v]!;
      }
      const missing = varNames.filter((n, v) => required[v] === 1 && given[v] === 0);
      if (missing.length > 0) {
        const list = missing.map((n) => `'${quoteText(n)}'`).join(', ');
        fail(`no value for ${missing.length === 1 ? 'variable' : 'variables'} ${list}: `
          + `not a column of the header, and --at does not give ${missing.length === 1 ? 'it' : 'them'}`);
      }
      usedColumns = Int32Array.from(used.flatMap((u, c) => (u ? [c] : [])));
      start();
      return used;
    },
    csvRow(values, line) {
      for (let k = 0; k < usedColumns.length; k++) {
        const c = usedColumns[k]!;
        data[columnSlot[c]!] = values[c]!;
      }
      evaluate(line);
    },
    jsonRow(keys, values, numeric, count, line) {
      start();
      for (let v = 0; v < slot.length; v++) data[slot[v]!] = defaults[v]!;
      for (let k = 0; k < count; k++) {
        const v = varIndex.get(keys[k]!);
        if (v === undefined) continue;
        if (numeric[k] === 0) fail(`the value of "${quoteText(keys[k]!)}" is not a number`);
        data[slot[v]!] = values[k]!;
        seen[v] = line;
      }
      for (let v = 0; v < slot.length; v++) {
        if (required[v] === 1 && seen[v] !== line) {
          fail(`missing "${quoteText(varNames[v]!)}" (give it in every row or with --at ${quoteText(varNames[v]!)}=…)`);
        }
      }
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
