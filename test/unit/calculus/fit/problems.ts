// Test problems of Moré, Garbow and Hillstrom (1981), "Testing unconstrained
// optimization software", ACM TOMS 7, with their standard starting points;
// scripts/fit-reference.py holds the same definitions in 100-digit arithmetic.
import type { LeastSquaresProblem } from '../../../../src/calculus/fit/levenberg-marquardt.js';
import { add, atanRatio, type Dual, div, exp, mul, type Num, sqrt, square, sub, variables } from './dual.js';

export interface TestProblem {
  readonly name: string;
  readonly start: readonly number[];
  /** Emits every residual fᵢ(x), in order. */
  readonly residuals: (x: Dual[], emit: (r: Dual) => void) => void;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sum = (terms: Num[]): Dual => terms.reduce((a: Num, b) => add(a, b), 0) as Dual;

const BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39];
const GAUSSIAN_Y = [0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175, 0.0044, 0.0009];
const MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
const KOWALIK_Y = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
const KOWALIK_U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];
const OSBORNE1_Y = [
  0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.58,
  0.558, 0.538, 0.522, 0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.42, 0.414, 0.411, 0.406,
];

export const PROBLEMS: readonly TestProblem[] = [
  {
    name: 'rosenbrock',
    start: [-1.2, 1],
    residuals: ([a, b], emit) => {
      emit(mul(10, sub(b!, square(a!))));
      emit(sub(1, a!));
    },
  },
  {
    name: 'freudenstein-roth',
    start: [0.5, -2],
    residuals: ([a, b], emit) => {
      emit(add(-13, add(a!, mul(sub(mul(sub(5, b!), b!), 2), b!))));
      emit(add(-29, add(a!, mul(sub(mul(add(b!, 1), b!), 14), b!))));
    },
  },
  {
    name: 'powell-badly-scaled',
    start: [0, 1],
    residuals: ([a, b], emit) => {
      emit(sub(mul(1e4, mul(a!, b!)), 1));
      emit(sub(add(exp(mul(-1, a!)), exp(mul(-1, b!))), 1.0001));
    },
  },
  {
    name: 'brown-badly-scaled',
    start: [1, 1],
    residuals: ([a, b], emit) => {
      emit(sub(a!, 1e6));
      emit(sub(b!, 2e-6));
      emit(sub(mul(a!, b!), 2));
    },
  },
  {
    name: 'beale',
    start: [1, 1],
    residuals: ([a, b], emit) => {
      let power: Num = 1;
      for (const y of [1.5, 2.25, 2.625]) {
        power = mul(power, b!);
        emit(sub(y, mul(a!, sub(1, power))));
      }
    },
  },
  {
    name: 'jennrich-sampson',
    start: [0.3, 0.4],
    residuals: ([a, b], emit) => {
      for (const i of range(1, 10)) emit(sub(2 + 2 * i, add(exp(mul(i, a!)), exp(mul(i, b!)))));
    },
  },
  {
    name: 'helical-valley',
    start: [-1, 0, 0],
    residuals: ([a, b, c], emit) => {
      const theta = div(atanRatio(a!, b!), 2 * Math.PI);
      emit(mul(10, sub(c!, mul(10, theta))));
      emit(mul(10, sub(sqrt(add(square(a!), square(b!))), 1)));
      emit(c!);
    },
  },
  {
    name: 'bard',
    start: [1, 1, 1],
    residuals: ([a, b, c], emit) => {
      for (const i of range(1, 15)) {
        const [u, v] = [i, 16 - i];
        emit(sub(BARD_Y[i - 1]!, add(a!, div(u, add(mul(v, b!), mul(Math.min(u, v), c!))))));
      }
    },
  },
  {
    name: 'gaussian',
    start: [0.4, 1, 0],
    residuals: ([a, b, c], emit) => {
      for (const i of range(1, 15)) {
        const t = (8 - i) / 2;
        emit(sub(mul(a!, exp(mul(-0.5, mul(b!, square(sub(t, c!)))))), GAUSSIAN_Y[i - 1]!));
      }
    },
  },
  {
    name: 'meyer',
    start: [0.02, 4000, 250],
    residuals: ([a, b, c], emit) => {
      for (const i of range(1, 16)) emit(sub(mul(a!, exp(div(b!, add(45 + 5 * i, c!)))), MEYER_Y[i - 1]!));
    },
  },
  {
    name: 'box-3d',
    start: [0, 10, 20],
    residuals: ([a, b, c], emit) => {
      for (const i of range(1, 10)) {
        const t = 0.1 * i;
        emit(sub(sub(exp(mul(-t, a!)), exp(mul(-t, b!))), mul(c!, Math.exp(-t) - Math.exp(-10 * t))));
      }
    },
  },
  {
    name: 'wood',
    start: [-3, -1, -3, -1],
    residuals: ([a, b, c, d], emit) => {
      emit(mul(10, sub(b!, square(a!))));
      emit(sub(1, a!));
      emit(mul(Math.sqrt(90), sub(d!, square(c!))));
      emit(sub(1, c!));
      emit(mul(Math.sqrt(10), sub(add(b!, d!), 2)));
      emit(mul(1 / Math.sqrt(10), sub(b!, d!)));
    },
  },
  {
    name: 'kowalik-osborne',
    start: [0.25, 0.39, 0.415, 0.39],
    residuals: ([a, b, c, d], emit) => {
      KOWALIK_U.forEach((u, i) => {
        const num = mul(a!, add(u * u, mul(u, b!)));
        emit(sub(KOWALIK_Y[i]!, div(num, add(u * u, add(mul(u, c!), d!)))));
      });
    },
  },
  {
    name: 'brown-dennis',
    start: [25, 5, -5, -1],
    residuals: ([a, b, c, d], emit) => {
      for (const i of range(1, 20)) {
        const t = i / 5;
        emit(add(square(sub(add(a!, mul(t, b!)), Math.exp(t))), square(sub(add(c!, mul(Math.sin(t), d!)), Math.cos(t)))));
      }
    },
  },
  {
    name: 'osborne-1',
    start: [0.5, 1.5, -1, 0.01, 0.02],
    residuals: ([a, b, c, d, e], emit) => {
      OSBORNE1_Y.forEach((y, i) => {
        const t = 10 * i;
        emit(sub(y, add(a!, add(mul(b!, exp(mul(-t, d!))), mul(c!, exp(mul(-t, e!)))))));
      });
    },
  },
  {
    name: 'watson-6',
    start: [0, 0, 0, 0, 0, 0],
    residuals: (x, emit) => {
      for (const i of range(1, 29)) {
        const t = i / 29;
        const slope = sum(x.slice(1).map((xj, j) => mul((j + 1) * t ** j, xj)));
        const value = sum(x.map((xj, j) => mul(t ** j, xj)));
        emit(sub(sub(slope, square(value)), 1));
      }
      emit(x[0]!);
      emit(sub(sub(x[1]!, square(x[0]!)), 1));
    },
  },
  {
    name: 'penalty-1',
    start: [1, 2, 3, 4],
    residuals: (x, emit) => {
      for (const xi of x) emit(mul(Math.sqrt(1e-5), sub(xi, 1)));
      emit(sub(sum(x.map(square)), 0.25));
    },
  },
  {
    name: 'penalty-2',
    start: [0.5, 0.5, 0.5, 0.5],
    residuals: (x, emit) => {
      const n = x.length;
      const root = Math.sqrt(1e-5);
      emit(sub(x[0]!, 0.2));
      for (const i of range(2, n)) {
        const y = Math.exp(i / 10) + Math.exp((i - 1) / 10);
        emit(mul(root, sub(add(exp(div(x[i - 1]!, 10)), exp(div(x[i - 2]!, 10))), y)));
      }
      for (const i of range(n + 1, 2 * n - 1)) emit(mul(root, sub(exp(div(x[i - n]!, 10)), Math.exp(-0.1))));
      emit(sub(sum(x.map((xj, j) => mul(n - j, square(xj)))), 1));
    },
  },
  {
    name: 'variably-dimensioned-8',
    start: range(1, 8).map((j) => 1 - j / 8),
    residuals: (x, emit) => {
      for (const xi of x) emit(sub(xi, 1));
      const s = sum(x.map((xj, j) => mul(j + 1, sub(xj, 1))));
      emit(s);
      emit(square(s));
    },
  },
];

/** The problem as the solver sees it: rows with their exact Jacobian rows. */
export function asLeastSquares(problem: TestProblem): LeastSquaresProblem {
  return {
    size: problem.start.length,
    evaluate(params, rows) {
      problem.residuals(variables(params), (r) => rows.addRow(r.v, r.d));
    },
  };
}

