// The compiled tape: a Value graph flattened once into op codes (indexes into
// OP_LIST) and input indices over typed arrays, so evaluating and
// backpropagating a new point is two loops with no allocation. Results are
// bit-identical to graph/propagate.ts: the same op-table functions are called
// with the same arguments, and gradients accumulate in the same order
// (nodes from the output down, each node's inputs in order, only inputs that
// require a gradient, only nodes the output reaches).
import { OP_CODE, OP_LIST } from '../ops/table.js';
import type { BinarySpec, UnarySpec, VariadicSpec } from '../ops/spec.js';
import type { Value } from '../graph/value.js';
import { makeKernel, type Kernel } from './kernel.js';

/** Op code of a literal or named constant on the tape. */
export const CONST_CODE = -1;
/** Op code of a variable on the tape. */
export const VAR_CODE = -2;

const ARITY = Int8Array.from(OP_LIST, (s) => (s.arity === 'n' ? 0 : s.arity));
// One array per arity so each call site sees one function shape.
const UNARY = OP_LIST.map((s) => (s.arity === 1 ? s : undefined)) as ReadonlyArray<UnarySpec>;
const BINARY = OP_LIST.map((s) => (s.arity === 2 ? s : undefined)) as ReadonlyArray<BinarySpec>;
const VARIADIC = OP_LIST.map((s) => (s.arity === 'n' ? s : undefined)) as ReadonlyArray<VariadicSpec>;

/** Options of {@link compile}. */
export interface TapeOptions {
  /** Generate straight-line code for small tapes (default true); false always runs the tape loop. */
  readonly kernel?: boolean;
  /**
   * The data array to use, shared with other tapes over the same nodes (length
   * = node count): one forward() then serves a backward() from each tape's output.
   */
  readonly data?: Float64Array;
}

/**
 * A graph flattened into typed arrays: set leaves, run forward() and
 * backward(), read `value` and `grad`, with no allocation per point. Results
 * are bit-identical to forward()/backward() on the graph.
 *
 * @example
 * const { graph, output, variables } = build(parse('x*y + sin(x)'), new Map([['x', 1], ['y', 2]]));
 * const tape = new Tape(graph.nodes, output);
 * tape.set(variables.get('x')!.id, 0);
 * tape.forward();
 * tape.backward();
 * tape.value // 0
 * tape.grad[variables.get('x')!.id] // 3
 */
export class Tape {
  /** Forward value of every node, indexed like the graph's nodes (`Value.id`). */
  readonly data: Float64Array;
  /** ∂output/∂node after backward(). */
  readonly grad: Float64Array;
  /** Op code per node: an index into OP_LIST, CONST_CODE or VAR_CODE. */
  readonly code: Int32Array;
  /** Node i's inputs are `args[argStart[i] .. argStart[i + 1])`. */
  readonly argStart: Int32Array;
  /** Input node indices of every node, one after another. */
  readonly args: Int32Array;
  /** Index of the output node. */
  readonly output: number;
  /** Backward edges in visiting order: node, input position, input node. */
  readonly edgeNode: Int32Array;
  /** Input position of each edge within its node's inputs. */
  readonly edgeSlot: Int32Array;
  /** Input node of each edge. */
  readonly edgeInput: Int32Array;
  /** 1 where the edge is the first to reach its input: it assigns instead of adding (so -0 survives, as in backward()). */
  readonly edgeFirst: Uint8Array;
  /** The same program as generated straight-line code, when small enough. */
  private readonly kernel: Kernel | undefined;
  /** Per variadic node, a reusable buffer of its arguments. */
  private readonly scratch: ReadonlyArray<Float64Array | undefined>;

  constructor(nodes: readonly Value[], output: Value, options: TapeOptions = {}) {
    const n = nodes.length;
    if (output.id >= n || nodes[output.id] !== output) throw new RangeError('the output is not a node of this graph');
    this.output = output.id;
    if (options.data !== undefined && options.data.length !== n) throw new RangeError('shared data must have one entry per node');
    this.data = options.data ?? new Float64Array(n);
    this.grad = new Float64Array(n);
    this.code = new Int32Array(n);
    this.argStart = new Int32Array(n + 1);
    let edges = 0;
    for (let i = 0; i < n; i++) edges += nodes[i]!.inputs.length;
    this.args = new Int32Array(edges);
    const requires = new Uint8Array(n);
    const scratch: Array<Float64Array | undefined> = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      const v = nodes[i]!;
      if (v.id !== i) throw new RangeError(`node ${i} has id ${v.id}: nodes must be in creation order`);
      this.data[i] = v.data;
      requires[i] = v.requiresGrad ? 1 : 0;
      this.code[i] = v.op === 'const' ? CONST_CODE : v.op === 'var' ? VAR_CODE : OP_CODE.get(v.op)!;
      this.argStart[i] = at;
      for (const input of v.inputs) this.args[at++] = input.id;
      if (this.code[i]! >= 0 && ARITY[this.code[i]!] === 0) scratch[i] = new Float64Array(v.inputs.length);
    }
    this.argStart[n] = at;
    this.scratch = scratch;

    // The edges backward() visits never depend on the data: record them once.
    const reached = new Uint8Array(n);
    reached[output.id] = 1;
    const eNode: number[] = [];
    const eSlot: number[] = [];
    const eInput: number[] = [];
    const eFirst: number[] = [];
    for (let i = output.id; i >= 0; i--) {
      if (reached[i] === 0) continue;
      const end = this.argStart[i + 1]!;
      for (let s = this.argStart[i]!; s < end; s++) {
        const input = this.args[s]!;
        if (requires[input] === 0) continue;
        eNode.push(i);
        eSlot.push(s - this.argStart[i]!);
        eInput.push(input);
        eFirst.push(reached[input] === 0 ? 1 : 0);
        reached[input] = 1;
      }
    }
    this.edgeNode = Int32Array.from(eNode);
    this.edgeSlot = Int32Array.from(eSlot);
    this.edgeInput = Int32Array.from(eInput);
    this.edgeFirst = Uint8Array.from(eFirst);
    this.kernel = options.kernel === false ? undefined : makeKernel(this);
  }

  /** True when forward/backward run generated code rather than the tape loop. */
  get compiled(): boolean {
    return this.kernel !== undefined;
  }

  /** Number of nodes. */
  get size(): number {
    return this.data.length;
  }

  /** The output's value after forward(). */
  get value(): number {
    return this.data[this.output]!;
  }

  /** Sets a variable (or any leaf) before forward(). */
  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Recomputes every op node from its inputs, in creation order. */
  forward(): void {
    if (this.kernel !== undefined) this.kernel.forward(this.data);
    else this.forwardFrom(0);
  }

  /** Recomputes op nodes from index `first` on (the tape loop); earlier nodes keep their data. */
  forwardFrom(first: number): void {
    // NOTE: so a node held at a probe value stays put when `first` is the next
    // index: how --check differentiates by a named intermediate node.
    const d = this.data;
    const code = this.code;
    const start = this.argStart;
    const args = this.args;
    const n = d.length;
    for (let i = Math.max(0, first); i < n; i++) {
      const c = code[i]!;
      if (c < 0) continue;
      const s = start[i]!;
      switch (ARITY[c]) {
        case 1:
          d[i] = UNARY[c]!.f(d[args[s]!]!);
          break;
        case 2:
          d[i] = BINARY[c]!.f(d[args[s]!]!, d[args[s + 1]!]!);
          break;
        default:
          d[i] = VARIADIC[c]!.f(this.gather(i));
      }
    }
  }

  /** Reverse-mode sweep: sets grad to ∂output/∂node (0 for nodes the output does not reach). */
  backward(): void {
    if (this.kernel !== undefined) {
      this.kernel.backward(this.data, this.grad);
      return;
    }
    const d = this.data;
    const g = this.grad;
    const code = this.code;
    const start = this.argStart;
    const args = this.args;
    const eNode = this.edgeNode;
    const eSlot = this.edgeSlot;
    const eInput = this.edgeInput;
    const eFirst = this.edgeFirst;
    g.fill(0);
    g[this.output] = 1;
    const m = eNode.length;
    for (let e = 0; e < m; e++) {
      const i = eNode[e]!;
      const c = code[i]!;
      const s = start[i]!;
      let local: number;
      switch (ARITY[c]) {
        case 1:
          local = UNARY[c]!.df(d[args[s]!]!, d[i]!);
          break;
        case 2:
          local = eSlot[e] === 0
            ? BINARY[c]!.da(d[args[s]!]!, d[args[s + 1]!]!, d[i]!)
            : BINARY[c]!.db(d[args[s]!]!, d[args[s + 1]!]!, d[i]!);
          break;
        default:
          local = VARIADIC[c]!.dx(this.gather(i), d[i]!, eSlot[e]!);
      }
      // Same rounding as the interpreter: the product is a double before the sum.
      const contribution = g[i]! * local;
      const j = eInput[e]!;
      g[j] = eFirst[e] === 1 ? contribution : g[j]! + contribution;
    }
  }

  /** The arguments of variadic node i, in its reusable buffer. */
  private gather(i: number): Float64Array {
    const xs = this.scratch[i]!;
    const s = this.argStart[i]!;
    for (let k = 0; k < xs.length; k++) xs[k] = this.data[this.args[s + k]!]!;
    return xs;
  }
}

/**
 * Flattens the nodes of a graph (in creation order) into a tape for `output`.
 *
 * @example
 * const { graph, output, variables } = build(parse('x^2'), new Map([['x', 1]]));
 * const tape = compile(graph.nodes, output);
 * const x = variables.get('x')!.id;
 * tape.set(x, 3);
 * tape.forward();
 * tape.backward();
 * tape.value // 9
 * tape.grad[x] // 6
 */
export function compile(nodes: readonly Value[], output: Value, options?: TapeOptions): Tape {
  return new Tape(nodes, output, options);
}
