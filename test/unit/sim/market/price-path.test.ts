// The base-asset log price path: plausible over years, volatility that changes by the hour, exact day and minute joins.
import { describe, expect, it } from 'vitest';
import { KNOTS_PER_MINUTE, MINUTES_PER_DAY, MS_PER_DAY, PricePath } from '../../../../src/sim/market/price-path.js';

const ORIGIN_MS = Date.UTC(2024, 0, 1);
const ORIGIN_DAY = ORIGIN_MS / MS_PER_DAY;

function path(seed: number, volatilityPerMinute = 0.0006): PricePath {
  return new PricePath({ seed, asset: 'BTC', volatilityPerMinute, originMs: ORIGIN_MS });
}

describe('PricePath', () => {
  it('stays plausible over three years for many seeds: between 0.2× and 5× the initial price, and it moves', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const prices = path(seed);
      const levels: number[] = [];
      for (let day = ORIGIN_DAY; day <= ORIGIN_DAY + 3 * 365; day++) levels.push(prices.dayStartLevel(day));
      const low = Math.min(...levels);
      const high = Math.max(...levels);
      expect(low).toBeGreaterThan(Math.log(0.2));
      expect(high).toBeLessThan(Math.log(5));
      // A BTC-like year moves tens of percent, not a few.
      expect(high - low).toBeGreaterThan(0.2);
    }
  });

  it('is flat before the origin day and starts at 0 on it', () => {
    const prices = path(1);
    expect(prices.dayStartLevel(ORIGIN_DAY - 10)).toBe(0);
    expect(prices.dayStartLevel(ORIGIN_DAY)).toBe(0);
    const before = prices.dayPath(ORIGIN_DAY - 1);
    expect(before.levels.every((level) => level === 0)).toBe(true);
  });

  it('joins days and minutes exactly: a day ends at the next day start, a minute knot at the next minute', () => {
    const prices = path(2);
    for (const day of [ORIGIN_DAY, ORIGIN_DAY + 1, ORIGIN_DAY + 400]) {
      const today = prices.dayPath(day);
      expect(today.levels[0]).toBe(prices.dayStartLevel(day));
      expect(today.levels[MINUTES_PER_DAY]).toBe(prices.dayStartLevel(day + 1));
      expect(prices.dayPath(day + 1).levels[0]).toBe(today.levels[MINUTES_PER_DAY]);
    }
    const knots = new Float64Array(KNOTS_PER_MINUTE + 1);
    const next = new Float64Array(KNOTS_PER_MINUTE + 1);
    const lastMinuteOfDay = (ORIGIN_DAY + 3) * MINUTES_PER_DAY - 1;
    for (const minute of [ORIGIN_DAY * MINUTES_PER_DAY + 17, lastMinuteOfDay]) {
      prices.fillMinuteKnots(minute, knots);
      prices.fillMinuteKnots(minute + 1, next);
      expect(next[0]).toBe(knots[KNOTS_PER_MINUTE]);
    }
  });

  it('has minute returns of about the configured size whose volatility changes from hour to hour', () => {
    const prices = path(3);
    const hourlyVolatility: number[] = [];
    let sumSquares = 0;
    let count = 0;
    for (let day = ORIGIN_DAY + 10; day < ORIGIN_DAY + 40; day++) {
      const levels = prices.dayPath(day).levels;
      for (let hour = 0; hour < 24; hour++) {
        let squares = 0;
        for (let minute = hour * 60; minute < hour * 60 + 60; minute++) {
          const change = levels[minute + 1]! - levels[minute]!;
          squares += change * change;
        }
        sumSquares += squares;
        count += 60;
        hourlyVolatility.push(Math.sqrt(squares / 60));
      }
    }
    const overall = Math.sqrt(sumSquares / count);
    expect(overall).toBeGreaterThan(0.0004);
    expect(overall).toBeLessThan(0.0009);
    hourlyVolatility.sort((a, b) => a - b);
    const p10 = hourlyVolatility[Math.floor(hourlyVolatility.length * 0.1)]!;
    const p90 = hourlyVolatility[Math.floor(hourlyVolatility.length * 0.9)]!;
    expect(p90 / p10).toBeGreaterThan(2);
  });

  it('is a pure function of (seed, asset, origin, time): order of asking does not matter, the seed does', () => {
    const forward = path(4);
    const backward = path(4);
    const days = [ORIGIN_DAY + 3, ORIGIN_DAY + 700, ORIGIN_DAY + 42];
    const a = days.map((day) => Array.from(forward.dayPath(day).levels));
    const b = [...days].reverse().map((day) => Array.from(backward.dayPath(day).levels)).reverse();
    expect(b).toEqual(a);
    expect(path(5).dayStartLevel(ORIGIN_DAY + 30)).not.toBe(forward.dayStartLevel(ORIGIN_DAY + 30));
    const eth = new PricePath({ seed: 4, asset: 'ETH', volatilityPerMinute: 0.0006, originMs: ORIGIN_MS });
    expect(eth.dayStartLevel(ORIGIN_DAY + 30)).not.toBe(forward.dayStartLevel(ORIGIN_DAY + 30));
  });
});
