// A program as a function of one variable for plotting: x ↦ (f, ∂f/∂wrt,
// ∂f/∂over), with every other variable held at its value. The one place a plot
// runs the compiled engine.
import { compileProgram } from '../compile/program.js';
import type { Built } from '../graph/build.js';
import type { Value } from '../graph/value.js';

/** Writes f(x), ∂f/∂wrt and ∂f/∂over at `over` = x into out[0], out[1], out[2]. */
export type Curve = (x: number, out: Float64Array) => void;

/**
 * The curve of a built program along the variable `over`, with the partial
 * derivative for `wrt` (a variable or a named node).
 *
 * @example
 * const built = build(parse('x^2*y'), new Map([['x', 0], ['y', 3]]));
 * const curve = curveOf(built, built.variables.get('x')!, built.variables.get('y')!);
 * const out = new Float64Array(3);
 * curve(2, out);
 * out // Float64Array [12, 4, 12]
 */
export function curveOf(built: Built, over: Value, wrt: Value): Curve {
  const { tape } = compileProgram(built, [built.output]);
  const at = over.id;
  const by = wrt.id;
  return (x, out) => {
    tape.set(at, x);
    tape.forward();
    tape.backward();
    out[0] = tape.value;
    out[1] = tape.grad[by]!;
    out[2] = tape.grad[at]!;
  };
}
