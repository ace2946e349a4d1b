// Draws one delay, in whole milliseconds, from a SimDelay distribution with the fault layer's seeded random.
import type { FaultRandom } from './fault-random.js';
import type { SimDelay } from './sim-fault-config.js';

/**
 * fixed: always that; uniform: a + (b - a)·u; normal: mean + sd·z (Box-Muller, two draws), clipped
 * at 0. Rounded to whole milliseconds: timers have no finer resolution and tests compare exactly.
 * Draws: fixed none, uniform one, normal two.
 */
export function sampleDelay(delay: SimDelay, random: FaultRandom): number {
  if ('fixedMs' in delay) return Math.round(delay.fixedMs);
  if ('uniformMs' in delay) {
    const [low, high] = delay.uniformMs;
    return Math.round(low + (high - low) * random());
  }
  const u1 = 1 - random(); // (0, 1]: log(0) is not a number
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(0, Math.round(delay.normalMs.mean + delay.normalMs.sd * z));
}
