// Builds a SimExchange over one scripted BTC-USDT book (65000.00 ± a few ticks) for the matching unit tests, and records its events.
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange, SimExchangeEvents } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import type { SimInstrument } from '../../../../src/sim/market/sim-market-types.js';
import type { SimAccountSpec, SimOrderRequest } from '../../../../src/sim/matching/matching-types.js';
import { staticMarket, TEST_BTC_USDT, type StaticBook, type StaticMarketScript } from '../../../helpers/sim-static-book.js';

export const START_MS = Date.UTC(2025, 0, 1);
export const ACCOUNT = 'alice';
export const BID = 6_499_999;
export const ASK = 6_500_001;

export const DEFAULT_SCRIPT: StaticMarketScript = {
  bids: [
    { priceTicks: BID, sizeLots: 10_000 },
    { priceTicks: BID - 1, sizeLots: 20_000 },
    { priceTicks: BID - 4, sizeLots: 50_000 },
  ],
  asks: [
    { priceTicks: ASK, sizeLots: 10_000 },
    { priceTicks: ASK + 1, sizeLots: 20_000 },
    { priceTicks: ASK + 4, sizeLots: 50_000 },
  ],
};

export const ALICE: SimAccountSpec = {
  accountId: ACCOUNT,
  apiKey: 'alice-key',
  secret: 'alice-secret',
  passphrase: null,
  balances: { USDT: '100000', BTC: '2' },
};

export type RecordedEvent = { [K in keyof SimExchangeEvents]: { type: K; args: SimExchangeEvents[K] } }[keyof SimExchangeEvents];

export interface Fixture {
  readonly exchange: SimExchange;
  readonly events: RecordedEvent[];
  readonly book: StaticBook;
}

export function createFixture(
  options: { script?: StaticMarketScript; instrument?: SimInstrument; accounts?: SimAccountSpec[] } = {},
): Fixture {
  const instrument = options.instrument ?? TEST_BTC_USDT;
  const market = staticMarket({ [instrument.canonical]: options.script ?? DEFAULT_SCRIPT });
  const exchange = createSimExchange({
    venue: 'binance',
    seed: 1,
    startMs: START_MS,
    listings: [{ instrument, native: 'BTCUSDT', category: 'spot' }],
    accounts: options.accounts ?? [ALICE],
    market,
  });
  const events: RecordedEvent[] = [];
  for (const type of ['book', 'trade', 'order', 'fill', 'balance'] as const) {
    exchange.on(type, (...args: unknown[]) => events.push({ type, args } as RecordedEvent));
  }
  return { exchange, events, book: market.books.get(instrument.canonical)! };
}

export function limit(side: 'buy' | 'sell', priceTicks: number, sizeLots: number, extra: Partial<SimOrderRequest> = {}): SimOrderRequest {
  return { canonical: 'BTC-USDT', side, type: 'limit', timeInForce: 'GTC', postOnly: false, priceTicks, sizeLots, ...extra };
}

export function market(side: 'buy' | 'sell', size: { sizeLots: number } | { quoteSize: string }, extra: Partial<SimOrderRequest> = {}): SimOrderRequest {
  return { canonical: 'BTC-USDT', side, type: 'market', timeInForce: 'IOC', postOnly: false, ...size, ...extra };
}

/** The account's balance of one asset as [free, locked] text. */
export function balanceOf(exchange: SimExchange, asset: string, accountId = ACCOUNT): [string, string] {
  const balance = exchange.balances(accountId).find((entry) => entry.asset === asset);
  return balance === undefined ? ['0', '0'] : [balance.free, balance.locked];
}
