// The Value graph: micrograd-style nodes (data, grad, ordered inputs, op) kept in
// creation order, which is a topological order. It is the structure the user
// wrote and what views show; its numbers come from the engine (compile/tape.ts),
// or, for a node made by hand, from the one forward dispatch (ops/calls.ts).
import { applyOp } from '../ops/calls.js';
import { OPS, type OpName } from '../ops/table.js';

/** What produced a node: an op of the table, a literal constant or a variable. */
export type NodeOp = OpName | 'const' | 'var';

/** Where a node came from in the program text (UTF-16 offsets). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * One node of a graph: its op, ordered inputs, forward `data` and, after
 * backward(), `grad` = ∂output/∂node. Made by a {@link Graph}, not directly.
 *
 * @example
 * const g = new Graph();
 * const a = g.variable('a', 2);
 * const b = g.apply('neg', [a]);
 * b.op // 'neg'
 * b.data // -2
 * b.inputs[0] === a // true
 * b.id // 1
 */
export class Value {
  /** Forward value. */
  data: number;
  /** ∂output/∂this after backward(). */
  grad = 0;
  /** The name given by the program or the variable's name; undefined if none. */
  label: string | undefined;
  /** True when a gradient may flow into this node (it depends on a variable or is named). */
  requiresGrad: boolean;

  constructor(
    /** Position in the graph's node array. */
    readonly id: number,
    /** What produced the node: an op of the table, 'const' or 'var'. */
    readonly op: NodeOp,
    /** Ordered inputs: `x*x` has two edges to x. */
    readonly inputs: readonly Value[],
    data: number,
    label: string | undefined,
    requiresGrad: boolean,
    /** Where the node came from in the program text; undefined for nodes made by hand. */
    readonly span: Span | undefined,
  ) {
    this.data = data;
    this.label = label;
    this.requiresGrad = requiresGrad;
  }
}

const scratch: number[] = [];

/**
 * A graph under construction; nodes are appended, so inputs always precede
 * users and `nodes` is always in topological order.
 *
 * @example
 * const g = new Graph();
 * const x = g.variable('x', 3);
 * const y = g.apply('add', [g.apply('mul', [x, x]), g.constant(1)]);
 * y.data // 10
 * backward(g.nodes, y);
 * x.grad // 6
 * g.nodes.length // 4
 */
export class Graph {
  readonly nodes: Value[] = [];
  /** False: apply() leaves an op node's data NaN until an engine run fills it (see build). */
  private readonly evaluate: boolean;

  constructor(options: { readonly evaluate?: boolean } = {}) {
    this.evaluate = options.evaluate ?? true;
  }

  /** A leaf whose gradient is wanted. */
  variable(name: string, data: number, span?: Span): Value {
    return this.add('var', [], data, name, true, span);
  }

  /** A leaf that gets no gradient (a literal, pi, e). */
  constant(data: number, label?: string, span?: Span): Value {
    return this.add('const', [], data, label, false, span);
  }

  /** A node applying `op` to `inputs`; its data is computed at once (unless the graph was made with `evaluate: false`). */
  apply(op: OpName, inputs: readonly Value[], span?: Span): Value {
    const spec = OPS[op];
    if (spec.arity !== 'n' && spec.arity !== inputs.length) {
      throw new RangeError(`${op} takes ${spec.arity} inputs, got ${inputs.length}`);
    }
    if (spec.arity === 'n' && inputs.length === 0) throw new RangeError(`${op} takes at least one input`);
    let requires = false;
    for (const v of inputs) requires ||= v.requiresGrad;
    const node = this.add(op, inputs, NaN, undefined, requires, span);
    if (this.evaluate) {
      scratch.length = inputs.length;
      for (let i = 0; i < inputs.length; i++) scratch[i] = inputs[i]!.data;
      node.data = applyOp(spec, scratch);
    }
    return node;
  }

  /** Names a node (`d = e + c`): it is labelled and its gradient becomes wanted. */
  name(node: Value, label: string): void {
    node.label ??= label;
    node.requiresGrad = true;
  }

  private add(op: NodeOp, inputs: readonly Value[], data: number, label: string | undefined,
    requiresGrad: boolean, span: Span | undefined): Value {
    const node = new Value(this.nodes.length, op, inputs, data, label, requiresGrad, span);
    this.nodes.push(node);
    return node;
  }
}
