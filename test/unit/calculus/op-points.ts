// One in-domain point per op of the table; the compiler makes it complete.
import type { OpName } from '../../../src/ops/table.js';

export const OP_POINTS = {
  add: [1.5, -0.7], sub: [1.5, -0.7], mul: [1.3, -0.7], div: [1.3, -0.7], neg: [0.8],
  pow: [1.7, 2.3], sin: [0.9], cos: [0.9], tan: [0.4], asin: [0.3], acos: [-0.4], atan: [2],
  atan2: [0.5, -1.2], sinh: [0.7], cosh: [-0.6], tanh: [0.5], asinh: [1.5], acosh: [1.8],
  atanh: [0.3], exp: [1.2], expm1: [-0.3], log: [2.5], logb: [3.5, 2.2], log2: [5], log10: [0.7],
  log1p: [0.4], sqrt: [2], cbrt: [-3], square: [1.3], hypot: [3, -4], abs: [-1.5], sign: [0.5],
  relu: [0.5], min: [0.3, -1.2, 2], max: [0.3, -1.2, 2], sigmoid: [0.7], softplus: [-0.5],
} satisfies Record<OpName, readonly number[]>;
