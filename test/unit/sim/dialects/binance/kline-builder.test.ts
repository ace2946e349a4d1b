// Klines from the synthetic history: every Binance interval, folded intervals equal to their parts, taker-buy volume equal to the trades', Binance's selection rules.
import { describe, expect, it } from 'vitest';
import { KlineBuilder, type Kline } from '../../../../../src/sim/dialects/binance/public-rest/kline-builder.js';
import { BINANCE_KLINE_INTERVALS, binanceKlineInterval } from '../../../../../src/sim/dialects/binance/public-rest/kline-intervals.js';
import { TakerBuyVolumes } from '../../../../../src/sim/dialects/binance/public-rest/taker-buy-volumes.js';
import { createMarketHistory } from '../../../../../src/sim/market/market-history.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';

const listing = simListings('binance')[0]!;
const history = createMarketHistory('binance', listing, { seed: 9 });
const builder = new KlineBuilder(history, new TakerBuyVolumes(history));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2024, 2, 4, 0, 0);
const NOW = Date.UTC(2024, 2, 10, 12, 34, 56, 789);
const interval = (name: string) => binanceKlineInterval(name)!;

/** Folds klines as Binance's coarser interval would. */
function fold(parts: readonly Kline[]): Omit<Kline, 'openTimeMs' | 'nextOpenMs'> {
  return {
    open: parts[0]!.open,
    high: Math.max(...parts.map((part) => part.high)),
    low: Math.min(...parts.map((part) => part.low)),
    close: parts.at(-1)!.close,
    volumeLots: parts.reduce((sum, part) => sum + part.volumeLots, 0),
    quoteTickLots: parts.reduce((sum, part) => sum + part.quoteTickLots, 0n),
    tradeCount: parts.reduce((sum, part) => sum + part.tradeCount, 0),
    takerBuy: { lots: parts.reduce((sum, part) => sum + part.takerBuy.lots, 0), quoteTickLots: parts.reduce((sum, part) => sum + part.takerBuy.quoteTickLots, 0n) },
  };
}

describe('Binance klines from the synthetic history', () => {
  it('offers every interval of the klines page', () => {
    expect(BINANCE_KLINE_INTERVALS).toEqual(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);
    expect(binanceKlineInterval('1h')).toBeDefined();
    expect(binanceKlineInterval('1H')).toBeUndefined();
  });

  it('1m klines and their taker-buy volume equal the trades folded by hand', () => {
    const klines = builder.forward(interval('1m'), START, NOW, 30, NOW);
    expect(klines).toHaveLength(30);
    for (const kline of klines) {
      const trades = history.trades(kline.openTimeMs, kline.nextOpenMs, 100_000);
      const buys = trades.filter((trade) => trade.takerSide === 'buy');
      expect(kline.nextOpenMs - kline.openTimeMs).toBe(MINUTE);
      expect(kline.tradeCount).toBe(trades.length);
      expect(kline.open).toBe(trades[0]!.priceTicks);
      expect(kline.close).toBe(trades.at(-1)!.priceTicks);
      expect(kline.volumeLots).toBe(trades.reduce((sum, trade) => sum + trade.sizeLots, 0));
      expect(kline.takerBuy.lots).toBe(buys.reduce((sum, trade) => sum + trade.sizeLots, 0));
      expect(kline.takerBuy.quoteTickLots).toBe(buys.reduce((sum, trade) => sum + BigInt(trade.priceTicks) * BigInt(trade.sizeLots), 0n));
    }
  });

  it('folded intervals (3m, 2h, 6h, 8h, 12h, 3d) equal the fold of their finer klines', () => {
    const cases: [string, string, number][] = [['3m', '1m', 3], ['2h', '1h', 2], ['6h', '1h', 6], ['8h', '1h', 8], ['12h', '1h', 12], ['3d', '1d', 3]];
    for (const [coarse, fine, factor] of cases) {
      const coarseKlines = builder.forward(interval(coarse), START, NOW, 3, NOW);
      expect(coarseKlines.length, coarse).toBeGreaterThan(0);
      for (const kline of coarseKlines) {
        const parts = builder.forward(interval(fine), kline.openTimeMs, kline.nextOpenMs - 1, factor, NOW);
        const { openTimeMs, nextOpenMs, ...values } = kline;
        expect(openTimeMs % (kline.nextOpenMs - kline.openTimeMs), coarse).toBe(0);
        expect(nextOpenMs).toBe(interval(coarse).next(openTimeMs));
        expect(values, `${coarse} at ${openTimeMs}`).toEqual(fold(parts));
      }
    }
  });

  it('1s klines fold the trades of each second; the last second before now is the forming one', () => {
    const klines = builder.backward(interval('1s'), NOW, 5, NOW);
    expect(klines.length).toBeGreaterThan(0);
    for (const kline of klines) {
      expect(kline.nextOpenMs - kline.openTimeMs).toBe(1000);
      const trades = history.trades(kline.openTimeMs, Math.min(kline.nextOpenMs, NOW), 1000);
      expect(kline.tradeCount).toBe(trades.length);
      expect(kline.close).toBe(trades.at(-1)!.priceTicks);
    }
  });

  it('selection: from a start, the first `limit`; up to an end (or now), the last `limit`, the forming kline included', () => {
    const latest = builder.backward(interval('1h'), NOW, 4, NOW);
    expect(latest.map((kline) => kline.openTimeMs)).toEqual([3, 2, 1, 0].map((back) => Date.UTC(2024, 2, 10, 12) - back * HOUR));
    const forming = latest.at(-1)!;
    expect(forming).toEqual({ ...fold(builder.forward(interval('1m'), forming.openTimeMs, NOW, 100, NOW)), openTimeMs: forming.openTimeMs, nextOpenMs: forming.nextOpenMs });
    const upTo = builder.backward(interval('1d'), Date.UTC(2024, 2, 6, 5), 2, NOW);
    expect(upTo.map((kline) => kline.openTimeMs)).toEqual([Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6)]);
    // startTime is inclusive of an open time; an open time after endTime is left out.
    expect(builder.forward(interval('1d'), Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 7), 10, NOW).map((kline) => kline.openTimeMs)).toEqual([Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6), Date.UTC(2024, 2, 7)]);
    expect(builder.forward(interval('1d'), Date.UTC(2024, 2, 5, 1), Date.UTC(2024, 2, 7), 10, NOW).map((kline) => kline.openTimeMs)).toEqual([Date.UTC(2024, 2, 6), Date.UTC(2024, 2, 7)]);
    // Nothing before the model's origin, nothing after now.
    expect(builder.backward(interval('1M'), NOW, 100, NOW).map((kline) => kline.openTimeMs)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)]);
    expect(builder.forward(interval('1m'), NOW + MINUTE, NOW + HOUR, 10, NOW)).toEqual([]);
    // Weeks open on Monday.
    for (const kline of builder.backward(interval('1w'), NOW, 3, NOW)) expect(new Date(kline.openTimeMs).getUTCDay()).toBe(1);
  });

  it('a maintenance window has no kline, and pages continue past it with `limit` klines', () => {
    const [window] = history.maintenanceWindows(Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1));
    expect(window).toBeDefined();
    const [start, end] = window!;
    const page = builder.forward(interval('1m'), start - 10 * MINUTE, Date.UTC(2025, 0, 1), 20, Date.UTC(2025, 0, 1));
    expect(page).toHaveLength(20);
    expect(page.map((kline) => kline.openTimeMs)).toEqual([...Array.from({ length: 10 }, (_, index) => start - (10 - index) * MINUTE), ...Array.from({ length: 10 }, (_, index) => end + index * MINUTE)]);
  });
});
