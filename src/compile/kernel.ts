// The tape's executors, all generated from the call shapes of ops/calls.ts:
// - the kernel of a small tape: straight-line JavaScript, one statement per
//   node forward and one per backward edge, calling the op table's own
//   functions with literal indices, so V8 can inline them;
// - the tape loop of any tape: one loop forward and one backward, generated
//   once, with the same calls through the tape's index arrays.
// Same calls, same arguments, same order in both, hence bit-identical results.
// The generated text holds only integer indices and op codes (read from
// Int32Arrays) and fixed identifiers: no name, number literal or other text
// from a program can become code.
import { CALLS, eachArity, generate, type CallNames } from '../ops/calls.js';
import { OP_LIST } from '../ops/table.js';
import type { Tape } from './tape.js';

/** Per backward edge: which input of which node, and whether it is the first edge into that input. */
export type EdgeListener = (node: number, slot: number, input: number, local: number, contribution: number) => void;

/** Generated code of one tape: the forward sweep and one backward sweep per output. */
export interface Kernel {
  forward(d: Float64Array): void;
  readonly backward: ReadonlyArray<(d: Float64Array, g: Float64Array) => void>;
}

/** The parts of a tape its code is generated from (a type-only import: no cycle at run time). */
export type KernelSource = Pick<Tape, 'code' | 'argStart' | 'args' | 'outputs' | 'edgeStart' | 'edgeNode' | 'edgeSlot'
  | 'edgeInput' | 'edgeFirst'>;

/** Largest tape compiled to a kernel; bigger ones run the tape loop (V8 handles huge functions badly). */
export const KERNEL_MAX_NODES = 5000;
/** Largest number of backward edges of one output compiled to a kernel (one function per output). */
export const KERNEL_MAX_EDGES = 20000;

function int(n: number): string {
  // Only integers ever reach the generated text.
  if (!Number.isInteger(n)) throw new TypeError('kernel: non-integer index');
  return String(n);
}

/**
 * The kernel's JavaScript text and the values its `X` refers to: the argument
 * buffer of each variadic node, a buffer for local derivatives, and each
 * variadic op's dxAll (so the text names only fixed identifiers).
 */
export function kernelSource(t: KernelSource): { readonly body: string; readonly scratch: unknown[] } {
  const n = t.code.length;
  const used = new Set<number>();
  const scratch: unknown[] = [[]];
  const locals = 'S0';
  const scratchOf = new Map<number, number>();
  const allOf = new Map<number, number>();
  const names = (i: number): CallNames => {
    const c = t.code[i]!;
    const s = t.argStart[i]!;
    return {
      call: (m) => (m === 'dxAll' ? `S${int(allOf.get(c)!)}` : `O${int(c)}.${m}`),
      x: (k) => `d[${int(t.args[s + k]!)}]`, xs: `S${int(scratchOf.get(i) ?? -1)}`,
      y: `d[${int(i)}]`, out: locals,
    };
  };
  const gather = (i: number): string => {
    let text = '';
    const at = names(i);
    const count = t.argStart[i + 1]! - t.argStart[i]!;
    for (let k = 0; k < count; k++) text += `${at.xs}[${int(k)}]=${at.x(k)};`;
    return text;
  };
  let fwd = '';
  for (let i = 0; i < n; i++) {
    const c = t.code[i]!;
    if (c < 0) continue;
    used.add(c);
    const spec = OP_LIST[c]!;
    const shape = CALLS.find((sh) => sh.arity === spec.arity)!;
    if (spec.arity === 'n') {
      scratchOf.set(i, scratch.length);
      scratch.push(new Float64Array(t.argStart[i + 1]! - t.argStart[i]!));
      if (!allOf.has(c)) {
        allOf.set(c, scratch.length);
        scratch.push((xs: ArrayLike<number>, y: number, out: number[]) => spec.dxAll(xs, y, out));
      }
      fwd += gather(i);
    }
    fwd += `d[${int(i)}]=${shape.forward(names(i))};\n`;
  }
  const sweeps: string[] = [];
  for (let w = 0; w < t.outputs.length; w++) {
    let bwd = n <= 64 ? '' : 'g.fill(0);\n';
    if (n <= 64) for (let i = 0; i < n; i++) bwd += `g[${int(i)}]=0;`;
    bwd += `g[${int(t.outputs[w]!)}]=1;\n`;
    let previous = -1;
    for (let e = t.edgeStart[w]!; e < t.edgeStart[w + 1]!; e++) {
      const i = t.edgeNode[e]!;
      const shape = CALLS.find((sh) => sh.arity === OP_LIST[t.code[i]!]!.arity)!;
      const at = names(i);
      // The inputs are gathered again: another tape sharing the data may have run the forward sweep.
      if (i !== previous && shape.arity === 'n') bwd += gather(i);
      if (i !== previous) bwd += shape.prepare(at);
      previous = i;
      // Same rounding everywhere: the product is a double before the sum.
      // The first edge into an input assigns (so -0 survives), later ones add.
      bwd += `g[${int(t.edgeInput[e]!)}]${t.edgeFirst[e] === 1 ? '=' : '+='}g[${int(i)}]*${shape.local(at, t.edgeSlot[e]!)};\n`;
    }
    // One object per output; the first also holds the forward sweep.
    sweeps.push(`{forward(d){\n${w === 0 ? fwd : ''}},\nbackward(d,g){\n${bwd}}}`);
  }
  if (sweeps.length === 0) sweeps.push(`{forward(d){\n${fwd}},\nbackward(d,g){}}`);
  let head = '';
  for (const c of used) head += `const O${int(c)}=L[${int(c)}];\n`;
  for (let s = 0; s < scratch.length; s++) head += `const S${int(s)}=X[${int(s)}];\n`;
  return { body: `${head}return [${sweeps.join(',\n')}];`, scratch };
}

/** Generates the kernel, or undefined when the tape is too large for straight-line code. */
export function makeKernel(t: KernelSource): Kernel | undefined {
  if (t.code.length > KERNEL_MAX_NODES) return undefined;
  for (let w = 0; w < t.outputs.length; w++) if (t.edgeStart[w + 1]! - t.edgeStart[w]! > KERNEL_MAX_EDGES) return undefined;
  const { body, scratch } = kernelSource(t);
  const sweeps = generate<ReadonlyArray<{ forward(d: Float64Array): void; backward(d: Float64Array, g: Float64Array): void }>>(
    ['L', 'X'], body, [OP_LIST, scratch]);
  return { forward: sweeps[0]!.forward, backward: sweeps.map((s) => s.backward) };
}

/** The parts of a tape the loop reads. */
export type LoopSource = KernelSource & Pick<Tape, 'data' | 'grad'> & {
  /** Per variadic node, a buffer of its arguments. */
  readonly scratch: ReadonlyArray<Float64Array | undefined>;
  /** A buffer for the local derivatives of one variadic node. */
  readonly locals: number[];
};

/** The tape loop: a forward sweep from a node index on, a backward sweep from one output, and a tangent sweep. */
export interface Loop {
  forwardFrom(t: LoopSource, first: number): void;
  backward(t: LoopSource, output: number, listener: EdgeListener | undefined): void;
  /**
   * Forward mode from node `first` on: dot[i] = Σ ∂i/∂x_k · dot[x_k] over the
   * inputs whose tangent is not 0 (so a NaN or infinite local derivative never
   * meets a zero tangent); leaves and nodes before `first` keep their tangent.
   */
  tangentFrom(t: LoopSource, dot: Float64Array, first: number): void;
}

/** Input k of node i on the tape loop (`s` = where node i's inputs start). */
const LOOP: CallNames = { call: (m) => `o.${m}`, x: (k) => `d[A[s+${int(k)}]]`, xs: 'xs', y: 'd[i]', out: 'T' };
const LOOP_GATHER = 'const xs=X[i];for(let k=0;k<xs.length;k++)xs[k]=d[A[s+k]];';

let loop: Loop | undefined;

/** The tape loop, generated on first use. */
export function tapeLoop(): Loop {
  // NOTE: the arity of each op code in an array of its own, so the loop reads no spec to choose its case.
  loop ??= generate<Loop>(['L', 'R'], `return {
forwardFrom(t,first){
const d=t.data,C=t.code,B=t.argStart,A=t.args,X=t.scratch,n=d.length;
for(let i=first;i<n;i++){const c=C[i];if(c<0)continue;const s=B[i];const o=L[c];
switch(R[c]){
${eachArity((shape) => `${shape.arity === 'n' ? LOOP_GATHER : ''}d[i]=${shape.forward(LOOP)};break;`)}}}},
backward(t,w,listener){
const d=t.data,g=t.grad,C=t.code,B=t.argStart,A=t.args,X=t.scratch,T=t.locals;
const EN=t.edgeNode,ES=t.edgeSlot,EI=t.edgeInput,EF=t.edgeFirst;
g.fill(0);g[t.outputs[w]]=1;
let previous=-1;
for(let e=t.edgeStart[w],end=t.edgeStart[w+1];e<end;e++){
const i=EN[e];const s=B[i];const c=C[i];const o=L[c];const slot=ES[e];let local;
switch(R[c]){
${eachArity((shape) => {
    const once = `${shape.arity === 'n' ? LOOP_GATHER : ''}${shape.prepare(LOOP)}`;
    return `${once === '' ? '' : `if(i!==previous){${once}}`}local=${shape.local(LOOP, 'slot')};break;`;
  })}}
previous=i;
const contribution=g[i]*local;const j=EI[e];
g[j]=EF[e]===1?contribution:g[j]+contribution;
if(listener!==undefined)listener(i,slot,j,local,contribution);}},
tangentFrom(t,dot,first){
const d=t.data,C=t.code,B=t.argStart,A=t.args,X=t.scratch,T=t.locals,n=d.length;
for(let i=first;i<n;i++){const c=C[i];if(c<0)continue;const s=B[i],e=B[i+1];
let k=s;while(k<e&&dot[A[k]]===0)k++;
if(k===e){dot[i]=0;continue;}
const o=L[c];let sum=0,started=false,slot=0,x=0;
switch(R[c]){
${eachArity((shape) => {
    const once = `${shape.arity === 'n' ? LOOP_GATHER : ''}${shape.prepare(LOOP)}`;
    // The same local derivatives the backward sweep reads, each times a non-zero tangent.
    return `${once}for(slot=k-s;slot<e-s;slot++){x=dot[A[s+slot]];if(x===0)continue;`
      + `const v=x*${shape.local(LOOP, 'slot')};sum=started?sum+v:v;started=true;}break;`;
  })}}
dot[i]=sum;}}};`, [OP_LIST, OP_LIST.map((spec) => spec.arity)]);
  return loop;
}
