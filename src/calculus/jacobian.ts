// The Jacobian of several outputs: one tape whose outputs are the outputs, one
// forward sweep per point, then the cheaper of min(m, n) sweeps: reverse mode
// once per output (a row) when there are fewer outputs than columns, forward
// mode once per column (tangents through the same op table) otherwise. An
// entry whose output does not depend on the column is exactly 0 either way.
import { Tape, type TapeOptions } from '../compile/tape.js';
import { NameError } from '../errors.js';
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';
import { suggest } from '../syntax/suggest.js';
import { quoteText } from '../syntax/unshowable.js';

/** Reverse mode (one sweep per output) or forward mode (one sweep per column). */
export type JacobianMode = 'reverse' | 'forward';

/** Options of a {@link JacobianTape}. */
export interface JacobianOptions extends Pick<TapeOptions, 'kernel'> {
  /** Force a mode; by default the one with fewer sweeps (reverse when outputs < columns). */
  readonly mode?: JacobianMode | undefined;
}

/** The cheaper mode for m outputs over n columns: reverse when m < n, else forward. */
export function cheaperMode(outputs: number, columns: number): JacobianMode {
  return outputs < columns ? 'reverse' : 'forward';
}

/**
 * The (name, node) of each `--of` name: a statement's name (its latest
 * assignment) or the output's name. A name that is none of them, an empty
 * name or a duplicate is a NameError (with "did you mean" when close).
 */
export function chooseOutputs(built: Built, of: readonly string[], what = '--of'): Array<[string, Value]> {
  const seen = new Set<string>();
  return of.map((name): [string, Value] => {
    if (name === '') throw new NameError({ problem: `${what} has an empty name: give output names separated by commas, like u,v` });
    if (seen.has(name)) throw new NameError({ problem: `${what} names '${quoteText(name)}' twice` });
    seen.add(name);
    const v = built.named.get(name) ?? (name === built.outputName ? built.output : undefined);
    if (v === undefined) {
      throw new NameError({
        problem: `${what} '${quoteText(name)}' is not an output of the program: it names no statement and is not the output's name`,
        suggestions: suggest(name, [...new Set([...built.named.keys(), built.outputName])]),
      });
    }
    return [name, v];
  });
}

/**
 * The Jacobian of several outputs of a program, compiled once, at any number
 * of points: set variables in `tape.data` (by node id), then evaluate().
 *
 * @example
 * const built = build(parse('u = x*y; v = x + y'), new Map([['x', 1], ['y', 2]]));
 * const j = new JacobianTape(built, [['u', built.named.get('u')!], ['v', built.named.get('v')!]], [...built.variables]);
 * j.evaluate() // [Float64Array [2, 1], Float64Array [1, 1]]
 * j.tape.set(built.variables.get('x')!.id, 5);
 * j.evaluate()[0] // Float64Array [2, 5]
 * j.values // Float64Array [10, 7]
 * j.mode // 'forward'
 */
export class JacobianTape {
  /** The tape: its outputs are the Jacobian's outputs; set variables in its data before evaluate(). */
  readonly tape: Tape;
  /** Output names, in the order of rows. */
  readonly outputs: readonly string[];
  /** Column names (variables or named nodes), in the order of columns. */
  readonly names: readonly string[];
  /** The mode evaluate() uses. */
  readonly mode: JacobianMode;
  /** Each output's value at the last evaluate(). */
  readonly values: Float64Array;
  /** rows[i][j] = ∂output_i/∂column_j at the last evaluate(). */
  readonly rows: readonly Float64Array[];
  /** Tape index of each column. */
  private readonly columns: Int32Array;
  /** Tangents of the forward mode (one per node). */
  private readonly dot: Float64Array;

  /** Compiles the Jacobian of `outputs` over `columns`, all nodes of `built`'s graph. */
  constructor(built: Built, outputs: ReadonlyArray<readonly [string, Value]>,
    columns: ReadonlyArray<readonly [string, Value]>, options: JacobianOptions = {}) {
    this.tape = new Tape(built.graph.nodes, outputs.map(([, v]) => v), { kernel: options.kernel });
    this.outputs = outputs.map(([name]) => name);
    this.names = columns.map(([name]) => name);
    this.columns = Int32Array.from(columns, ([, v]) => v.id);
    this.mode = options.mode ?? cheaperMode(outputs.length, columns.length);
    this.values = new Float64Array(outputs.length);
    this.rows = outputs.map(() => new Float64Array(columns.length));
    this.dot = new Float64Array(this.mode === 'forward' ? this.tape.size : 0);
  }

  /** Sweeps per evaluate() after the forward pass: min(m, n) with the default mode. */
  get sweeps(): number {
    return this.mode === 'reverse' ? this.outputs.length : this.names.length;
  }

  /** Runs the forward pass over the tape's data, then the sweeps; fills `values` and `rows`. */
  evaluate(): readonly Float64Array[] {
    const { tape, rows, columns } = this;
    const m = rows.length;
    const n = columns.length;
    tape.forward();
    for (let i = 0; i < m; i++) this.values[i] = tape.data[tape.outputs[i]!]!;
    if (this.mode === 'reverse') {
      for (let i = 0; i < m; i++) {
        if (n === 0) break;
        tape.backward(i);
        const row = rows[i]!;
        for (let j = 0; j < n; j++) row[j] = tape.grad[columns[j]!]!;
      }
    } else {
      const dot = this.dot;
      for (let j = 0; j < n; j++) {
        const seed = columns[j]!;
        dot.fill(0);
        dot[seed] = 1;
        // A named node is held as the seed: only the nodes after it follow it.
        tape.tangent(dot, seed + 1);
        for (let i = 0; i < m; i++) rows[i]![j] = dot[tape.outputs[i]!]!;
      }
    }
    return rows;
  }

  /**
   * The Jacobian-vector product J·t after forward(): `tangent` holds one
   * number per column; one forward-mode sweep fills `into` (one per output).
   */
  jvp(tangent: ArrayLike<number>, into: Float64Array): Float64Array {
    const dot = this.mode === 'forward' ? this.dot : new Float64Array(this.tape.size);
    dot.fill(0);
    let first = this.tape.size;
    for (let j = 0; j < this.columns.length; j++) {
      const t = tangent[j]!;
      if (t === 0) continue;
      dot[this.columns[j]!] = t;
      first = Math.min(first, this.columns[j]! + 1);
    }
    this.tape.tangent(dot, first);
    for (let i = 0; i < into.length; i++) into[i] = dot[this.tape.outputs[i]!]!;
    return into;
  }
}
