// Exchange book and trade events → level2 updates, market_trades and ticker messages on every connection subscribed to them.
import type { SimBookUpdate, SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import type { RecentTrades } from '../shared/recent-trades.js';
import { level2UpdateEvent } from './level2-events.js';
import { marketTradesEvent } from './market-trades-events.js';
import type { MarketViews } from './market-views.js';
import type { TickerTop } from './ticker-event.js';
import type { CoinbaseWsConnection } from './ws-connection.js';

/*
 * Book updates go out as they happen, one l2_data message per SimBookUpdate, so every level change
 * reaches the client in order. Trades are batched like Coinbase does (recorded: trades of one
 * product and one moment in one message, newest first): the exchange emits a tick's events
 * synchronously, and the batch is written in a microtask once the tick is done, one market_trades
 * message per product, followed by a ticker for every product whose trades or best bid/ask moved.
 */

export class MarketFanout {
  private readonly pendingTrades = new Map<string, SimTrade[]>();
  private readonly touched = new Set<string>();
  /** Last top of book a ticker reported, per product, as comparable text. */
  private readonly lastTops = new Map<string, string>();
  private flushScheduled = false;
  private stopped = false;

  constructor(
    private readonly exchange: SimExchange,
    private readonly connections: ReadonlySet<CoinbaseWsConnection>,
    private readonly views: MarketViews,
    private readonly recentTrades: RecentTrades,
  ) {
    exchange.on('book', this.onBook);
    exchange.on('trade', this.onTrade);
  }

  stop(): void {
    this.stopped = true;
    this.exchange.off('book', this.onBook);
    this.exchange.off('trade', this.onTrade);
  }

  /** Remembers the top a fresh ticker snapshot reported, so the next update is only sent on a change. */
  noteTickerSent(native: string, top: TickerTop): void {
    this.lastTops.set(native, topKey(top));
  }

  private readonly onBook = (update: SimBookUpdate): void => {
    let events: string | null = null;
    for (const connection of this.connections) {
      if (!connection.subscriptions.has('level2', update.native)) continue;
      if (events === null) {
        const listing = this.exchange.listing(update.native);
        if (listing === undefined) return;
        events = `[${level2UpdateEvent(listing.instrument, update)}]`;
      }
      connection.send('l2_data', Math.max(this.exchange.nowMs(), update.tsMs), events, update.native);
    }
    this.touch(update.native);
  };

  private readonly onTrade = (native: string, trade: SimTrade): void => {
    this.recentTrades.onTrade(native, trade);
    let pending = this.pendingTrades.get(native);
    if (pending === undefined) {
      pending = [];
      this.pendingTrades.set(native, pending);
    }
    pending.push(trade);
    this.touch(native);
  };

  private touch(native: string): void {
    this.touched.add(native);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.stopped) return;
    const nowMs = this.exchange.nowMs();
    for (const [native, trades] of this.pendingTrades) {
      const listing = this.exchange.listing(native);
      if (listing === undefined) continue;
      let events: string | null = null;
      for (const connection of this.connections) {
        if (!connection.subscriptions.has('market_trades', native)) continue;
        events ??= `[${marketTradesEvent('update', native, listing.instrument, trades)}]`;
        connection.send('market_trades', nowMs, events, native);
      }
    }
    const traded = new Set(this.pendingTrades.keys());
    this.pendingTrades.clear();
    for (const native of this.touched) this.flushTicker(native, traded.has(native), nowMs);
    this.touched.clear();
  };

  private flushTicker(native: string, traded: boolean, nowMs: number): void {
    let subscribed = false;
    for (const connection of this.connections) if (connection.subscriptions.has('ticker', native)) subscribed = true;
    if (!subscribed) return;
    const listing = this.exchange.listing(native);
    if (listing === undefined) return;
    const top = this.views.top(native);
    const key = topKey(top);
    if (!traded && this.lastTops.get(native) === key) return;
    this.lastTops.set(native, key);
    const events = `[${this.views.ticker(listing, 'update', top)}]`;
    for (const connection of this.connections) {
      if (connection.subscriptions.has('ticker', native)) connection.send('ticker', nowMs, events, native);
    }
  }
}

function topKey(top: TickerTop): string {
  return `${top.bidTicks}:${top.bidLots}:${top.askTicks}:${top.askLots}`;
}
