// The market streams of one simulated Binance: exchange book and trade events turned into stream payloads for the subscribed connections.
import type { SimBookUpdate, SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import { DepthBatch } from './depth-batch.js';
import type { BinanceStream } from './stream-names.js';
import { aggTradePayload, bookTickerPayload, depthUpdatePayload, partialDepthPayload, tradePayload } from './stream-payloads.js';

/*
 * Payload text is built once per event and handed to every subscriber of the stream (each
 * connection wraps it for combined streams itself). Update speeds, as Binance documents them:
 *   depth / depth@100ms      one event per 1000 / 100 ms with everything that changed (DepthBatch);
 *   depthN / depthN@100ms    the top N levels every 1000 / 100 ms;
 *   bookTicker               on every change of the best bid or ask, with the update id;
 *   aggTrade / trade         on every trade.
 * Depth intervals run on the wall clock (two interval timers), so a test that stops the exchange
 * sees the last batch leave within one interval.
 */

/** Who receives a stream's payloads: one WebSocket connection. */
export interface StreamReceiver {
  /** `kind` tells the fault layer what the frame is; `key` its listing (native symbol). */
  deliver(stream: string, payload: string, kind: 'book' | 'trade' | 'private', key: string): void;
}

interface Subscription {
  readonly stream: BinanceStream;
  readonly receivers: Set<StreamReceiver>;
}

interface BestLevels {
  bidTicks: number;
  bidLots: number;
  askTicks: number;
  askLots: number;
}

const SPEEDS = [100, 1000] as const;

export class BinanceMarketStreams {
  /** By stream name as the clients spelled it. */
  private readonly subscriptions = new Map<string, Subscription>();
  /** Stream names per native symbol. */
  private readonly bySymbol = new Map<string, Set<string>>();
  /** Per speed, per native symbol: the diff updates gathered since the last event. */
  private readonly batches = new Map<100 | 1000, Map<string, DepthBatch>>(SPEEDS.map((speed) => [speed, new Map()]));
  /** Last best bid/ask sent per native symbol on bookTicker. */
  private readonly lastBest = new Map<string, BestLevels>();
  private readonly timers: NodeJS.Timeout[];
  private readonly onBook = (update: SimBookUpdate): void => this.handleBook(update);
  private readonly onTrade = (native: string, trade: SimTrade): void => this.handleTrade(native, trade);

  constructor(private readonly exchange: SimExchange) {
    exchange.on('book', this.onBook);
    exchange.on('trade', this.onTrade);
    this.timers = SPEEDS.map((speed) => {
      const timer = setInterval(() => this.flush(speed), speed);
      timer.unref();
      return timer;
    });
  }

  subscribe(name: string, stream: BinanceStream, receiver: StreamReceiver): void {
    let subscription = this.subscriptions.get(name);
    if (subscription === undefined) {
      subscription = { stream, receivers: new Set() };
      this.subscriptions.set(name, subscription);
      let names = this.bySymbol.get(stream.symbol);
      if (names === undefined) {
        names = new Set();
        this.bySymbol.set(stream.symbol, names);
      }
      names.add(name);
    }
    subscription.receivers.add(receiver);
  }

  unsubscribe(name: string, receiver: StreamReceiver): void {
    const subscription = this.subscriptions.get(name);
    if (subscription === undefined) return;
    subscription.receivers.delete(receiver);
    if (subscription.receivers.size > 0) return;
    this.subscriptions.delete(name);
    const { stream } = subscription;
    const names = this.bySymbol.get(stream.symbol);
    names?.delete(name);
    if (names?.size === 0) {
      this.bySymbol.delete(stream.symbol);
      this.lastBest.delete(stream.symbol);
    }
    // A batch nobody receives would later cover ids whose changes it missed: drop it.
    if (stream.kind === 'depth' && !this.hasDepthSubscriber(stream.symbol, stream.speedMs)) this.batches.get(stream.speedMs)!.delete(stream.symbol);
  }

  private hasDepthSubscriber(symbol: string, speedMs: 100 | 1000): boolean {
    for (const [, { stream }] of this.subscriptionsOf(symbol)) if (stream.kind === 'depth' && stream.speedMs === speedMs) return true;
    return false;
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.exchange.off('book', this.onBook);
    this.exchange.off('trade', this.onTrade);
    this.subscriptions.clear();
    this.bySymbol.clear();
  }

  private *subscriptionsOf(symbol: string): Generator<[string, Subscription]> {
    const names = this.bySymbol.get(symbol);
    if (names === undefined) return;
    for (const name of names) yield [name, this.subscriptions.get(name)!];
  }

  private handleBook(update: SimBookUpdate): void {
    let bookTicker = false;
    for (const [, { stream }] of this.subscriptionsOf(update.native)) {
      if (stream.kind === 'depth') this.batchOf(stream.speedMs, update.native).add(update);
      else if (stream.kind === 'bookTicker') bookTicker = true;
    }
    if (bookTicker) this.sendBookTicker(update);
  }

  private batchOf(speed: 100 | 1000, native: string): DepthBatch {
    const batches = this.batches.get(speed)!;
    let batch = batches.get(native);
    if (batch === undefined) {
      batch = new DepthBatch();
      batches.set(native, batch);
    }
    return batch;
  }

  private sendBookTicker(update: SimBookUpdate): void {
    const listing = this.exchange.listing(update.native);
    if (listing === undefined) return;
    const top = this.exchange.snapshot(update.native, 1);
    const bid = top.bids[0];
    const ask = top.asks[0];
    if (bid === undefined || ask === undefined) return;
    const last = this.lastBest.get(update.native);
    if (last !== undefined && last.bidTicks === bid.priceTicks && last.bidLots === bid.sizeLots && last.askTicks === ask.priceTicks && last.askLots === ask.sizeLots) return;
    this.lastBest.set(update.native, { bidTicks: bid.priceTicks, bidLots: bid.sizeLots, askTicks: ask.priceTicks, askLots: ask.sizeLots });
    const payload = bookTickerPayload(listing.instrument, update.native, update.updateId, bid, ask);
    for (const [name, { stream, receivers }] of this.subscriptionsOf(update.native)) {
      if (stream.kind !== 'bookTicker') continue;
      for (const receiver of receivers) receiver.deliver(name, payload, 'trade', update.native);
    }
  }

  private handleTrade(native: string, trade: SimTrade): void {
    const listing = this.exchange.listing(native);
    if (listing === undefined || !this.bySymbol.has(native)) return;
    let aggTrade: string | undefined;
    let plain: string | undefined;
    for (const [name, { stream, receivers }] of this.subscriptionsOf(native)) {
      let payload: string;
      if (stream.kind === 'aggTrade') payload = aggTrade ??= aggTradePayload(listing.instrument, native, trade.tsMs, trade);
      else if (stream.kind === 'trade') payload = plain ??= tradePayload(listing.instrument, native, trade.tsMs, trade);
      else continue;
      for (const receiver of receivers) receiver.deliver(name, payload, 'trade', native);
    }
  }

  /** One interval's end: the diff events gathered, then the partial books. */
  private flush(speed: 100 | 1000): void {
    for (const [native, batch] of this.batches.get(speed)!) {
      const event = batch.take();
      const listing = this.exchange.listing(native);
      if (event === null || listing === undefined) continue;
      const payload = depthUpdatePayload(listing.instrument, native, event.eventMs, event.firstUpdateId, event.finalUpdateId, event.levels);
      for (const [name, { stream, receivers }] of this.subscriptionsOf(native)) {
        if (stream.kind !== 'depth' || stream.speedMs !== speed) continue;
        for (const receiver of receivers) receiver.deliver(name, payload, 'book', native);
      }
    }
    for (const [name, { stream, receivers }] of this.subscriptions) {
      if (stream.kind !== 'partialDepth' || stream.speedMs !== speed) continue;
      const listing = this.exchange.listing(stream.symbol);
      if (listing === undefined) continue;
      const snapshot = this.exchange.snapshot(stream.symbol, stream.levels);
      const payload = partialDepthPayload(listing.instrument, snapshot.updateId, snapshot);
      for (const receiver of receivers) receiver.deliver(name, payload, 'book', stream.symbol);
    }
  }
}
