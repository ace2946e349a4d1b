// What a subscribe answers with: a product's level2 snapshot, recent trades, and its ticker, built from the exchange's current state.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { RecentTrades } from '../shared/recent-trades.js';
import { level2SnapshotEvent } from './level2-events.js';
import { marketTradesEvent } from './market-trades-events.js';
import { tickerEvent, type TickerTop } from './ticker-event.js';
import type { TickerStats } from '../shared/ticker-stats.js';

/** Trades in a market_trades snapshot (recorded: 100 per product). */
export const TRADES_SNAPSHOT_SIZE = 100;

/** Levels asked of the exchange for a level2 snapshot: Coinbase sends the whole book. */
const FULL_DEPTH = 1_000_000;

export class MarketViews {
  constructor(
    private readonly exchange: SimExchange,
    private readonly recentTrades: RecentTrades,
    private readonly tickerStats: TickerStats,
  ) {}

  level2Snapshot(listing: SimListing): string {
    return level2SnapshotEvent(listing.instrument, this.exchange.snapshot(listing.native, FULL_DEPTH));
  }

  tradesSnapshot(listing: SimListing): string {
    const trades = this.recentTrades.latest(listing.native, this.exchange.nowMs(), TRADES_SNAPSHOT_SIZE);
    return marketTradesEvent('snapshot', listing.native, listing.instrument, trades);
  }

  /** The ticker event; the last price is the last trade's, or the best bid's when the product has no trade within a day. */
  ticker(listing: SimListing, type: 'snapshot' | 'update', top: TickerTop = this.top(listing.native)): string {
    const nowMs = this.exchange.nowMs();
    const lastTicks = this.recentTrades.last(listing.native, nowMs)?.priceTicks ?? top.bidTicks ?? top.askTicks ?? 0;
    const stats = this.tickerStats.of(listing.native, listing.instrument, nowMs, lastTicks);
    return tickerEvent(type, listing.native, listing.instrument, lastTicks, stats, top);
  }

  top(native: string): TickerTop {
    const snapshot = this.exchange.snapshot(native, 1);
    const bid = snapshot.bids[0];
    const ask = snapshot.asks[0];
    return { bidTicks: bid?.priceTicks ?? null, bidLots: bid?.sizeLots ?? 0, askTicks: ask?.priceTicks ?? null, askLots: ask?.sizeLots ?? 0 };
  }
}
