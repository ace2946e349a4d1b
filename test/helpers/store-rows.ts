// Sample rows of every store table, for store and recorder tests.
import type { AuditRow, BookSnapshotRow, CandleRow, FillRow, OrderRow, QuoteRow, StoreBatch, TradeRow } from '../../src/store/store-rows.js';

const BASE_NS = 1_760_000_000_123_456_789n;

export function sampleTrade(index: number, overrides: Partial<TradeRow> = {}): TradeRow {
  return {
    venue: 'binance',
    symbol: 'BTC-USDT',
    tradeId: String(1000 + index),
    price: `${60000 + index}.5`,
    size: '0.00012345',
    side: index % 2 === 0 ? 'buy' : 'sell',
    tsEventNs: BASE_NS + BigInt(index) * 1_000_000n,
    tsRecvNs: BASE_NS + BigInt(index) * 1_000_000n + 777n,
    flags: 0,
    ...overrides,
  };
}

export function sampleQuote(index: number, overrides: Partial<QuoteRow> = {}): QuoteRow {
  return {
    venue: 'bybit',
    symbol: 'ETH-USDT-PERP',
    bidPrice: '3000.01',
    bidSize: '12.5',
    askPrice: '3000.02',
    askSize: '0.001',
    tsEventNs: index % 3 === 0 ? null : BASE_NS + BigInt(index),
    tsRecvNs: BASE_NS + BigInt(index) * 10n,
    seq: 0,
    flags: 2,
    ...overrides,
  };
}

export const SAMPLE_BOOK: BookSnapshotRow = {
  venue: 'coinbase',
  symbol: 'BTC-USD',
  tsEventNs: null,
  tsRecvNs: BASE_NS,
  depth: 3,
  bids: [
    ['100.5', '1'],
    ['100.25', '0.000000000000000001'],
  ],
  asks: [['101', '99999999999999999999.999999999999999999']],
  flags: 0,
};

export const SAMPLE_CANDLE: CandleRow = {
  venue: 'okx',
  symbol: 'BTC-USDT',
  timeframe: '1m',
  tsOpenNs: 1_760_000_040_000_000_000n,
  open: '1',
  high: '2.5',
  low: '0.5',
  close: '2',
  volume: '10.125',
  tradeCount: 42,
};

export const SAMPLE_ORDER: OrderRow = {
  venue: 'binance',
  symbol: 'BTC-USDT',
  clientOrderId: 'zvt-1',
  venueOrderId: null,
  revision: 0,
  side: 'buy',
  orderType: 'limit',
  timeInForce: 'gtc',
  price: '60000',
  quantity: '0.5',
  filledQuantity: '0',
  status: 'new',
  tsEventNs: BASE_NS,
};

export const SAMPLE_FILL: FillRow = {
  venue: 'binance',
  symbol: 'BTC-USDT',
  fillId: 'f-1',
  clientOrderId: 'zvt-1',
  venueOrderId: '123',
  side: 'buy',
  price: '59999.99',
  size: '0.25',
  fee: '-0.0001',
  feeCurrency: 'BNB',
  liquidity: 'maker',
  tsEventNs: BASE_NS + 5n,
  tsRecvNs: BASE_NS + 9n,
};

export const SAMPLE_AUDIT: AuditRow = { tsNs: BASE_NS, source: 'risk', seq: 7, event: 'order_rejected', detail: '{"reason":"max notional"}' };

/** One row of every table plus `trades` trades and `quotes` quotes. */
export function sampleBatch(trades: number, quotes: number): StoreBatch {
  return {
    trades: Array.from({ length: trades }, (_, index) => sampleTrade(index)),
    quotes: Array.from({ length: quotes }, (_, index) => sampleQuote(index)),
    bookSnapshots: [SAMPLE_BOOK],
    candles: [SAMPLE_CANDLE],
    orders: [SAMPLE_ORDER],
    fills: [SAMPLE_FILL],
    audit: [SAMPLE_AUDIT],
  };
}
