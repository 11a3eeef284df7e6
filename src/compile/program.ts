// A built program on a tape, with its variables by name: the engine that
// eval, --points, --check and optimize share (set variables, run, read results).
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';
import { Tape, type TapeOptions } from './tape.js';

/** A program on a tape, with the tape index of each variable and named node. */
export interface CompiledProgram {
  readonly tape: Tape;
  /** Tape index of each variable, in order of first appearance. */
  readonly variables: ReadonlyMap<string, number>;
  /** Tape index of each named intermediate node. */
  readonly named: ReadonlyMap<string, number>;
}

/**
 * Compiles a built program for the given outputs (nodes of its graph); the
 * tape starts with the data the graph was built with.
 *
 * @example
 * const built = build(parse('sigmoid(a*x+b*y+c)'), new Map([['a', 1], ['b', 2], ['c', -3], ['x', 0], ['y', 0]]));
 * const { tape, variables } = compileProgram(built, [built.output]);
 * tape.set(variables.get('x')!, -1);
 * tape.set(variables.get('y')!, 3);
 * tape.forward();
 * tape.backward();
 * tape.value // 0.8807970779778823
 * tape.grad[variables.get('x')!] // 0.10499358540350662
 */
export function compileProgram(built: Built, outputs: readonly Value[], options?: TapeOptions): CompiledProgram {
  const tape = new Tape(built.graph.nodes, outputs, options);
  const variables = new Map<string, number>();
  for (const [name, v] of built.variables) variables.set(name, v.id);
  const named = new Map<string, number>();
  for (const [name, v] of built.named) named.set(name, v.id);
  return { tape, variables, named };
}
