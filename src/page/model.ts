// The live page's graph, as data and back: what render/page.ts embeds in the
// HTML (each node's op, inputs, label, leaf value and source span), and the
// Value graph the page rebuilds from it to run the project's own engine.
// No DOM and no Node APIs: tested in Node, bundled for the browser.
import { backward, forward } from '../compile/sweep.js';
import { Graph, type NodeOp, type Value } from '../graph/value.js';
import type { OpName } from '../ops/table.js';

/** A number in JSON: finite as a number, NaN and ±Infinity as their text (String round-trips every double). */
export type DataNumber = number | string;

/** One node: op, input ids, label (or null), leaf value (or null), span start and end (-1 without), requires a gradient (0/1). */
export type DataNode = readonly [NodeOp, readonly number[], string | null, DataNumber | null, number, number, 0 | 1];

/** Everything the page needs to rebuild and run the graph. */
export interface PageData {
  /** The program text (the trace shows expressions as written). */
  readonly source: string;
  /** The output's name: the last statement's name, or `f`. */
  readonly outputName: string;
  /** Id of the output node; the nodes are 0 … output in creation order. */
  readonly output: number;
  readonly nodes: readonly DataNode[];
  /** Variables in order of first appearance: name and node id. */
  readonly variables: ReadonlyArray<readonly [string, number]>;
}

/** What the data is made from (a built graph at write time). */
export interface PageSource {
  readonly graph: { readonly nodes: readonly Value[] };
  readonly output: Value;
  readonly outputName: string;
  readonly variables: ReadonlyMap<string, Value>;
}

const toData = (x: number): DataNumber => (Number.isFinite(x) && !Object.is(x, -0) ? x : String(Object.is(x, -0) ? '-0' : x));
const fromData = (x: DataNumber | null): number => (x === null ? Number.NaN : Number(x));

/** The page's data of a built graph: nodes up to the output, leaves with their values. */
export function pageData(built: PageSource, source: string): PageData {
  const nodes: DataNode[] = [];
  for (let i = 0; i <= built.output.id; i++) {
    const v = built.graph.nodes[i]!;
    const leaf = v.op === 'var' || v.op === 'const';
    nodes.push([v.op, v.inputs.map((x) => x.id), v.label ?? null, leaf ? toData(v.data) : null,
      v.span?.start ?? -1, v.span?.end ?? -1, v.requiresGrad ? 1 : 0]);
  }
  return {
    source,
    outputName: built.outputName,
    output: built.output.id,
    nodes,
    variables: [...built.variables].map(([name, v]) => [name, v.id] as const),
  };
}

/** The rebuilt graph: Value nodes as the CLI builds them, its output and variables. */
export interface PageGraph {
  readonly nodes: readonly Value[];
  readonly output: Value;
  readonly variables: ReadonlyArray<readonly [string, Value]>;
}

/** Rebuilds the Value graph from the page's data (no numbers computed yet: see {@link evaluate}). */
export function graphFromData(data: PageData): PageGraph {
  const graph = new Graph({ evaluate: false });
  const nodes = graph.nodes;
  for (const [op, inputs, label, value, start, end, requires] of data.nodes) {
    const span = start >= 0 ? { start, end } : undefined;
    const node = op === 'var' ? graph.variable(label ?? '', fromData(value), span)
      : op === 'const' ? graph.constant(fromData(value), label ?? undefined, span)
        : graph.apply(op as OpName, inputs.map((i) => nodes[i]!), span);
    // Named at once, as build does, so the nodes made later see it.
    if (op !== 'var' && op !== 'const' && label !== null) graph.name(node, label);
    if (requires === 1) node.requiresGrad = true;
  }
  return {
    nodes,
    output: nodes[data.output]!,
    variables: data.variables.map(([name, id]) => [name, nodes[id]!] as const),
  };
}

/**
 * Sets the variables, then runs the engine's forward and backward sweeps as
 * `--dot` does (every node gets its true gradient): data and grad of every
 * node are then in the Value nodes.
 */
export function evaluate(g: PageGraph, values: ReadonlyMap<string, number>): void {
  for (const [name, v] of g.variables) {
    const x = values.get(name);
    if (x !== undefined) v.data = x;
  }
  forward(g.nodes);
  backward(g.nodes, g.output, { everyNode: true });
}
