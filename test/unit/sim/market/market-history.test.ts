// The synthetic market history: candles equal the trades folded by hand for every timeframe, maintenance gaps, ids, determinism.
import { describe, expect, it } from 'vitest';
import { bucketStartMs, nextBucketStartMs, TIMEFRAMES, type Timeframe } from '../../../../src/model/timeframe.js';
import { createMarketHistory } from '../../../../src/sim/market/market-history.js';
import type { SyntheticMarketHistory } from '../../../../src/sim/market/market-contract.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';
import type { SimCandle, SimTrade } from '../../../../src/sim/market/sim-market-types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BTC_BINANCE = simListings('binance')[0]!;

interface HandCandle {
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volumeLots: number;
  quoteVolumeTickLots: bigint;
  tradeCount: number;
}

/** Every trade with tsMs in [fromMs, toMs), fetched hour by hour through trades(). */
function allTrades(history: SyntheticMarketHistory, fromMs: number, toMs: number): SimTrade[] {
  const trades: SimTrade[] = [];
  for (let start = fromMs; start < toMs; start += HOUR) {
    const end = Math.min(start + HOUR, toMs);
    const chunk = history.trades(start, end, 1_000_000);
    for (const trade of chunk) trades.push(trade);
  }
  return trades;
}

/** Folds trades into candles of one timeframe, the plain way. */
function foldByHand(trades: readonly SimTrade[], timeframe: Timeframe): HandCandle[] {
  const candles: HandCandle[] = [];
  let current: HandCandle | undefined;
  for (const trade of trades) {
    const bucket = bucketStartMs(timeframe, trade.tsMs);
    if (current === undefined || current.openTimeMs !== bucket) {
      current = {
        openTimeMs: bucket,
        open: trade.priceTicks,
        high: trade.priceTicks,
        low: trade.priceTicks,
        close: trade.priceTicks,
        volumeLots: 0,
        quoteVolumeTickLots: 0n,
        tradeCount: 0,
      };
      candles.push(current);
    }
    current.high = Math.max(current.high, trade.priceTicks);
    current.low = Math.min(current.low, trade.priceTicks);
    current.close = trade.priceTicks;
    current.volumeLots += trade.sizeLots;
    current.quoteVolumeTickLots += BigInt(trade.priceTicks) * BigInt(trade.sizeLots);
    current.tradeCount++;
  }
  return candles;
}

function withoutFlags(candle: SimCandle): HandCandle {
  const { closeTimeMs: _closeTimeMs, closed: _closed, ...rest } = candle;
  return rest;
}

function expectWellFormed(candles: readonly SimCandle[], timeframe: Timeframe): void {
  let previous = -Infinity;
  for (const candle of candles) {
    expect(candle.openTimeMs).toBeGreaterThan(previous);
    previous = candle.openTimeMs;
    expect(bucketStartMs(timeframe, candle.openTimeMs)).toBe(candle.openTimeMs);
    expect(candle.closeTimeMs).toBe(nextBucketStartMs(timeframe, candle.openTimeMs));
    expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
    expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
    expect(candle.low).toBeGreaterThan(0);
    expect(candle.volumeLots).toBeGreaterThan(0);
    expect(candle.quoteVolumeTickLots).toBeGreaterThan(0n);
    expect(candle.tradeCount).toBeGreaterThan(0);
  }
}

describe('createMarketHistory: candles are the trades folded by hand', () => {
  // Origin at noon on a Sunday near a month's end; "now" mid-minute the next Thursday: 1w has a
  // closed (partial) week and a forming one, 1M a closed (partial) January and a forming February.
  const originMs = Date.UTC(2024, 0, 28, 12, 0);
  const nowMs = Date.UTC(2024, 1, 1, 13, 27, 41, 123);
  const history = createMarketHistory('binance', BTC_BINANCE, { seed: 7, originMs });
  // Trades that exist at nowMs: tsMs ≤ nowMs.
  const trades = allTrades(history, originMs - DAY, nowMs + 1);

  it('has trades only from the origin on, strictly increasing in id and time, none after now', () => {
    expect(trades.length).toBeGreaterThan(4 * 1440 * 20);
    expect(trades[0]!.tsMs).toBeGreaterThanOrEqual(originMs);
    expect(trades.at(-1)!.tsMs).toBeLessThanOrEqual(nowMs);
    // Checked in plain code and reported at once: an expect per trade would take minutes.
    const broken: string[] = [];
    for (let index = 0; index < trades.length; index++) {
      const trade = trades[index]!;
      const previous = trades[index - 1];
      const minute = Math.floor(trade.tsMs / MINUTE);
      if (previous !== undefined && !(trade.tradeId > previous.tradeId && trade.tsMs > previous.tsMs)) {
        broken.push(`order at ${trade.tradeId}`);
      }
      if (Math.floor(trade.tradeId / 1000) !== minute || trade.tradeId % 1000 >= 500) broken.push(`id ${trade.tradeId}`);
      if (!(Number.isSafeInteger(trade.sizeLots) && trade.sizeLots >= BTC_BINANCE.instrument.minSizeLots)) {
        broken.push(`size ${trade.tradeId}`);
      }
      if (!(Number.isSafeInteger(trade.priceTicks) && trade.priceTicks > 0)) broken.push(`price ${trade.tradeId}`);
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it.each(TIMEFRAMES)('%s candles equal the folded trades, the last one forming', (timeframe) => {
    const candles = history.candles(timeframe, 0, Number.MAX_SAFE_INTEGER, 1_000_000, nowMs);
    expect(candles.map(withoutFlags)).toEqual(foldByHand(trades, timeframe));
    expectWellFormed(candles, timeframe);
    expect(candles.at(-1)!.closed).toBe(false);
    expect(candles.at(-1)!.openTimeMs).toBe(bucketStartMs(timeframe, nowMs));
    expect(candles.slice(0, -1).every((candle) => candle.closed)).toBe(true);
  });

  it('answers a sub-range and a limit with the same candles (open times in [from, to), earliest first)', () => {
    const all = history.candles('15m', originMs, nowMs, 1_000_000, nowMs);
    const fromMs = originMs + 7 * HOUR + 5 * MINUTE; // inside a bucket: that bucket starts before fromMs
    const toMs = originMs + 9 * HOUR;
    const expected = all.filter((candle) => candle.openTimeMs >= fromMs && candle.openTimeMs < toMs);
    expect(history.candles('15m', fromMs, toMs, 1000, nowMs)).toEqual(expected);
    expect(history.candles('15m', fromMs, toMs, 3, nowMs)).toEqual(expected.slice(0, 3));
    // January's bucket opens before the origin: asked from the origin on, only February is there.
    const months = history.candles('1M', 0, nowMs + 1, 10, nowMs);
    expect(months.map((candle) => candle.openTimeMs)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]);
    expect(history.candles('1M', originMs, nowMs + 1, 10, nowMs)).toEqual(months.slice(1));
  });

  it('sees each bucket as the trades at or before now: a forming bucket, and a trade exactly at now', () => {
    const formingAt = Date.UTC(2024, 0, 31, 10, 30, 0, 1);
    const forming = history.candles('1h', Date.UTC(2024, 0, 31, 10), Date.UTC(2024, 0, 31, 11), 10, formingAt);
    expect(forming).toHaveLength(1);
    expect(forming[0]!.closed).toBe(false);
    expect(withoutFlags(forming[0]!)).toEqual(
      foldByHand(
        trades.filter((trade) => trade.tsMs >= Date.UTC(2024, 0, 31, 10) && trade.tsMs <= formingAt),
        '1h',
      )[0],
    );
    // Nothing opens after now.
    expect(history.candles('1m', formingAt + 1, formingAt + HOUR, 10, formingAt)).toEqual([]);
    // At a trade's own ms it exists: in the forming 1m candle as the close, and in tradesFromId.
    const trade = trades[trades.length >> 1]!;
    const minuteStart = Math.floor(trade.tsMs / MINUTE) * MINUTE;
    const atTrade = history.candles('1m', minuteStart, minuteStart + MINUTE, 1, trade.tsMs);
    expect(atTrade[0]!.close).toBe(trade.priceTicks);
    expect(atTrade[0]!.closed).toBe(false);
    expect(history.candles('1m', minuteStart, minuteStart + MINUTE, 1, trade.tsMs - 1)[0]?.tradeCount ?? 0).toBe(
      atTrade[0]!.tradeCount - 1,
    );
    expect(history.tradesFromId(trade.tradeId, 5, trade.tsMs)).toEqual([trade]);
    expect(history.tradesFromId(trade.tradeId, 5, trade.tsMs - 1)).toEqual([]);
    // A bucket that ended at now is closed.
    const boundary = Date.UTC(2024, 0, 31, 11);
    const atBoundary = history.candles('1h', Date.UTC(2024, 0, 31, 10), boundary, 10, boundary);
    expect(atBoundary).toHaveLength(1);
    expect(atBoundary[0]!.closed).toBe(true);
  });

  it('tradesFromId pages through the same trades, skipping unused ids and never reaching now', () => {
    const window = trades.filter((trade) => trade.tsMs >= originMs + 2 * HOUR && trade.tsMs < originMs + 3 * HOUR);
    const paged: SimTrade[] = [];
    let fromId = window[0]!.tradeId;
    while (paged.length < window.length) {
      const page = history.tradesFromId(fromId, 97, originMs + 3 * HOUR - 1);
      if (page.length === 0) break;
      paged.push(...page);
      fromId = page.at(-1)!.tradeId + 1;
    }
    expect(paged).toEqual(window);
    // An id that does not exist (k past the minute's count, or in the live-print range) starts at the next minute.
    const minute = Math.floor(window[0]!.tradeId / 1000);
    const nextMinuteFirst = trades.find((trade) => Math.floor(trade.tradeId / 1000) === minute + 1)!;
    expect(history.tradesFromId(minute * 1000 + 499, 1, nowMs)).toEqual([nextMinuteFirst]);
    expect(history.tradesFromId(minute * 1000 + 750, 1, nowMs)).toEqual([nextMinuteFirst]);
    expect(history.tradesFromId(0, 2, nowMs)).toEqual(trades.slice(0, 2));
    expect(history.tradesFromId(trades.at(-1)!.tradeId, 10, nowMs)).toEqual([trades.at(-1)]);
    expect(history.tradesFromId(trades.at(-1)!.tradeId + 1, 10, nowMs)).toEqual([]);
  });
});

describe('createMarketHistory: a year of candles', () => {
  it('pages a year of 1m candles that are all well-formed, skip maintenance, and add up to 1d, 1w and 1M', () => {
    const history = createMarketHistory('bybit', simListings('bybit')[0]!, { seed: 21 });
    const originMs = history.originMs;
    const nowMs = originMs + 365 * DAY;
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    const minutes: SimCandle[] = [];
    for (let fromMs = originMs; ; ) {
      const page = history.candles('1m', fromMs, nowMs, 1000, nowMs);
      if (page.length === 0) break;
      for (const candle of page) minutes.push(candle);
      fromMs = page.at(-1)!.openTimeMs + MINUTE;
    }
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(startedCpu);
    // Printed, not asserted: a figure for the record (CPU time is steadier than wall time on a shared machine).
    console.log(
      `a year of 1m candles (${minutes.length}) generated in ${elapsedMs.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
    );

    const windows = history.maintenanceWindows(originMs, nowMs);
    const maintenanceMinutes = windows.reduce((sum, [startMs, endMs]) => sum + (endMs - startMs) / MINUTE, 0);
    expect(minutes.length).toBe(365 * 1440 - maintenanceMinutes);
    const broken: string[] = [];
    let previous = originMs - MINUTE;
    for (const candle of minutes) {
      if (candle.openTimeMs <= previous || candle.openTimeMs % MINUTE !== 0) broken.push(`time ${candle.openTimeMs}`);
      previous = candle.openTimeMs;
      if (!(candle.low <= Math.min(candle.open, candle.close) && candle.high >= Math.max(candle.open, candle.close))) {
        broken.push(`ohlc ${candle.openTimeMs}`);
      }
      if (!(candle.volumeLots > 0 && candle.tradeCount > 0 && candle.closed)) broken.push(`volume ${candle.openTimeMs}`);
      if (windows.some(([startMs, endMs]) => candle.openTimeMs >= startMs && candle.openTimeMs < endMs)) {
        broken.push(`maintenance ${candle.openTimeMs}`);
      }
    }
    expect(broken.slice(0, 10)).toEqual([]);

    for (const timeframe of ['1d', '1w', '1M'] as const) {
      const folded = new Map<number, HandCandle>();
      for (const candle of minutes) {
        const bucket = bucketStartMs(timeframe, candle.openTimeMs);
        const current = folded.get(bucket);
        if (current === undefined) {
          folded.set(bucket, { ...withoutFlags(candle), openTimeMs: bucket });
        } else {
          current.high = Math.max(current.high, candle.high);
          current.low = Math.min(current.low, candle.low);
          current.close = candle.close;
          current.volumeLots += candle.volumeLots;
          current.quoteVolumeTickLots += candle.quoteVolumeTickLots;
          current.tradeCount += candle.tradeCount;
        }
      }
      const candles = history.candles(timeframe, 0, nowMs, 1000, nowMs);
      expectWellFormed(candles, timeframe);
      expect(candles.map(withoutFlags)).toEqual([...folded.values()]);
    }
  });
});

describe('createMarketHistory: maintenance windows', () => {
  const history = createMarketHistory('okx', simListings('okx')[2]!, { seed: 3 });
  const year = history.originMs + 366 * DAY;
  const windows = history.maintenanceWindows(history.originMs, year);

  it('has a few 1–3 h windows a year, on whole minutes', () => {
    expect(windows.length).toBeGreaterThanOrEqual(2);
    expect(windows.length).toBeLessThanOrEqual(8);
    for (const [startMs, endMs] of windows) {
      expect(startMs % MINUTE).toBe(0);
      expect(endMs % MINUTE).toBe(0);
      expect(endMs - startMs).toBeGreaterThanOrEqual(HOUR);
      expect(endMs - startMs).toBeLessThanOrEqual(3 * HOUR);
    }
  });

  it('has no trade and no candle inside a window, and trades right around it', () => {
    for (const [startMs, endMs] of windows.slice(0, 3)) {
      expect(history.trades(startMs, endMs, 10)).toEqual([]);
      expect(history.hasData(startMs)).toBe(false);
      expect(history.hasData(endMs - MINUTE)).toBe(false);
      expect(history.hasData(startMs - MINUTE)).toBe(true);
      expect(history.hasData(endMs)).toBe(true);
      expect(history.trades(startMs - MINUTE, startMs, 10).length).toBeGreaterThan(0);
      expect(history.trades(endMs, endMs + MINUTE, 10).length).toBeGreaterThan(0);
      const minutes = history.candles('1m', startMs - HOUR, endMs + HOUR, 10_000, year);
      expect(minutes.some((candle) => candle.openTimeMs >= startMs && candle.openTimeMs < endMs)).toBe(false);
      expect(minutes).toHaveLength(120 + 0);
      for (const timeframe of ['1m', '5m', '15m'] as const) {
        for (let bucket = startMs; bucket < endMs; bucket = nextBucketStartMs(timeframe, bucket)) {
          if (bucketStartMs(timeframe, bucket) !== bucket) continue;
          if (nextBucketStartMs(timeframe, bucket) > endMs) continue;
          expect(history.candles(timeframe, bucket, bucket + 1, 1, year)).toEqual([]);
        }
      }
      // tradesFromId steps over the whole window.
      const before = history.trades(startMs - MINUTE, startMs, 1000).at(-1)!;
      const after = history.trades(endMs, endMs + MINUTE, 1)[0]!;
      expect(history.tradesFromId(before.tradeId + 1, 1, year)).toEqual([after]);
    }
  });

  it('is the same window for every instrument of a venue and differs between venues', () => {
    const spot = createMarketHistory('okx', simListings('okx')[0]!, { seed: 3 });
    expect(spot.maintenanceWindows(spot.originMs, year)).toEqual(windows);
    const other = createMarketHistory('bybit', simListings('bybit')[2]!, { seed: 3 });
    expect(other.maintenanceWindows(other.originMs, year)).not.toEqual(windows);
  });
});

describe('createMarketHistory: determinism', () => {
  it('answers the same in any call order, and differently for another seed', () => {
    const listing = simListings('coinbase')[0]!;
    const originMs = Date.UTC(2024, 0, 1);
    const first = createMarketHistory('coinbase', listing, { seed: 11 });
    const second = createMarketHistory('coinbase', listing, { seed: 11, originMs });
    const nowMs = originMs + 40 * DAY + 12_345;
    const asks: Array<(history: SyntheticMarketHistory) => unknown> = [
      (history) => history.candles('1d', originMs, nowMs, 100, nowMs),
      (history) => history.candles('1m', originMs + 20 * DAY, nowMs, 50, nowMs),
      (history) => history.trades(originMs + 33 * DAY + 5 * HOUR, originMs + 33 * DAY + 5 * HOUR + 90_000, 1000),
      (history) => history.midTicks(originMs + 17 * DAY + 1234),
      (history) => history.candles('4h', originMs + 3 * DAY, originMs + 9 * DAY, 100, nowMs),
      (history) => history.tradesFromId((originMs + 39 * DAY) / MINUTE * 1000 + 3, 20, nowMs),
    ];
    const forward = asks.map((ask) => ask(first));
    const backward = [...asks].reverse().map((ask) => ask(second)).reverse();
    expect(backward).toEqual(forward);
    expect(asks.map((ask) => ask(first))).toEqual(forward);

    const other = createMarketHistory('coinbase', listing, { seed: 12 });
    expect(other.candles('1h', originMs, originMs + DAY, 24, nowMs)).not.toEqual(
      first.candles('1h', originMs, originMs + DAY, 24, nowMs),
    );
  });

  it('keeps a positive, plausible mid over three years', () => {
    const history = createMarketHistory('binance', simListings('binance')[2]!, { seed: 9 });
    const initialTicks = 15_000; // SOL-USDT at 150 with 0.01 ticks
    let low = Infinity;
    let high = 0;
    for (let at = history.originMs; at < history.originMs + 3 * 365 * DAY; at += 6 * HOUR + 17 * MINUTE) {
      const mid = history.midTicks(at);
      low = Math.min(low, mid);
      high = Math.max(high, mid);
    }
    expect(low).toBeGreaterThan(0.2 * initialTicks);
    expect(high).toBeLessThan(5 * initialTicks);
    expect(high / low).toBeGreaterThan(1.3);
  });

  it('moves one base asset together across venues and quotes, a few bp apart', () => {
    const at = Date.UTC(2024, 5, 10, 14, 3, 7);
    const mids = [
      createMarketHistory('binance', simListings('binance')[0]!, { seed: 5 }),
      createMarketHistory('okx', simListings('okx')[2]!, { seed: 5 }),
      createMarketHistory('bybit', simListings('bybit')[0]!, { seed: 5 }),
      createMarketHistory('coinbase', simListings('coinbase')[0]!, { seed: 5 }),
    ].map((history) => {
      const ticks = history.midTicks(at);
      // In quote units: BTC-USDT-PERP ticks are 0.1, the others 0.01.
      return history.instrument.tickSize === '0.1' ? ticks / 10 : ticks / 100;
    });
    const reference = mids[0]!;
    for (const mid of mids) expect(Math.abs(mid / reference - 1)).toBeLessThan(0.002);
    expect(new Set(mids).size).toBe(mids.length);
  });
});
