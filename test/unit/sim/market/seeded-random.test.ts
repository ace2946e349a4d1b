// Counter-based randomness: pure in its arguments, and the distributions have the moments they claim.
import { describe, expect, it } from 'vitest';
import {
  hash32,
  hashPrefix,
  hashStep,
  hashString,
  lognormal,
  normal,
  normalQuantile,
  poissonFromUniform,
  tableNormal,
  uniform,
} from '../../../../src/sim/market/seeded-random.js';

function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

const N = 200_000;

describe('seeded-random', () => {
  it('is a pure function of its arguments, and every argument matters (including the high half of big integers)', () => {
    expect(hash32(1, 2, 3, 4)).toBe(hash32(1, 2, 3, 4));
    const variants = [
      hash32(1, 2, 3, 4),
      hash32(2, 2, 3, 4),
      hash32(1, 3, 3, 4),
      hash32(1, 2, 4, 4),
      hash32(1, 2, 3, 5),
      hash32(1, 2 + 2 ** 32, 3, 4),
      hash32(1, 1_704_067_200_000, 0, 0),
      hash32(1, 1_704_067_200_000 + 2 ** 40, 0, 0),
    ];
    expect(new Set(variants).size).toBe(variants.length);
    for (const value of variants) expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    expect(hashStep(hashPrefix(9, 100), 3)).toBe(hashStep(hashPrefix(9, 100), 3));
    expect(hashStep(hashPrefix(9, 100), 3)).not.toBe(hashStep(hashPrefix(9, 101), 3));
    expect(hashString('binance')).not.toBe(hashString('bybit'));
  });

  it('gives uniforms in [0, 1) with mean 1/2 and variance 1/12, without correlation between neighbours', () => {
    const values = Array.from({ length: N }, (_, index) => uniform(42, 7, index));
    for (const value of values) if (!(value >= 0 && value < 1)) expect(value).toBeLessThan(1);
    const { mean, variance } = moments(values);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
    let lagSum = 0;
    for (let index = 1; index < N; index++) lagSum += (values[index]! - 0.5) * (values[index - 1]! - 0.5);
    expect(Math.abs(lagSum / N / variance)).toBeLessThan(0.01);
  });

  it('gives standard normals (Box-Muller and table) and lognormals with the right moments', () => {
    const boxMuller = moments(Array.from({ length: N }, (_, index) => normal(3, 1, index)));
    expect(boxMuller.mean).toBeCloseTo(0, 2);
    expect(boxMuller.variance).toBeCloseTo(1, 1);
    const table = moments(Array.from({ length: N }, (_, index) => tableNormal(hash32(3, 2, index))));
    expect(table.mean).toBeCloseTo(0, 2);
    expect(table.variance).toBeCloseTo(1, 1);
    const logs = moments(Array.from({ length: N }, (_, index) => Math.log(lognormal(0.5, 0.25, 3, 4, index))));
    expect(logs.mean).toBeCloseTo(0.5, 2);
    expect(Math.sqrt(logs.variance)).toBeCloseTo(0.25, 2);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('gives Poisson counts with mean ≈ variance ≈ the mean, small and large', () => {
    for (const mean of [0.5, 4, 29, 45, 300]) {
      const values = Array.from({ length: 50_000 }, (_, index) => poissonFromUniform(mean, uniform(8, mean, index)));
      for (const value of values) if (!(Number.isInteger(value) && value >= 0)) expect(value).toBe('a count');
      const stats = moments(values);
      expect(Math.abs(stats.mean / mean - 1)).toBeLessThan(0.02);
      expect(Math.abs(stats.variance / mean - 1)).toBeLessThan(0.06);
    }
    expect(poissonFromUniform(0, 0.7)).toBe(0);
  });
});
