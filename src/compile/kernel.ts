// A tape as straight-line JavaScript: one statement per node forward and one
// per backward edge, calling the op table's own functions, so V8 can inline
// them. The generated text holds only integer indices and op codes (read from
// Int32Arrays) and fixed identifiers: no name, number literal or other text
// from a program can become code. Same calls, same arguments, same order as
// the tape loop, hence bit-identical results.
import { OP_LIST } from '../ops/table.js';
import type { Tape } from './tape.js';

export interface Kernel {
  forward(d: Float64Array): void;
  backward(d: Float64Array, g: Float64Array): void;
}

/** The parts of a tape the kernel is generated from (a type-only import: no cycle at run time). */
export type KernelSource = Pick<Tape, 'code' | 'argStart' | 'args' | 'output' | 'edgeNode' | 'edgeSlot' | 'edgeInput' | 'edgeFirst'>;

/** Largest tape compiled to a kernel; bigger ones run the tape loop (V8 handles huge functions badly). */
export const KERNEL_MAX_NODES = 5000;

function int(n: number): string {
  // Only integers ever reach the generated text.
  if (!Number.isInteger(n)) throw new TypeError('kernel: non-integer index');
  return String(n);
}

/** The kernel's JavaScript text and the scratch buffers it refers to. */
export function kernelSource(t: KernelSource): { readonly body: string; readonly scratch: Float64Array[] } {
  const n = t.code.length;
  const used = new Set<number>();
  const scratch: Float64Array[] = [];
  const scratchOf = new Map<number, number>();
  const arg = (i: number, k: number): string => `d[${int(t.args[t.argStart[i]! + k]!)}]`;
  const gather = (i: number): string => {
    const s = scratchOf.get(i)!;
    let text = '';
    const count = t.argStart[i + 1]! - t.argStart[i]!;
    for (let k = 0; k < count; k++) text += `S${int(s)}[${int(k)}]=${arg(i, k)};`;
    return text;
  };
  let fwd = '';
  for (let i = 0; i < n; i++) {
    const c = t.code[i]!;
    if (c < 0) continue;
    used.add(c);
    const spec = OP_LIST[c]!;
    if (spec.arity === 1) fwd += `d[${int(i)}]=O${int(c)}.f(${arg(i, 0)});\n`;
    else if (spec.arity === 2) fwd += `d[${int(i)}]=O${int(c)}.f(${arg(i, 0)},${arg(i, 1)});\n`;
    else {
      scratchOf.set(i, scratch.length);
      scratch.push(new Float64Array(t.argStart[i + 1]! - t.argStart[i]!));
      fwd += `${gather(i)}d[${int(i)}]=O${int(c)}.f(S${int(scratchOf.get(i)!)});\n`;
    }
  }
  let bwd = n <= 64 ? '' : 'g.fill(0);\n';
  if (n <= 64) for (let i = 0; i < n; i++) bwd += `g[${int(i)}]=0;`;
  bwd += `g[${int(t.output)}]=1;\n`;
  for (let e = 0; e < t.edgeNode.length; e++) {
    const i = t.edgeNode[e]!;
    const c = t.code[i]!;
    const spec = OP_LIST[c]!;
    const y = `d[${int(i)}]`;
    let local: string;
    if (spec.arity === 1) local = `O${int(c)}.df(${arg(i, 0)},${y})`;
    else if (spec.arity === 2) local = `O${int(c)}.${t.edgeSlot[e] === 0 ? 'da' : 'db'}(${arg(i, 0)},${arg(i, 1)},${y})`;
    else {
      bwd += gather(i);
      local = `O${int(c)}.dx(S${int(scratchOf.get(i)!)},${y},${int(t.edgeSlot[e]!)})`;
    }
    // Same rounding as the interpreter: the product is a double before the sum.
    // The first edge into an input assigns (so -0 survives), later ones add.
    bwd += `g[${int(t.edgeInput[e]!)}]${t.edgeFirst[e] === 1 ? '=' : '+='}g[${int(i)}]*${local};\n`;
  }
  let head = '"use strict";\n';
  for (const c of used) head += `const O${int(c)}=L[${int(c)}];\n`;
  for (let s = 0; s < scratch.length; s++) head += `const S${int(s)}=X[${int(s)}];\n`;
  return { body: `${head}return {\nforward(d){\n${fwd}},\nbackward(d,g){\n${bwd}}};`, scratch };
}

/** Generates the kernel, or undefined when the tape is too large or code generation is not allowed. */
export function makeKernel(t: KernelSource): Kernel | undefined {
  if (t.code.length > KERNEL_MAX_NODES) return undefined;
  const { body, scratch } = kernelSource(t);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('L', 'X', body)(OP_LIST, scratch) as Kernel;
  } catch {
    return undefined; // e.g. node --disallow-code-generation-from-strings
  }
}
