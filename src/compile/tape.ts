// The compiled tape: THE numeric engine. A Value graph is flattened once into
// op codes (indexes into OP_LIST) and input indices over typed arrays, so
// evaluating and backpropagating a point is two sweeps with no allocation.
// A tape has one or more outputs: one forward sweep fills `data`, then a
// backward sweep from any output fills `grad` (a Jacobian is one sweep per
// output over one forward). Gradients accumulate in one fixed order: nodes
// from the output down, each node's inputs in order, only nodes the output
// reaches, and only inputs that require a gradient (every input with
// `everyNode`, for pictures).
import { OP_CODE, OP_LIST } from '../ops/table.js';
import type { Value } from '../graph/value.js';
import { makeKernel, tapeLoop, type EdgeListener, type Kernel } from './kernel.js';

export type { EdgeListener } from './kernel.js';

/** Op code of a literal or named constant on the tape. */
export const CONST_CODE = -1;
/** Op code of a variable on the tape. */
export const VAR_CODE = -2;

/** Options of a {@link Tape}. */
export interface TapeOptions {
  /**
   * Generate straight-line code (default true, for tapes small enough); false
   * always runs the tape loop (best for a tape run once).
   */
  readonly kernel?: boolean;
  /**
   * The data array to use, shared with other tapes over the same nodes (length
   * = node count): one forward() then serves a backward() from each tape.
   */
  readonly data?: Float64Array;
  /**
   * Gradient flows into every input, constants included, so every node gets
   * its true ∂output/∂node (pictures); by default only into inputs that
   * require a gradient (variables, named nodes and what depends on them),
   * which gives the same gradients for those at less cost.
   */
  readonly everyNode?: boolean;
}

/** Backward edges as they are recorded: typed arrays that double when full. */
class EdgeBuffer {
  length = 0;
  node: Int32Array;
  slot: Int32Array;
  input: Int32Array;
  first: Uint8Array;

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.node = new Int32Array(c);
    this.slot = new Int32Array(c);
    this.input = new Int32Array(c);
    this.first = new Uint8Array(c);
  }

  push(node: number, slot: number, input: number, first: number): void {
    if (this.length === this.node.length) this.grow();
    const k = this.length++;
    this.node[k] = node;
    this.slot[k] = slot;
    this.input[k] = input;
    this.first[k] = first;
  }

  private grow(): void {
    const c = this.node.length * 2;
    const more = <T extends Int32Array | Uint8Array>(a: T, b: T): T => { b.set(a); return b; };
    this.node = more(this.node, new Int32Array(c));
    this.slot = more(this.slot, new Int32Array(c));
    this.input = more(this.input, new Int32Array(c));
    this.first = more(this.first, new Uint8Array(c));
  }
}

/**
 * A graph flattened into typed arrays: set leaves, run forward() and
 * backward(), read `value` and `grad`, with no allocation per point.
 *
 * @example
 * const { graph, output, variables } = build(parse('x*y + sin(x)'), new Map([['x', 1], ['y', 2]]));
 * const tape = new Tape(graph.nodes, [output]);
 * tape.set(variables.get('x')!.id, 0);
 * tape.forward();
 * tape.backward();
 * tape.value // 0
 * tape.grad[variables.get('x')!.id] // 3
 */
export class Tape {
  /** Forward value of every node, indexed like the graph's nodes (`Value.id`). */
  readonly data: Float64Array;
  /** ∂output/∂node after backward(output). */
  readonly grad: Float64Array;
  /** Op code per node: an index into OP_LIST, CONST_CODE or VAR_CODE. */
  readonly code: Int32Array;
  /** Node i's inputs are `args[argStart[i] .. argStart[i + 1])`. */
  readonly argStart: Int32Array;
  /** Input node indices of every node, one after another. */
  readonly args: Int32Array;
  /** Index of each output node, in the order given. */
  readonly outputs: Int32Array;
  /** 1 where a gradient may flow into the node. */
  readonly requires: Uint8Array;
  /** The backward edges of output w are `edgeStart[w] .. edgeStart[w + 1]`, in visiting order. */
  readonly edgeStart: Int32Array;
  /** Node of each edge. */
  readonly edgeNode: Int32Array;
  /** Input position of each edge within its node's inputs. */
  readonly edgeSlot: Int32Array;
  /** Input node of each edge. */
  readonly edgeInput: Int32Array;
  /** 1 where the edge is the first to reach its input: it assigns instead of adding (so -0 survives). */
  readonly edgeFirst: Uint8Array;
  /** Per variadic node, a reusable buffer of its arguments (for the tape loop). */
  readonly scratch: ReadonlyArray<Float64Array | undefined>;
  /** A reusable buffer for the local derivatives of one variadic node. */
  readonly locals: number[] = [];
  /** The same program as generated straight-line code, when small enough. */
  private readonly kernel: Kernel | undefined;

  /** 1 where the graph's node requires a gradient (`Value.requiresGrad`), whatever `everyNode` says. */
  private readonly wanted: Uint8Array;

  /**
   * Flattens `nodes` (a graph's nodes in creation order) for `outputs`; or,
   * given a tape, a tape over the same graph and the same data (unless
   * `options.data`) for other outputs: only its edges are recorded, the rest
   * is shared.
   */
  constructor(source: readonly Value[] | Tape, outputs: ReadonlyArray<Value | number>, options: TapeOptions = {}) {
    const n = source instanceof Tape ? source.size : source.length;
    this.outputs = Int32Array.from(outputs, (o) => {
      const id = typeof o === 'number' ? o : o.id;
      const ok = Number.isInteger(id) && id >= 0 && id < n && (typeof o === 'number' || source instanceof Tape || source[id] === o);
      if (!ok) throw new RangeError('an output is not a node of this graph');
      return id;
    });
    if (options.data !== undefined && options.data.length !== n) throw new RangeError('shared data must have one entry per node');
    if (source instanceof Tape) {
      this.data = options.data ?? source.data;
      this.code = source.code;
      this.argStart = source.argStart;
      this.args = source.args;
      this.scratch = source.scratch;
      this.wanted = source.wanted;
    } else {
      this.data = options.data ?? new Float64Array(n);
      this.code = new Int32Array(n);
      this.argStart = new Int32Array(n + 1);
      let count = 0;
      for (let i = 0; i < n; i++) count += source[i]!.inputs.length;
      this.args = new Int32Array(count);
      this.wanted = new Uint8Array(n);
      const scratch: Array<Float64Array | undefined> = [];
      let at = 0;
      for (let i = 0; i < n; i++) {
        const v = source[i]!;
        if (v.id !== i) throw new RangeError(`node ${i} has id ${v.id}: nodes must be in creation order`);
        this.data[i] = v.data;
        this.wanted[i] = v.requiresGrad ? 1 : 0;
        const c = v.op === 'const' ? CONST_CODE : v.op === 'var' ? VAR_CODE : OP_CODE.get(v.op)!;
        this.code[i] = c;
        this.argStart[i] = at;
        const ins = v.inputs;
        for (let k = 0; k < ins.length; k++) this.args[at++] = ins[k]!.id;
        if (c >= 0 && OP_LIST[c]!.arity === 'n') scratch[i] = new Float64Array(ins.length);
      }
      this.argStart[n] = at;
      this.scratch = scratch;
    }
    this.requires = options.everyNode === true ? new Uint8Array(n).fill(1) : this.wanted;
    this.grad = new Float64Array(this.outputs.length > 0 ? n : 0);

    // The edges a backward sweep visits never depend on the data: record them once per output.
    const reached = new Uint8Array(this.outputs.length > 0 ? n : 0);
    const edges = new EdgeBuffer(this.args.length);
    const requires = this.requires;
    const argStart = this.argStart;
    const args = this.args;
    this.edgeStart = new Int32Array(this.outputs.length + 1);
    for (let w = 0; w < this.outputs.length; w++) {
      this.edgeStart[w] = edges.length;
      const output = this.outputs[w]!;
      if (w > 0) reached.fill(0);
      reached[output] = 1;
      for (let i = output; i >= 0; i--) {
        if (reached[i] === 0) continue;
        const first = argStart[i]!;
        const end = argStart[i + 1]!;
        for (let s = first; s < end; s++) {
          const input = args[s]!;
          if (requires[input] === 0) continue;
          edges.push(i, s - first, input, reached[input] === 0 ? 1 : 0);
          reached[input] = 1;
        }
      }
    }
    this.edgeStart[this.outputs.length] = edges.length;
    this.edgeNode = edges.node.slice(0, edges.length);
    this.edgeSlot = edges.slot.slice(0, edges.length);
    this.edgeInput = edges.input.slice(0, edges.length);
    this.edgeFirst = edges.first.slice(0, edges.length);
    this.kernel = options.kernel === false ? undefined : makeKernel(this);
  }

  /**
   * A tape over the same graph and the same data for other outputs (node
   * indices): one forward() on either serves a backward() on both.
   */
  withOutputs(outputs: readonly number[], options: Omit<TapeOptions, 'data'> = {}): Tape {
    return new Tape(this, outputs, options);
  }

  /** True when forward/backward run generated straight-line code rather than the tape loop. */
  get compiled(): boolean {
    return this.kernel !== undefined;
  }

  /** Number of nodes. */
  get size(): number {
    return this.data.length;
  }

  /** The first output's value after forward(). */
  get value(): number {
    return this.data[this.outputs[0]!]!;
  }

  /** Sets a variable (or any leaf) before forward(). */
  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Recomputes every op node from its inputs, in creation order. */
  forward(): void {
    if (this.kernel !== undefined) this.kernel.forward(this.data);
    else tapeLoop().forwardFrom(this, 0);
  }

  /** Recomputes op nodes from index `first` on (the tape loop); earlier nodes keep their data. */
  forwardFrom(first: number): void {
    // NOTE: so a node held at a probe value stays put when `first` is the next
    // index: how --check differentiates by a named intermediate node.
    tapeLoop().forwardFrom(this, Math.max(0, first));
  }

  /**
   * Forward-mode (tangent) sweep after forward(): `dot` holds a tangent per
   * node (length = node count), seeded by the caller, 0 elsewhere; every op
   * node from index `first` on gets dot[i] = Σ ∂i/∂x_k · dot[x_k], skipping
   * inputs whose tangent is 0, so a node that does not depend on a seed gets
   * exactly 0. Nodes before `first` and leaves keep their seeds.
   */
  tangent(dot: Float64Array, first = 0): void {
    if (dot.length !== this.size) throw new RangeError('a tangent must have one entry per node');
    tapeLoop().tangentFrom(this, dot, Math.max(0, first));
  }

  /**
   * Reverse-mode sweep from output number `output` (default the first): sets
   * grad to ∂output/∂node (0 for nodes the output does not reach). A listener
   * sees every edge as it is added, with grad holding the running sums.
   */
  backward(output = 0, listener?: EdgeListener): void {
    if (output < 0 || output >= this.outputs.length) throw new RangeError(`the tape has no output ${output}`);
    if (this.kernel !== undefined && listener === undefined) this.kernel.backward[output]!(this.data, this.grad);
    else tapeLoop().backward(this, output, listener);
  }

  /** Copies data, and grad if the tape has outputs, into the graph's nodes (the view: pictures, trace, the library). */
  writeBack(nodes: readonly Value[]): void {
    const withGrad = this.grad.length === nodes.length;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      node.data = this.data[i]!;
      if (withGrad) node.grad = this.grad[i]!;
    }
  }

  /** True when `nodes` is the graph this tape was made from, as it is now (same size, same nodes requiring a gradient). */
  describes(nodes: readonly Value[]): boolean {
    if (nodes.length !== this.size) return false;
    for (let i = 0; i < nodes.length; i++) if ((nodes[i]!.requiresGrad ? 1 : 0) !== this.wanted[i]) return false;
    return true;
  }
}
