// The Bybit public market-data hub: per listing its book mirror, depth streams, trades, tickers and klines, fanned out to subscribers.
import type { SimBookUpdate, SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import { bybitWireSymbol } from '../bybit-listings.js';
import { klineEndMs, klinesBetween, klineStartMs } from '../bybit-klines.js';
import { MarketStats, SPOT_STREAM_OMITTED_FIELDS } from '../market-stats.js';
import { BookMirror } from './book-mirror.js';
import { DepthStream, type DepthMessage } from './depth-stream.js';
import { klineBar } from './kline-bar.js';
import { klineFrame, orderbookFrame, publicTradeFrame, tickerFrame, type PublicCategory } from './public-frames.js';
import { parsePublicTopic, type KlineInterval, type PublicTopic } from './public-topics.js';

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

/** Where the hub writes one connection's frames (a public WebSocket session). */
export interface PublicClient {
  readonly category: PublicCategory;
  send(text: string, kind: 'book' | 'trade' | 'control', key?: string): void;
}

/** Depth of the stream GET /v5/market/orderbook answers from (its u is that stream's). */
export const REST_BOOK_DEPTH: Readonly<Record<PublicCategory, number>> = { linear: 500, spot: 200 };
/** Upper bound of the exchange snapshot that seeds a mirror: the whole book. */
const WHOLE_BOOK = 1_000_000;
const SPOT_TICKER_INTERVAL_MS = 1000;
const KLINE_PUSH_INTERVAL_MS = 1000;
/** Live trades kept per listing for GET /v5/market/recent-trade (its largest page). */
const RECENT_TRADES = 1000;

/** A deterministic value in [low, low + spread) from text: the starting points of u and seq. */
function seededStart(text: string, low: number, spread: number): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0;
  return low + (hash % spread);
}

interface KlineState {
  barStartMs: number;
  pushedMs: number;
}

class ListingFeed {
  readonly category: PublicCategory;
  readonly symbol: string;
  readonly stats: MarketStats;
  readonly mirror: BookMirror;
  readonly streams = new Map<number, DepthStream>();
  readonly subscribers = new Map<string, Set<PublicClient>>();
  readonly klines = new Map<KlineInterval, KlineState>();
  /** Cross sequence: +1 per book update and per trade of the listing. */
  seq: number;
  lastTicker: Record<string, string> | undefined;
  spotTickerPushedMs = Number.NEGATIVE_INFINITY;
  /** The latest public trades (synthetic prints and participant fills), oldest first, at most RECENT_TRADES. */
  readonly recent: SimTrade[] = [];

  constructor(
    readonly listing: SimListing,
    private readonly exchange: SimExchange,
    private readonly salt: string,
  ) {
    this.category = listing.category === 'spot' ? 'spot' : 'linear';
    this.symbol = bybitWireSymbol(listing);
    this.stats = new MarketStats(listing, exchange.history(listing.native));
    this.mirror = new BookMirror(exchange.snapshot(listing.native, WHOLE_BOOK));
    this.seq = seededStart(`${salt}:${this.category}:${this.symbol}:seq`, 100_000_000_000, 900_000_000_000);
  }

  stream(depth: number): DepthStream {
    let stream = this.streams.get(depth);
    if (stream === undefined) {
      const firstUpdateId = seededStart(`${this.salt}:${this.category}:${this.symbol}:${depth}:u`, 10_000_000, 50_000_000);
      stream = new DepthStream(depth, this.mirror, firstUpdateId, this.seq);
      this.streams.set(depth, stream);
    }
    return stream;
  }

  /** Re-seeds the mirror from the exchange (an update did not follow the mirror's). */
  reseed(): void {
    this.mirror.reset(this.exchange.snapshot(this.listing.native, WHOLE_BOOK));
  }

  broadcast(topic: string, text: string, kind: 'book' | 'trade'): void {
    const clients = this.subscribers.get(topic);
    if (clients === undefined) return;
    for (const client of clients) client.send(text, kind, this.symbol);
  }
}

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

  /**
   * The latest `limit` public trades at or before nowMs, newest first: the live ones the hub saw
   * (participant fills included), then, before the first of them, the history's.
   */
  recentTrades(category: PublicCategory, symbol: string, limit: number, nowMs: number): SimTrade[] | undefined {
    const feed = this.bySymbol[category].get(symbol);
    if (feed === undefined) return undefined;
    const trades: SimTrade[] = [];
    for (let index = feed.recent.length - 1; index >= 0 && trades.length < limit; index--) {
      const trade = feed.recent[index]!;
      if (trade.tsMs <= nowMs) trades.push(trade);
    }
    if (trades.length < limit) {
      const history = feed.stats.historyOf();
      const oldest = trades[trades.length - 1];
      const beforeMs = oldest === undefined ? nowMs + 1 : oldest.tsMs;
      let spanMs = 600_000;
      for (;;) {
        const fromMs = Math.max(history.originMs, beforeMs - spanMs);
        const older = history.trades(fromMs, beforeMs, 1_000_000).filter((trade) => oldest === undefined || trade.tradeId < oldest.tradeId);
        if (older.length >= limit - trades.length || fromMs <= history.originMs) {
          for (let index = older.length - 1; index >= 0 && trades.length < limit; index--) trades.push(older[index]!);
          break;
        }
        spanMs *= 4;
      }
    }
    return trades;
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
        this.sendTickerSnapshot(feed, topic, client);
      } else if (parts.kind === 'kline') {
        this.sendKlineSnapshot(feed, topic, parts.interval, client);
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
    this.pushTickers(feed, update.tsMs);
  }

  private onTrade(native: string, trade: SimTrade): void {
    const feed = this.byNative.get(native);
    if (feed === undefined) return;
    feed.seq++;
    feed.recent.push(trade);
    if (feed.recent.length > RECENT_TRADES * 2) feed.recent.splice(0, feed.recent.length - RECENT_TRADES);
    const tickDirection = feed.stats.onTrade(trade);
    const tradeTopic = `publicTrade.${feed.symbol}`;
    if (feed.subscribers.get(tradeTopic)?.size) {
      feed.broadcast(tradeTopic, publicTradeFrame(feed.listing, tradeTopic, [{ trade, tickDirection, seq: feed.seq }]), 'trade');
    }
    this.pushTickers(feed, trade.tsMs);
    this.pushKlines(feed, trade.tsMs);
  }

  private streamTickerFields(feed: ListingFeed, nowMs: number): Record<string, string> {
    const bestBid = feed.mirror.top('bid', 1)[0];
    const bestAsk = feed.mirror.top('ask', 1)[0];
    const fields = feed.stats.tickerFields(nowMs, bestBid, bestAsk);
    if (feed.category === 'spot') for (const field of SPOT_STREAM_OMITTED_FIELDS) delete fields[field];
    return fields;
  }

  private sendTickerSnapshot(feed: ListingFeed, topic: string, client: PublicClient): void {
    const nowMs = this.exchange.nowMs();
    if (feed.category === 'spot') {
      client.send(tickerFrame(feed.listing, topic, 'snapshot', this.streamTickerFields(feed, nowMs), feed.seq, nowMs), 'trade', feed.symbol);
      return;
    }
    // Linear deltas are shared: bring the current subscribers up to now, then start the new one from the same state.
    this.pushTickers(feed, nowMs);
    const fields = feed.lastTicker ?? this.streamTickerFields(feed, nowMs);
    feed.lastTicker = fields;
    client.send(tickerFrame(feed.listing, topic, 'snapshot', fields, feed.seq, nowMs), 'trade', feed.symbol);
  }

  private pushTickers(feed: ListingFeed, tsMs: number): void {
    const topic = `tickers.${feed.symbol}`;
    if (!feed.subscribers.get(topic)?.size) {
      feed.lastTicker = undefined;
      return;
    }
    if (feed.category === 'spot') {
      if (tsMs - feed.spotTickerPushedMs < SPOT_TICKER_INTERVAL_MS) return;
      feed.spotTickerPushedMs = tsMs;
      feed.broadcast(topic, tickerFrame(feed.listing, topic, 'snapshot', this.streamTickerFields(feed, tsMs), feed.seq, tsMs), 'trade');
      return;
    }
    const fields = this.streamTickerFields(feed, tsMs);
    const previous = feed.lastTicker;
    feed.lastTicker = fields;
    if (previous === undefined) return;
    const changed: Record<string, string> = {};
    let count = 0;
    for (const [name, value] of Object.entries(fields)) {
      if (previous[name] !== value) {
        changed[name] = value;
        count++;
      }
    }
    if (count > 0) feed.broadcast(topic, tickerFrame(feed.listing, topic, 'delta', changed, feed.seq, tsMs), 'trade');
  }

  private sendKlineSnapshot(feed: ListingFeed, topic: string, interval: KlineInterval, client: PublicClient): void {
    const nowMs = this.exchange.nowMs();
    const start = klineStartMs(interval, nowMs);
    const bar = klinesBetween(feed.stats.historyOf(), interval, start, klineEndMs(interval, nowMs), nowMs)[0];
    if (bar !== undefined) client.send(klineFrame(feed.listing, topic, klineBar(feed.listing, interval, bar, nowMs), nowMs), 'trade', feed.symbol);
  }

  private pushKlines(feed: ListingFeed, tsMs: number): void {
    for (const [topic, clients] of feed.subscribers) {
      if (clients.size === 0 || !topic.startsWith('kline.')) continue;
      const interval = parsePublicTopic(feed.category, topic);
      if (interval === null || interval.kind !== 'kline') continue;
      const barStartMs = klineStartMs(interval.interval, tsMs);
      let state = feed.klines.get(interval.interval);
      if (state === undefined) {
        state = { barStartMs, pushedMs: Number.NEGATIVE_INFINITY };
        feed.klines.set(interval.interval, state);
      }
      const history = feed.stats.historyOf();
      if (state.barStartMs !== barStartMs) {
        const finished = klinesBetween(history, interval.interval, state.barStartMs, barStartMs, tsMs)[0];
        if (finished !== undefined) feed.broadcast(topic, klineFrame(feed.listing, topic, klineBar(feed.listing, interval.interval, finished, tsMs), tsMs), 'trade');
        state.barStartMs = barStartMs;
        state.pushedMs = Number.NEGATIVE_INFINITY;
      }
      if (tsMs - state.pushedMs < KLINE_PUSH_INTERVAL_MS) continue;
      state.pushedMs = tsMs;
      const forming = klinesBetween(history, interval.interval, barStartMs, klineEndMs(interval.interval, tsMs), tsMs + 1)[0];
      if (forming !== undefined) feed.broadcast(topic, klineFrame(feed.listing, topic, klineBar(feed.listing, interval.interval, forming, tsMs), tsMs), 'trade');
    }
  }
}
