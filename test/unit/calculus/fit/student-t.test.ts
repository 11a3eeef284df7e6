import { describe, expect, it } from 'vitest';
import { logGamma } from '../../../../src/calculus/fit/special-functions.js';
import { normalQuantile, studentTQuantile, studentTTail } from '../../../../src/calculus/fit/student-t.js';
import { T_QUANTILES } from './reference.js';

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
// Probabilities exact in binary, so the closed forms below have no input rounding.
const PS = [0.5 + 2 ** -10, 0.75, 0.875, 0.96875, 0.998046875, 1 - 2 ** -20];

describe("Student's t quantile", () => {
  it('df = 1 is tan(π(p − ½)) = cot(π(1 − p))', () => {
    for (const p of PS) expect(relative(studentTQuantile(p, 1), 1 / Math.tan(Math.PI * (1 - p)))).toBeLessThan(1e-13);
  });

  it('df = 2 is (2p − 1)/sqrt(2p(1 − p))', () => {
    for (const p of PS) expect(relative(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-13);
  });

  it('df = 4 is 2·sqrt(cos(acos(√α)/3)/√α − 1), α = 4p(1 − p)', () => {
    // Not near p = ½, where acos(√α) loses the digits of α ≈ 1.
    for (const p of PS.slice(1)) {
      const a = 4 * p * (1 - p);
      const exact = 2 * Math.sqrt(Math.cos(Math.acos(Math.sqrt(a)) / 3) / Math.sqrt(a) - 1);
      expect(relative(studentTQuantile(p, 4), exact)).toBeLessThan(1e-12);
    }
  });

  it('matches the 100-digit values of scripts/fit-reference.py to 1e-13', () => {
    for (const [p, df, t] of T_QUANTILES) expect(relative(studentTQuantile(p, df), Number(t)), `${p} ${df}`).toBeLessThan(1e-13);
  });

  it('is odd about p = ½, NaN outside (0, 1)', () => {
    expect(studentTQuantile(0.025, 7)).toBe(-studentTQuantile(0.975, 7));
    expect(studentTQuantile(0.5, 7)).toBe(0);
    for (const p of [0, 1, -1, NaN]) expect(studentTQuantile(p, 3)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });

  it('approaches the normal quantile for large df as z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²)', () => {
    const z = 1.959963984540054; // Φ⁻¹(0.975)
    expect(relative(normalQuantile(0.975), z)).toBeLessThan(1e-15);
    for (const df of [1e5, 1e6, 1e7, 1e9]) {
      const expansion = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
      expect(relative(studentTQuantile(0.975, df), expansion), String(df)).toBeLessThan(1e-14);
    }
  });

  it('the tail from the incomplete beta agrees with the closed form for df = 2: 1 − t/sqrt(2 + t²)', () => {
    for (const t of [0.1, 1, 3, 30]) expect(relative(studentTTail(t, 2), 1 - t / Math.sqrt(2 + t * t))).toBeLessThan(1e-13);
  });

  it('log Γ at exact points: Γ(½) = √π, Γ(5) = 24, Γ(30) = 29!', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 14);
    let factorial = 0;
    for (let k = 2; k <= 29; k++) factorial += Math.log(k);
    expect(relative(logGamma(30), factorial)).toBeLessThan(1e-14);
  });
});
