// One listing's public market state in the Bybit dialect: book mirror, depth streams, cross sequence, recent trades, subscribers.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import { bybitWireSymbol } from '../bybit-listings.js';
import { MarketStats } from '../market-stats.js';
import { BookMirror } from '../../common/book-mirror.js';
import { DepthStream } from './depth-stream.js';
import type { PublicCategory } from './public-frames.js';
import type { KlineInterval } from './public-topics.js';

/** Where a listing writes one connection's frames (a public WebSocket session). */
export interface PublicClient {
  readonly category: PublicCategory;
  send(text: string, kind: 'book' | 'trade' | 'control', key?: string): void;
}

/** Upper bound of the exchange snapshot that seeds a mirror: the whole book. */
const WHOLE_BOOK = 1_000_000;
/** Live trades kept per listing for GET /v5/market/recent-trade (its largest page). */
const RECENT_TRADES = 1000;
/** History searched per step, widened fourfold while a recent-trade page is not full. */
const HISTORY_STEP_MS = 600_000;

/** A deterministic value in [low, low + spread) from text: the starting points of u and seq. */
function seededStart(text: string, low: number, spread: number): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0;
  return low + (hash % spread);
}

export interface KlineState {
  barStartMs: number;
  pushedMs: number;
}

export class ListingFeed {
  readonly category: PublicCategory;
  /** Bybit's symbol on the wire (base + quote). */
  readonly symbol: string;
  readonly stats: MarketStats;
  readonly mirror: BookMirror;
  readonly streams = new Map<number, DepthStream>();
  /** Clients per topic. */
  readonly subscribers = new Map<string, Set<PublicClient>>();
  readonly klines = new Map<KlineInterval, KlineState>();
  /** Cross sequence: +1 per book update and per trade of the listing. */
  seq: number;
  /** The linear ticker fields the shared deltas are relative to (undefined while nobody listens). */
  lastTicker: Record<string, string> | undefined;
  spotTickerPushedMs = Number.NEGATIVE_INFINITY;
  /** The latest public trades (synthetic prints and participant fills), oldest first. */
  private readonly recent: SimTrade[] = [];

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

  /** The depth stream of `depth`, made (from the current book, with a seeded first u) the first time it is asked for. */
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

  hasSubscribers(topic: string): boolean {
    return (this.subscribers.get(topic)?.size ?? 0) > 0;
  }

  broadcast(topic: string, text: string, kind: 'book' | 'trade'): void {
    const clients = this.subscribers.get(topic);
    if (clients === undefined) return;
    for (const client of clients) client.send(text, kind, this.symbol);
  }

  recordTrade(trade: SimTrade): void {
    this.recent.push(trade);
    if (this.recent.length > RECENT_TRADES * 2) this.recent.splice(0, this.recent.length - RECENT_TRADES);
  }

  /**
   * The latest `limit` public trades at or before nowMs, newest first: the live ones seen
   * (participant fills included), then, before the first of them, the history's.
   */
  recentTrades(limit: number, nowMs: number): SimTrade[] {
    const trades: SimTrade[] = [];
    for (let index = this.recent.length - 1; index >= 0 && trades.length < limit; index--) {
      const trade = this.recent[index]!;
      if (trade.tsMs <= nowMs) trades.push(trade);
    }
    if (trades.length === limit) return trades;
    const history = this.stats.historyOf();
    const oldest = trades[trades.length - 1];
    const beforeMs = oldest === undefined ? nowMs + 1 : oldest.tsMs;
    for (let spanMs = HISTORY_STEP_MS; ; spanMs *= 4) {
      const fromMs = Math.max(history.originMs, beforeMs - spanMs);
      const older = history.trades(fromMs, beforeMs, 1_000_000).filter((trade) => oldest === undefined || trade.tradeId < oldest.tradeId);
      if (older.length >= limit - trades.length || fromMs <= history.originMs) {
        for (let index = older.length - 1; index >= 0 && trades.length < limit; index--) trades.push(older[index]!);
        return trades;
      }
    }
  }
}
