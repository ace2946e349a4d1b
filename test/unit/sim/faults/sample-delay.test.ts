// sampleDelay: fixed, uniform within its bounds, normal clipped at 0; whole milliseconds, reproducible for a seed.
import { describe, expect, it } from 'vitest';
import { faultStream } from '../../../../src/sim/faults/fault-random.js';
import { sampleDelay } from '../../../../src/sim/faults/sample-delay.js';

describe('sampleDelay', () => {
  it('fixed draws nothing and returns the delay', () => {
    const random = faultStream(1, 0);
    expect(sampleDelay({ fixedMs: 25 }, random)).toBe(25);
    expect(random()).toBe(faultStream(1, 0)());
  });

  it('uniform stays within [min, max], whole ms, covering the range', () => {
    const random = faultStream(2, 0);
    const samples = Array.from({ length: 2_000 }, () => sampleDelay({ uniformMs: [10, 20] }, random));
    expect(samples.every((sample) => Number.isInteger(sample) && sample >= 10 && sample <= 20)).toBe(true);
    expect(new Set(samples).size).toBe(11);
  });

  it('normal is centred on the mean and never negative', () => {
    const random = faultStream(3, 0);
    const samples = Array.from({ length: 5_000 }, () => sampleDelay({ normalMs: { mean: 2, sd: 4 } }, random));
    expect(Math.min(...samples)).toBe(0);
    const centred = Array.from({ length: 5_000 }, () => sampleDelay({ normalMs: { mean: 100, sd: 10 } }, random));
    const mean = centred.reduce((sum, sample) => sum + sample, 0) / centred.length;
    expect(Math.abs(mean - 100)).toBeLessThan(1);
  });

  it('is the same sequence for the same seed', () => {
    const draw = (seed: number): number[] => {
      const random = faultStream(seed, 0);
      return Array.from({ length: 5 }, () => sampleDelay({ uniformMs: [0, 1000] }, random));
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });
});
