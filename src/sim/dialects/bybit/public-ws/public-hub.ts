// The Bybit public market-data hub: per listing its book mirror, depth streams, trades, tickers and klines, fanned out to subscribers.
import type { SimBookUpdate, SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import type { DepthMessage } from './depth-stream.js';
import { pushKlines, sendKlineSnapshot } from './feed-klines.js';
import { pushTickers, sendTickerSnapshot } from './feed-tickers.js';
import { ListingFeed, type PublicClient } from './listing-feed.js';
import { orderbookFrame, publicTradeFrame, type PublicCategory } from './public-frames.js';
import { parsePublicTopic, type PublicTopic } from './public-topics.js';

export type { PublicClient } from './listing-feed.js';

/*
 * One hub per dialect, fed by the exchange's 'book' and 'trade' events from the moment the
 * dialect exists, whether or not anyone listens: Bybit's u of a depth stream and its cross
 * sequence run for the venue, not per subscriber, and GET /v5/market/orderbook reports the u of
 * the 500-level (linear) / 200-level (spot) stream. A depth stream is made the first time it is
 * needed (a subscription or a REST depth request) and runs from then on.
 *
 * Pushes: orderbook on every exchange book update that changes the stream's top N; publicTrade
 * one message per exchange trade; linear tickers a delta of the changed fields after each book
 * update or trade (Bybit: "Derivatives - 100ms"); spot tickers a full snapshot at most once a
 * second (the recorded spot tickers arrive about once a second); klines the forming bar at most
 * once a second, and the finished bar (confirm true) when the first trade of the next one comes.
 */

/** Depth of the stream GET /v5/market/orderbook answers from (its u is that stream's). */
export const REST_BOOK_DEPTH: Readonly<Record<PublicCategory, number>> = { linear: 500, spot: 200 };

export type TopicCheck = { readonly ok: true; readonly topics: readonly PublicTopic[] } | { readonly ok: false; readonly message: string };

export class PublicMarketHub {
  private readonly byNative = new Map<string, ListingFeed>();
  private readonly bySymbol: Record<PublicCategory, Map<string, ListingFeed>> = { spot: new Map(), linear: new Map() };
  private readonly onBookEvent = (update: SimBookUpdate): void => this.onBook(update);
  private readonly onTradeEvent = (native: string, trade: SimTrade): void => this.onTrade(native, trade);

  constructor(
    private readonly exchange: SimExchange,
    salt: string,
  ) {
    for (const listing of exchange.listings) {
      if (listing.category !== 'spot' && listing.category !== 'linear') continue;
      const feed = new ListingFeed(listing, exchange, salt);
      this.byNative.set(listing.native, feed);
      this.bySymbol[feed.category].set(feed.symbol, feed);
    }
    exchange.on('book', this.onBookEvent);
    exchange.on('trade', this.onTradeEvent);
  }

  close(): void {
    this.exchange.off('book', this.onBookEvent);
    this.exchange.off('trade', this.onTradeEvent);
  }

  /** The listing a category's wire symbol names, or undefined. */
  listing(category: PublicCategory, symbol: string): SimListing | undefined {
    return this.bySymbol[category].get(symbol)?.listing;
  }

  /** The current state of the stream GET /v5/market/orderbook reports (500 levels linear, 200 spot). */
  restBook(category: PublicCategory, symbol: string): DepthMessage | undefined {
    return this.bySymbol[category].get(symbol)?.stream(REST_BOOK_DEPTH[category]).snapshot();
  }

  /** Every ticker field of a listing now, book fields included (GET /v5/market/tickers), without `symbol`. */
  tickerFields(category: PublicCategory, symbol: string, nowMs: number): Record<string, string> | undefined {
    const feed = this.bySymbol[category].get(symbol);
    if (feed === undefined) return undefined;
    return feed.stats.tickerFields(nowMs, feed.mirror.top('bid', 1)[0], feed.mirror.top('ask', 1)[0]);
  }

  /** The latest `limit` public trades at or before nowMs, newest first (ListingFeed.recentTrades). */
  recentTrades(category: PublicCategory, symbol: string, limit: number, nowMs: number): SimTrade[] | undefined {
    return this.bySymbol[category].get(symbol)?.recentTrades(limit, nowMs);
  }

  /**
   * Checks a subscribe request's topics for a client: all must be channels of the category, name
   * a listed symbol and not be subscribed already; otherwise nothing is subscribed and the
   * message says why (Bybit's texts: "Invalid symbol :[topic]", "error:handler not found,topic:..").
   */
  checkSubscribe(client: PublicClient, topics: readonly string[]): TopicCheck {
    const parsed: PublicTopic[] = [];
    for (const topic of topics) {
      const parts = parsePublicTopic(client.category, topic);
      if (parts === null) return { ok: false, message: `error:handler not found,topic:${topic}` };
      const feed = this.bySymbol[client.category].get(parts.symbol);
      if (feed === undefined) return { ok: false, message: `Invalid symbol :[${topic}]` };
      if (feed.subscribers.get(topic)?.has(client) === true || topics.indexOf(topic) !== topics.lastIndexOf(topic)) {
        return { ok: false, message: `error:already subscribed,topic:${topic}` };
      }
      parsed.push(parts);
    }
    return { ok: true, topics: parsed };
  }

  /**
   * Subscribes checked topics. Each first sends its opening frame where the channel has one
   * (orderbook and tickers a snapshot, kline the forming bar) and only then joins the topic, so
   * the client never sees a delta before its snapshot.
   */
  subscribe(client: PublicClient, topics: readonly string[]): void {
    for (const topic of topics) {
      const parts = parsePublicTopic(client.category, topic)!;
      const feed = this.bySymbol[client.category].get(parts.symbol)!;
      if (parts.kind === 'orderbook') {
        client.send(orderbookFrame(feed.listing, topic, feed.stream(parts.depth).snapshot()), 'book', feed.symbol);
      } else if (parts.kind === 'tickers') {
        sendTickerSnapshot(feed, topic, client, this.exchange.nowMs());
      } else if (parts.kind === 'kline') {
        sendKlineSnapshot(feed, topic, parts.interval, client, this.exchange.nowMs());
      }
      let clients = feed.subscribers.get(topic);
      if (clients === undefined) {
        clients = new Set();
        feed.subscribers.set(topic, clients);
      }
      clients.add(client);
    }
  }

  /** Unsubscribes topics (a topic not subscribed is fine, as on Bybit). */
  unsubscribe(client: PublicClient, topics: readonly string[]): void {
    for (const topic of topics) {
      const parts = parsePublicTopic(client.category, topic);
      const feed = parts === null ? undefined : this.bySymbol[client.category].get(parts.symbol);
      feed?.subscribers.get(topic)?.delete(client);
    }
  }

  /** Forgets a closed connection. */
  remove(client: PublicClient): void {
    for (const feed of this.bySymbol[client.category].values()) for (const clients of feed.subscribers.values()) clients.delete(client);
  }

  /**
   * Bybit's service restart: every depth stream of the matching listings starts again at u = 1
   * with a snapshot to its subscribers ("Occasionally, you'll receive "u"=1 ... please overwrite
   * your local orderbook"). Category or symbol absent: all.
   */
  restartBookStreams(category?: PublicCategory, symbol?: string): void {
    for (const feed of this.byNative.values()) {
      if ((category !== undefined && feed.category !== category) || (symbol !== undefined && feed.symbol !== symbol)) continue;
      for (const stream of feed.streams.values()) {
        const topic = `orderbook.${stream.depth}.${feed.symbol}`;
        feed.broadcast(topic, orderbookFrame(feed.listing, topic, stream.restart()), 'book');
      }
    }
  }

  private onBook(update: SimBookUpdate): void {
    const feed = this.byNative.get(update.native);
    if (feed === undefined) return;
    if (!feed.mirror.apply(update)) {
      if (update.updateId <= feed.mirror.updateId) return;
      feed.reseed();
    }
    feed.seq++;
    for (const stream of feed.streams.values()) {
      const message = stream.advance(update.tsMs, feed.seq);
      if (message === null) continue;
      const topic = `orderbook.${stream.depth}.${feed.symbol}`;
      feed.broadcast(topic, orderbookFrame(feed.listing, topic, message), 'book');
    }
    pushTickers(feed, update.tsMs);
  }

  private onTrade(native: string, trade: SimTrade): void {
    const feed = this.byNative.get(native);
    if (feed === undefined) return;
    feed.seq++;
    feed.recordTrade(trade);
    const tickDirection = feed.stats.onTrade(trade);
    const tradeTopic = `publicTrade.${feed.symbol}`;
    if (feed.hasSubscribers(tradeTopic)) {
      feed.broadcast(tradeTopic, publicTradeFrame(feed.listing, tradeTopic, [{ trade, tickDirection, seq: feed.seq }]), 'trade');
    }
    pushTickers(feed, trade.tsMs);
    pushKlines(feed, trade.tsMs);
  }
}
