// Builds expression graphs (Value nodes in a Graph) for symbolic derivatives:
// every node passes through the local simplifier and is shared when an equal
// node (same op, same inputs) already exists, so a derivative is a DAG, not a tree.
import type { ArgsOf } from '../ops/spec.js';
import { OP_CODE, type OpArity, type OpName } from '../ops/table.js';
import { Graph, type Value } from '../graph/value.js';
import { simplify, type SimplifyTarget } from './simplify.js';

export class ExprBuilder implements SimplifyTarget {
  readonly graph: Graph;
  private readonly shared = new Map<string, Value>();
  private readonly constants = new Map<number, Value>();
  private readonly kept = new Set<Value>();
  private negZero: Value | undefined;

  constructor(graph: Graph = new Graph()) {
    this.graph = graph;
  }

  /** A constant node; one node per value (-0 apart from 0). */
  num(c: number): Value {
    if (Object.is(c, -0)) return (this.negZero ??= this.graph.constant(-0));
    let node = this.constants.get(c);
    if (node === undefined) {
      node = this.graph.constant(c);
      // NaN is its own key in a Map (SameValueZero), which is what we want here.
      this.constants.set(c, node);
    }
    return node;
  }

  /** `op` applied to `inputs`, simplified and shared. */
  apply(op: OpName, inputs: readonly Value[]): Value {
    const simpler = simplify(this, op, inputs);
    if (simpler !== undefined) return simpler;
    const key = keyOf(op, inputs);
    let node = this.shared.get(key);
    if (node === undefined) {
      node = this.graph.apply(op, inputs);
      this.shared.set(key, node);
    }
    return node;
  }

  /**
   * A copy of `node` (a constant, or its op over `inputs`) that stays a node of
   * its own: never simplified, never shared, never looked into by the
   * simplifier, and wanting a gradient. A named node asked for with --wrt.
   */
  keep(node: Value, inputs: readonly Value[]): Value {
    const own = node.op === 'const' ? this.graph.constant(node.data) : this.graph.apply(node.op as OpName, inputs);
    own.requiresGrad = true;
    this.kept.add(own);
    return own;
  }

  isKept(v: Value): boolean {
    return this.kept.has(v);
  }

  /** The op `name` of the table over `args`, simplified and shared (see {@link ExprOps}). */
  op<K extends OpName>(name: K, ...args: ArgsOf<OpArity[K], Value>): Value {
    return this.apply(name, args);
  }
}

function keyOf(op: OpName, inputs: readonly Value[]): string {
  let key = String(OP_CODE.get(op));
  for (const v of inputs) key += `:${v.id}`;
  return key;
}

/** The result of copying a graph into a builder. */
export interface Copy {
  readonly builder: ExprBuilder;
  /** The copy of each original node, by the original's id. */
  readonly map: readonly Value[];
}

/**
 * Copies `nodes` (a graph in creation order) into a fresh builder, simplified
 * and with equal subexpressions shared. Nodes in `keep` stay nodes of their
 * own (see {@link ExprBuilder.keep}): a named node asked for with --wrt must
 * not merge with an equal one, fold into a constant or lose its sign to a
 * rewrite of its users.
 */
export function copyGraph(nodes: readonly Value[], keep: ReadonlySet<Value> = new Set()): Copy {
  const builder = new ExprBuilder();
  const map: Value[] = new Array<Value>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const inputs = node.inputs.length === 0 ? node.inputs : node.inputs.map((v) => map[v.id]!);
    if (node.op === 'var') map[i] = builder.graph.variable(node.label!, node.data);
    else if (keep.has(node)) map[i] = builder.keep(node, inputs);
    else if (node.op === 'const') map[i] = builder.num(node.data);
    else map[i] = builder.apply(node.op, inputs);
  }
  return { builder, map };
}
