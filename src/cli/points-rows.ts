// The rows of `eval --points`, turned into output text: the program compiled
// once for the columns, each row bound to the tape, run forward and backward,
// and formatted. The main thread runs one of these over a small input; over a
// large one, every worker thread runs its own over its blocks of lines (see
// points-parallel.ts), so a row gives the same text on every thread.
import { HessianTape } from '../calculus/hessian.js';
import { chooseOutputs, JacobianTape } from '../calculus/jacobian.js';
import { compileProgram } from '../compile/program.js';
import { InputError } from '../errors.js';
import { build, freeVariables, type Built } from '../graph/build.js';
import { chooseTargets } from '../graph/targets.js';
import type { Value } from '../graph/value.js';
import { PointsReader, type PointsSink } from '../io/points-reader.js';
import { RowBinding, shadowedConstants } from '../io/row-binding.js';
import { hessianRowExtra } from '../render/hessian-row.js';
import { jacobianCsvFormat, jacobianJsonLinesFormat } from '../render/jacobian.js';
import { csvFormat, jsonLinesFormat } from '../render/points-row.js';
import { jacobianNonFinite, nonFiniteResults, strictMessage } from '../render/strict.js';
import type { Program } from '../syntax/ast.js';
import { quoteText } from '../syntax/unshowable.js';
import { hessianVariables } from './hessian-option.js';

/** What the rows' results are: eval's options that --points reads (plain data: a worker gets a copy). */
export interface RowsOptions {
  readonly wrt?: readonly string[] | undefined;
  readonly all?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly strict?: boolean | undefined;
  /** Each row also gets its Hessian over the gradient's variables (as `eval --hessian` at that point). */
  readonly hessian?: boolean | undefined;
  /** Several outputs: each row gives their values and Jacobian (as `eval --of` at that point). */
  readonly of?: readonly string[] | undefined;
}

/** Turns rows into text, handed to `emit` as it is made. */
export class PointsRows {
  readonly reader: PointsReader;
  /** --strict: how many rows had a NaN or ±Infinity, and what the first one had. */
  nonFiniteRows = 0;
  firstNonFinite = '';
  /** --at names the program does not use (from the first build). */
  readonly unused: Built['unused'];
  private run: ReturnType<PointsRows['prepare']>;
  private chosen = false;
  private started = false;

  /**
   * `where` names the input in messages (escaped); `warn` gets the warnings
   * that the columns cause (a worker passes one that drops them: the main
   * thread has given them once).
   */
  constructor(private readonly program: Program, private readonly at: ReadonlyMap<string, number>,
    private readonly opts: RowsOptions, private readonly where: string,
    private readonly emit: (text: string) => void, private readonly warn: (message: string) => void) {
    // Built before any row is read, so a bad --wrt or --hessian fails even on empty input.
    this.run = this.prepare([]);
    this.unused = this.run.built.unused;
    const sink: PointsSink = {
      header: (names) => {
        this.choose(names);
        const used = this.run.binding.header(names);
        this.start();
        return used;
      },
      csvRow: (values, line) => {
        this.run.binding.csvRow(values, this.run.tape.data);
        this.evaluate(line);
      },
      jsonRow: (keys, values, numeric, count, line) => {
        if (!this.chosen) this.choose(keys.slice(0, count));
        this.start();
        this.run.binding.jsonRow(keys, values, numeric, count, line, this.run.tape.data);
        this.evaluate(line);
      },
    };
    this.reader = new PointsReader(sink, where);
  }

  /** Emits the header line once (also for an input without rows). */
  start(): void {
    if (!this.started) this.emit(this.run.format.header);
    this.started = true;
  }

  /**
   * The compiled program with `columns` (the header, or the first JSON row's
   * keys) as extra variables: a column named like a constant the program reads
   * shadows it, as --at does. Variables --at does not give are NaN until a row sets them.
   */
  private prepare(columns: readonly string[]) {
    const { program, at, opts } = this;
    const shadowed = shadowedConstants(program, at, columns);
    for (const name of shadowed) this.warn(`column '${quoteText(name)}' gives the constant ${quoteText(name)} a value in each row, as --at ${quoteText(name)}=… would`);
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
    const fail = (message: string): never => {
      // The reader exists by the time a row is bound; before that, the columns are at fault.
      if (this.reader === undefined) throw new InputError(message);
      return this.reader.fail(message);
    };
    const binding = new RowBinding([...built.variables].map(([name, v]) => [name, v.id] as const), at, fail);
    const valueOf = (v: Value): number => tape.data[v.id]!;
    return { built, targets, tape, jacobian, hessian, valueOf, format, binding, targetIndex: Int32Array.from(targets, ([, v]) => v.id) };
  }

  /** At the first header or row: rebuilt when its columns shadow a constant. */
  private choose(columns: readonly string[]): void {
    if (this.chosen) return;
    this.chosen = true;
    if (shadowedConstants(this.program, this.at, columns).length > 0) this.run = this.prepare(columns);
  }

  private evaluateOf(j: JacobianTape, line: number): void {
    j.evaluate();
    if (this.opts.strict) {
      const bad = jacobianNonFinite(j);
      if (bad.length > 0 && this.nonFiniteRows++ === 0) this.firstNonFinite = strictMessage(bad, `${this.where}:${line}`);
    }
    this.emit(this.run.format.row(0, j.tape.grad, this.run.targetIndex));
  }

  private evaluate(line: number): void {
    const run = this.run;
    const { tape, jacobian, hessian, targetIndex } = run;
    if (jacobian !== undefined) {
      this.evaluateOf(jacobian, line);
      return;
    }
    tape.forward();
    if (targetIndex.length > 0) tape.backward();
    const value = tape.value;
    const rows = hessian?.evaluate(run.valueOf);
    if (this.opts.strict) {
      let finite = Number.isFinite(value);
      for (let k = 0; k < targetIndex.length; k++) finite &&= Number.isFinite(tape.grad[targetIndex[k]!]!);
      if (rows !== undefined) for (const row of rows) for (const x of row) finite &&= Number.isFinite(x);
      if (!finite && this.nonFiniteRows++ === 0) {
        const gradient = run.targets.map(([name, v]) => [name, tape.grad[v.id] ?? NaN] as const);
        const hessianRows = rows === undefined || hessian === undefined ? undefined : { names: hessian.names, rows };
        this.firstNonFinite = strictMessage(nonFiniteResults(run.built.outputName, value, gradient, hessianRows), `${this.where}:${line}`);
      }
    }
    this.emit(run.format.row(value, tape.grad, targetIndex));
  }
}
