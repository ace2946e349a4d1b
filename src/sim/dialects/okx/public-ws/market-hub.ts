// Fans the exchange's book and trade events out to OKX public subscribers: books (with seqId and checksum), books5, bbo-tbt, trades, tickers.
import type { SimBookUpdate, SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimLevel, SimTrade } from '../../../market/sim-market-types.js';
import type { SimSocketSink } from '../../../server/sim-dialect.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { msText, okxChecksum, okxLevel, type OkxLevel } from '../okx-text.js';
import type { TickerStats } from '../ticker-stats.js';
import { bboFrame, books5Frame, booksFrame, tickersFrame, tradesFrame } from './public-frames.js';
import { BookMirror } from '../../common/book-mirror.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 * - `books`: on subscribe, a 400-level snapshot (prevSeqId -1, seqId = the book's current one),
 *   then one `update` per exchange book update (the exchange ticks every 100 ms, as OKX pushes
 *   books) carrying only the changed levels (size "0" deletes) with prevSeqId = the previous seqId
 *   and the checksum of the book after it. seqId = SEQ_ID_OFFSET + the exchange's updateId, so
 *   every subscriber of a listing sees the same numbers and a snapshot sent later chains onto the
 *   same updates. After 60 s without a change OKX sends an update with no levels whose seqId
 *   equals its prevSeqId; the keep-alive timer does the same.
 * - `books5`: the best 5 levels per side as a snapshot, whenever they changed.
 * - `bbo-tbt`: the best level per side, whenever it changed, with the book's seqId.
 * - `trades`: one push per public trade (the simulator does not aggregate maker fills: count "1").
 * - `tickers`: on a trade or a change of the best levels, at most every 100 ms per listing.
 * Frames of the incremental `books` channel are tagged 'book' for the fault layer (drop, duplicate,
 * reorder, corrupt checksum); every other push is market data the sequence faults are not about and
 * is tagged 'trade'.
 */

export const OKX_PUBLIC_CHANNELS = ['books', 'books5', 'bbo-tbt', 'trades', 'tickers'] as const;
export type OkxPublicChannel = (typeof OKX_PUBLIC_CHANNELS)[number];

/** seqIds start here so they look like OKX's and never collide with the snapshot's prevSeqId -1. */
export const SEQ_ID_OFFSET = 1_000_000;
const BOOK_DEPTH = 400;
const MIRROR_DEPTH = 100_000;
const CHECKSUM_DEPTH = 25;
const BOOKS5_DEPTH = 5;
const KEEPALIVE_AFTER_MS = 60_000;
const KEEPALIVE_CHECK_MS = 5_000;
const TICKER_MIN_INTERVAL_MS = 100;
const RECENT_TRADES = 500;

interface ListingState {
  readonly listing: SimListing;
  mirror: BookMirror;
  /** Wall time of the last books push (update or keep-alive), for the keep-alive rule. */
  lastBooksPushWallMs: number;
  lastBooks5: string;
  lastBbo: string;
  tradeSeqId: number;
  lastTrade: SimTrade | null;
  /** The latest live trades, oldest first, at most RECENT_TRADES (REST /market/trades answers from them first). */
  readonly recentTrades: SimTrade[];
  lastTickerMs: number;
  tickerDirty: boolean;
  readonly subscribers: Map<OkxPublicChannel, Set<SimSocketSink>>;
}

export class MarketHub {
  private readonly states = new Map<string, ListingState>();
  private readonly keepAlive: NodeJS.Timeout;
  private readonly onBook = (update: SimBookUpdate): void => this.bookUpdated(update);
  private readonly onTrade = (native: string, trade: SimTrade): void => this.traded(native, trade);

  constructor(
    private readonly exchange: SimExchange,
    private readonly tickers: TickerStats,
  ) {
    for (const listing of exchange.listings) {
      this.states.set(listing.native, {
        listing,
        mirror: new BookMirror(exchange.snapshot(listing.native, MIRROR_DEPTH)),
        lastBooksPushWallMs: Date.now(),
        lastBooks5: '',
        lastBbo: '',
        tradeSeqId: 0,
        lastTrade: null,
        recentTrades: [],
        lastTickerMs: 0,
        tickerDirty: false,
        subscribers: new Map(OKX_PUBLIC_CHANNELS.map((channel) => [channel, new Set<SimSocketSink>()])),
      });
    }
    exchange.on('book', this.onBook);
    exchange.on('trade', this.onTrade);
    this.keepAlive = setInterval(() => this.sendKeepAlives(), KEEPALIVE_CHECK_MS);
    this.keepAlive.unref();
  }

  has(native: string): boolean {
    return this.states.has(native);
  }

  /** Adds a subscriber and sends what the channel starts with (books: the snapshot; books5/bbo-tbt/tickers: the current state). */
  subscribe(channel: OkxPublicChannel, native: string, sink: SimSocketSink): void {
    const state = this.states.get(native);
    if (state === undefined) return;
    state.subscribers.get(channel)!.add(sink);
    const mirror = state.mirror;
    const instId = native;
    switch (channel) {
      case 'books': {
        const bids = this.levels(state, 'bid', BOOK_DEPTH);
        const asks = this.levels(state, 'ask', BOOK_DEPTH);
        const seqId = SEQ_ID_OFFSET + mirror.updateId;
        sink.send(booksFrame(instId, 'snapshot', { asks, bids, ts: msText(mirror.tsMs), checksum: okxChecksum(bids, asks), prevSeqId: -1, seqId }), 'book', native);
        break;
      }
      case 'books5':
        sink.send(this.books5Of(state), 'trade', native);
        break;
      case 'bbo-tbt':
        sink.send(this.bboOf(state), 'trade', native);
        break;
      case 'tickers':
        sink.send(tickersFrame(instId, this.tickerData(state)), 'trade', native);
        break;
      case 'trades':
        break;
    }
  }

  unsubscribe(channel: OkxPublicChannel, native: string, sink: SimSocketSink): void {
    this.states.get(native)?.subscribers.get(channel)!.delete(sink);
  }

  /** Forgets a closed connection everywhere. */
  drop(sink: SimSocketSink): void {
    for (const state of this.states.values()) for (const set of state.subscribers.values()) set.delete(sink);
  }

  /** The listing's book as its `books` subscribers hold it (REST depth answers from the same state). */
  mirrorOf(native: string): BookMirror | undefined {
    return this.states.get(native)?.mirror;
  }

  lastTradeOf(native: string): SimTrade | null {
    return this.states.get(native)?.lastTrade ?? null;
  }

  /** The latest live trades of a listing, oldest first (at most 500 are guaranteed). */
  recentTradesOf(native: string): readonly SimTrade[] {
    return this.states.get(native)?.recentTrades ?? [];
  }

  close(): void {
    clearInterval(this.keepAlive);
    this.exchange.off('book', this.onBook);
    this.exchange.off('trade', this.onTrade);
    for (const state of this.states.values()) for (const set of state.subscribers.values()) set.clear();
  }

  private bookUpdated(update: SimBookUpdate): void {
    const state = this.states.get(update.native);
    if (state === undefined) return;
    if (!state.mirror.apply(update)) {
      // Not the next update (the exchange was re-created under us): start over from its book.
      state.mirror = new BookMirror(this.exchange.snapshot(update.native, MIRROR_DEPTH));
    }
    const books = state.subscribers.get('books')!;
    if (books.size > 0) {
      const instrument = state.listing.instrument;
      // Changed levels best-first per side, as OKX lists them.
      const bids = update.changes.filter((change) => change.side === 'bid').sort((a, b) => b.priceTicks - a.priceTicks).map((change) => okxLevel(instrument, change));
      const asks = update.changes.filter((change) => change.side === 'ask').sort((a, b) => a.priceTicks - b.priceTicks).map((change) => okxLevel(instrument, change));
      const checksum = okxChecksum(this.levels(state, 'bid', CHECKSUM_DEPTH), this.levels(state, 'ask', CHECKSUM_DEPTH));
      const seqId = SEQ_ID_OFFSET + update.updateId;
      const frame = booksFrame(update.native, 'update', { asks, bids, ts: msText(update.tsMs), checksum, prevSeqId: seqId - 1, seqId });
      for (const sink of books) sink.send(frame, 'book', update.native);
      state.lastBooksPushWallMs = Date.now();
    }
    const books5 = state.subscribers.get('books5')!;
    if (books5.size > 0) {
      const frame = this.books5Of(state);
      if (frame !== state.lastBooks5) for (const sink of books5) sink.send(frame, 'trade', update.native);
    }
    const bbo = state.subscribers.get('bbo-tbt')!;
    const bboText = this.bboKey(state);
    if (bboText !== state.lastBbo) {
      state.lastBbo = bboText;
      state.tickerDirty = true;
      if (bbo.size > 0) {
        const frame = this.bboOf(state);
        for (const sink of bbo) sink.send(frame, 'trade', update.native);
      }
    }
    this.maybeTicker(state, update.tsMs);
  }

  private traded(native: string, trade: SimTrade): void {
    const state = this.states.get(native);
    if (state === undefined) return;
    state.lastTrade = trade;
    state.recentTrades.push(trade);
    if (state.recentTrades.length > RECENT_TRADES * 2) state.recentTrades.splice(0, state.recentTrades.length - RECENT_TRADES);
    state.tradeSeqId++;
    state.tickerDirty = true;
    const trades = state.subscribers.get('trades')!;
    if (trades.size > 0) {
      const instrument = state.listing.instrument;
      const frame = tradesFrame(native, {
        instId: native,
        tradeId: String(trade.tradeId),
        px: priceText(instrument, trade.priceTicks),
        sz: sizeText(instrument, trade.sizeLots),
        side: trade.takerSide,
        ts: msText(trade.tsMs),
        count: '1',
        source: '0',
        seqId: state.tradeSeqId,
      });
      for (const sink of trades) sink.send(frame, 'trade', native);
    }
    this.maybeTicker(state, trade.tsMs);
  }

  private maybeTicker(state: ListingState, tsMs: number): void {
    const tickers = state.subscribers.get('tickers')!;
    if (!state.tickerDirty || tickers.size === 0 || tsMs - state.lastTickerMs < TICKER_MIN_INTERVAL_MS) return;
    state.tickerDirty = false;
    state.lastTickerMs = tsMs;
    const frame = tickersFrame(state.listing.native, this.tickerData(state));
    for (const sink of tickers) sink.send(frame, 'trade', state.listing.native);
  }

  private tickerData(state: ListingState): ReturnType<TickerStats['ticker']> {
    return this.tickers.ticker(state.listing, state.mirror, state.lastTrade, this.exchange.nowMs());
  }

  private sendKeepAlives(): void {
    const now = Date.now();
    for (const state of this.states.values()) {
      const books = state.subscribers.get('books')!;
      if (books.size === 0 || now - state.lastBooksPushWallMs < KEEPALIVE_AFTER_MS) continue;
      const seqId = SEQ_ID_OFFSET + state.mirror.updateId;
      const checksum = okxChecksum(this.levels(state, 'bid', CHECKSUM_DEPTH), this.levels(state, 'ask', CHECKSUM_DEPTH));
      const frame = booksFrame(state.listing.native, 'update', { asks: [], bids: [], ts: msText(this.exchange.nowMs()), checksum, prevSeqId: seqId, seqId });
      for (const sink of books) sink.send(frame, 'book', state.listing.native);
      state.lastBooksPushWallMs = now;
    }
  }

  private levels(state: ListingState, side: 'bid' | 'ask', depth: number): OkxLevel[] {
    const instrument = state.listing.instrument;
    return state.mirror.top(side, depth).map((level: SimLevel) => okxLevel(instrument, level));
  }

  private books5Of(state: ListingState): string {
    const frame = books5Frame(
      state.listing.native,
      this.levels(state, 'ask', BOOKS5_DEPTH),
      this.levels(state, 'bid', BOOKS5_DEPTH),
      msText(state.mirror.tsMs),
      SEQ_ID_OFFSET + state.mirror.updateId,
    );
    state.lastBooks5 = frame;
    return frame;
  }

  private bboKey(state: ListingState): string {
    const bid = state.mirror.top('bid', 1)[0];
    const ask = state.mirror.top('ask', 1)[0];
    return `${bid?.priceTicks}:${bid?.sizeLots}:${ask?.priceTicks}:${ask?.sizeLots}`;
  }

  private bboOf(state: ListingState): string {
    return bboFrame(
      state.listing.native,
      this.levels(state, 'ask', 1)[0],
      this.levels(state, 'bid', 1)[0],
      msText(state.mirror.tsMs),
      SEQ_ID_OFFSET + state.mirror.updateId,
    );
  }
}
