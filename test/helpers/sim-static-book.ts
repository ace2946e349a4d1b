// A small, exact SyntheticBook and SyntheticMarketHistory for matching tests: fixed levels, scripted level changes, scripted prints.
import type { SimMarketFactories } from '../../src/sim/exchange/sim-exchange.js';
import type { SimListing } from '../../src/sim/exchange/sim-exchange-contract.js';
import type { SyntheticBook, SyntheticMarketHistory } from '../../src/sim/market/market-contract.js';
import type { SimCandle, SimInstrument, SimLevel, SimLevelChange, SimTrade } from '../../src/sim/market/sim-market-types.js';
import { bucketStartMs, nextBucketStartMs, type Timeframe } from '../../src/model/timeframe.js';

type Side = 'bid' | 'ask';

/** At `atMs` the listed levels take these sizes (0 removes one). */
export interface StaticBookStep {
  readonly atMs: number;
  readonly changes: readonly SimLevelChange[];
}

export interface StaticMarketScript {
  readonly bids: readonly SimLevel[];
  readonly asks: readonly SimLevel[];
  readonly steps?: readonly StaticBookStep[];
  /** Synthetic prints, any order (sorted by time here); ids must be m × 1000 + k with k < 500. */
  readonly trades?: readonly SimTrade[];
}

/**
 * Levels stay where the script puts them; consume() takes size at once (levels() and sizeAt() show
 * it) and nothing replenishes. advance() reports every level that differs from the previous
 * advance() (consumption included), like the real book.
 */
export class StaticBook implements SyntheticBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private readonly reportedBids = new Map<number, number>();
  private readonly reportedAsks = new Map<number, number>();
  private readonly steps: StaticBookStep[];
  private lastMs = -Infinity;

  constructor(
    readonly instrument: SimInstrument,
    script: StaticMarketScript,
  ) {
    for (const level of script.bids) this.bids.set(level.priceTicks, level.sizeLots);
    for (const level of script.asks) this.asks.set(level.priceTicks, level.sizeLots);
    for (const [price, size] of this.bids) this.reportedBids.set(price, size);
    for (const [price, size] of this.asks) this.reportedAsks.set(price, size);
    this.steps = [...(script.steps ?? [])].sort((a, b) => a.atMs - b.atMs);
  }

  advance(tsMs: number): SimLevelChange[] {
    if (tsMs < this.lastMs) throw new Error(`StaticBook.advance went back from ${this.lastMs} to ${tsMs}`);
    this.lastMs = tsMs;
    while (this.steps.length > 0 && this.steps[0]!.atMs <= tsMs) {
      for (const change of this.steps.shift()!.changes) {
        const levels = change.side === 'bid' ? this.bids : this.asks;
        if (change.sizeLots === 0) levels.delete(change.priceTicks);
        else levels.set(change.priceTicks, change.sizeLots);
      }
    }
    return [...diff('bid', this.reportedBids, this.bids), ...diff('ask', this.reportedAsks, this.asks)];
  }

  levels(side: Side, depth: number): SimLevel[] {
    const levels = side === 'bid' ? this.bids : this.asks;
    const prices = [...levels.keys()].sort((a, b) => (side === 'bid' ? b - a : a - b)).slice(0, depth);
    return prices.map((priceTicks) => ({ priceTicks, sizeLots: levels.get(priceTicks)! }));
  }

  sizeAt(side: Side, priceTicks: number): number {
    return (side === 'bid' ? this.bids : this.asks).get(priceTicks) ?? 0;
  }

  consume(side: Side, priceTicks: number, lots: number): number {
    const levels = side === 'bid' ? this.bids : this.asks;
    const size = levels.get(priceTicks) ?? 0;
    const taken = Math.min(size, Math.max(0, lots));
    if (size - taken === 0) levels.delete(priceTicks);
    else levels.set(priceTicks, size - taken);
    return taken;
  }
}

/** Changes from `reported` to `current`, best first; `reported` becomes `current`. */
function diff(side: Side, reported: Map<number, number>, current: Map<number, number>): SimLevelChange[] {
  const prices = new Set<number>();
  for (const [price, size] of current) if (reported.get(price) !== size) prices.add(price);
  for (const price of reported.keys()) if (!current.has(price)) prices.add(price);
  const sorted = [...prices].sort((a, b) => (side === 'bid' ? b - a : a - b));
  const changes = sorted.map((priceTicks) => ({ side, priceTicks, sizeLots: current.get(priceTicks) ?? 0 }));
  for (const change of changes) {
    if (change.sizeLots === 0) reported.delete(change.priceTicks);
    else reported.set(change.priceTicks, change.sizeLots);
  }
  return changes;
}

/** A history of exactly the scripted prints; no maintenance windows; mid = the first print's price (or 0). */
export class StaticHistory implements SyntheticMarketHistory {
  private readonly prints: SimTrade[];

  constructor(
    readonly instrument: SimInstrument,
    readonly originMs: number,
    trades: readonly SimTrade[],
  ) {
    this.prints = [...trades].sort((a, b) => a.tsMs - b.tsMs || a.tradeId - b.tradeId);
  }

  hasData(): boolean {
    return true;
  }

  maintenanceWindows(): Array<readonly [number, number]> {
    return [];
  }

  candles(timeframe: Timeframe, fromMs: number, toMs: number, limit: number, nowMs: number): SimCandle[] {
    const buckets = new Map<number, SimTrade[]>();
    for (const trade of this.prints) {
      if (trade.tsMs >= nowMs) break;
      const start = bucketStartMs(timeframe, trade.tsMs);
      if (start < fromMs || start >= toMs) continue;
      const bucket = buckets.get(start) ?? [];
      bucket.push(trade);
      buckets.set(start, bucket);
    }
    const candles: SimCandle[] = [];
    for (const [openTimeMs, trades] of buckets) {
      const closeTimeMs = nextBucketStartMs(timeframe, openTimeMs);
      candles.push({
        openTimeMs,
        closeTimeMs,
        open: trades[0]!.priceTicks,
        high: Math.max(...trades.map((trade) => trade.priceTicks)),
        low: Math.min(...trades.map((trade) => trade.priceTicks)),
        close: trades[trades.length - 1]!.priceTicks,
        volumeLots: trades.reduce((sum, trade) => sum + trade.sizeLots, 0),
        quoteVolumeTickLots: trades.reduce((sum, trade) => sum + BigInt(trade.priceTicks) * BigInt(trade.sizeLots), 0n),
        tradeCount: trades.length,
        closed: closeTimeMs <= nowMs,
      });
    }
    return candles.slice(0, limit);
  }

  trades(fromMs: number, toMs: number, limit: number): SimTrade[] {
    return this.prints.filter((trade) => trade.tsMs >= fromMs && trade.tsMs < toMs).slice(0, limit);
  }

  tradesFromId(fromId: number, limit: number, nowMs: number): SimTrade[] {
    return this.prints.filter((trade) => trade.tradeId >= fromId && trade.tradeId < fromId + limit && trade.tsMs <= nowMs);
  }

  midTicks(): number {
    return this.prints[0]?.priceTicks ?? 0;
  }
}

/** Market factories serving one script per canonical symbol; the books made are kept for inspection. */
export function staticMarket(scripts: Readonly<Record<string, StaticMarketScript>>, originMs = 0): SimMarketFactories & { books: Map<string, StaticBook> } {
  const books = new Map<string, StaticBook>();
  const scriptOf = (listing: SimListing): StaticMarketScript => {
    const script = scripts[listing.instrument.canonical];
    if (script === undefined) throw new Error(`no static market script for ${listing.instrument.canonical}`);
    return script;
  };
  return {
    books,
    createHistory: (_venue, listing) => new StaticHistory(listing.instrument, originMs, scriptOf(listing).trades ?? []),
    createBook: (_venue, listing) => {
      const book = new StaticBook(listing.instrument, scriptOf(listing));
      books.set(listing.instrument.canonical, book);
      return book;
    },
  };
}

/** A test instrument: BTC-USDT with tick 0.01 and lot 0.00001, min notional 5 (the shape of Binance's). */
export const TEST_BTC_USDT: SimInstrument = Object.freeze({
  canonical: 'BTC-USDT',
  base: 'BTC',
  quote: 'USDT',
  kind: 'spot',
  tickSize: '0.01',
  lotSize: '0.00001',
  priceDecimals: 2,
  sizeDecimals: 5,
  minSizeLots: 1,
  minNotional: '5',
  initialPrice: '65000',
  volatilityPerMinute: 0.0006,
  tradesPerMinute: 50,
  depthLevels: 10,
});

export const TEST_BTC_LISTING: SimListing = Object.freeze({ instrument: TEST_BTC_USDT, native: 'BTCUSDT', category: 'spot' });
