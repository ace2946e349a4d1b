// Test harness: the venue-backed order-entry handler on ccxt confined to the exchange simulator, its events, and book prices from the simulator.
import ccxt, { type Exchange } from 'ccxt';
import { createVenueOrderEntryHandler, type LiveVenue, type VenueOrderEntryHandler } from '../../../src/gateway/orders/venue-order-entry-handler.js';
import type { OrderEntryEvent } from '../../../src/gateway/orders/order-entry-handler.js';
import { priceText, sizeText } from '../../../src/sim/market/sim-instrument.js';
import type { SimInstrument } from '../../../src/sim/market/sim-market-types.js';
import type { RunningSimulator } from '../../../src/sim/start-simulator.js';
import { confineToSimulator } from '../../helpers/ccxt-confine.js';

/** The simulator's native symbol of BTC-USDT per venue. */
export const NATIVE: Readonly<Record<LiveVenue, string>> = { binance: 'BTCUSDT', okx: 'BTC-USDT', bybit: 'BTCUSDT', coinbase: 'BTC-USD' };
/** The canonical symbols the handler trades per venue (the Coinbase simulator lists USD pairs). */
export const SYMBOLS: Readonly<Record<LiveVenue, readonly string[]>> = { binance: ['BTC-USDT', 'ETH-USDT'], okx: ['BTC-USDT', 'ETH-USDT'], bybit: ['BTC-USDT', 'ETH-USDT'], coinbase: ['BTC-USD', 'ETH-USD'] };

export interface LiveHarness {
  readonly handler: VenueOrderEntryHandler;
  readonly events: OrderEntryEvent[];
  readonly requests: string[];
  readonly instrument: SimInstrument;
  /** The next event (from `from` on) that matches. */
  waitForEvent(match: (event: OrderEntryEvent) => boolean, timeoutMs?: number, from?: number): Promise<OrderEntryEvent>;
  /** Events of one client order id so far. */
  eventsOf(clientOrderId: string): OrderEntryEvent[];
  /** Best bid and ask of BTC-USDT on the simulator now, as text and ticks. */
  top(): { bid: string; ask: string; bidTicks: number; askTicks: number; bidLots: number; askLots: number };
  price(ticks: number): string;
  size(lots: number): string;
  close(): Promise<void>;
}

export function confinedExchange(simulator: RunningSimulator, venue: LiveVenue, requests: string[], timeoutMs = 10_000): Exchange {
  const endpoints = simulator.endpoints[venue]!;
  const credentials = { apiKey: endpoints.apiKey, secret: endpoints.secret, password: endpoints.password ?? '', timeout: timeoutMs };
  const classes = { binance: ccxt.binance, okx: ccxt.okx, bybit: ccxt.bybit, coinbase: ccxt.coinbase };
  const exchange = venue === 'binance' ? new ccxt.binance({ ...credentials, options: { fetchMarkets: { types: ['spot'] } } }) : new classes[venue](credentials);
  confineToSimulator(exchange, endpoints.rest, endpoints.ws, { requests, describe: (method, url) => `${method} ${new URL(url).pathname}` });
  return exchange;
}

export async function startLiveHandler(
  simulator: RunningSimulator,
  venue: LiveVenue,
  options: { pollIntervalMs?: number; timeoutMs?: number; reconcileDelayMs?: number } = {},
): Promise<LiveHarness> {
  const requests: string[] = [];
  const handler = await createVenueOrderEntryHandler({
    venue,
    exchange: () => confinedExchange(simulator, venue, requests, options.timeoutMs),
    symbols: SYMBOLS[venue],
    pollIntervalMs: options.pollIntervalMs ?? 200,
    retry: { baseBackoffMs: 100, maxBackoffMs: 500, ...(options.reconcileDelayMs === undefined ? {} : { reconcileDelayMs: options.reconcileDelayMs }) },
  });
  const events: OrderEntryEvent[] = [];
  const waiters: { match: (event: OrderEntryEvent) => boolean; resolve: (event: OrderEntryEvent) => void }[] = [];
  handler.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const exchange = simulator.exchange(venue);
  const instrument = exchange.listing(NATIVE[venue])!.instrument;
  return {
    handler,
    events,
    requests,
    instrument,
    waitForEvent(match, timeoutMs = 20_000, from = 0) {
      const seen = events.slice(from).find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event in ${timeoutMs} ms; events: ${JSON.stringify(events.map((event) => [event.kind, 'order' in event ? event.order?.clientOrderId : null]))}`)), timeoutMs);
        waiters.push({ match, resolve: (event) => (clearTimeout(timer), resolve(event)) });
      });
    },
    eventsOf(clientOrderId) {
      return events.filter((event) => ('order' in event && event.order?.clientOrderId === clientOrderId) || (event.kind === 'cancel_rejected' && event.clientOrderId === clientOrderId));
    },
    top() {
      const book = exchange.snapshot(NATIVE[venue], 1);
      const bid = book.bids[0]!;
      const ask = book.asks[0]!;
      return { bid: priceText(instrument, bid.priceTicks), ask: priceText(instrument, ask.priceTicks), bidTicks: bid.priceTicks, askTicks: ask.priceTicks, bidLots: bid.sizeLots, askLots: ask.sizeLots };
    },
    price: (ticks) => priceText(instrument, ticks),
    size: (lots) => sizeText(instrument, lots),
    close: () => handler.close(),
  };
}
