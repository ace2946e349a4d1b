// Typed rows of the store's logical tables: what the engine writes and what a read gives back.
//
// Prices, sizes and amounts are canonical decimal strings ("0.3521", "100", "-1.5": no exponent,
// no trailing zeros), never floats; a store keeps them exact (DECIMAL(38,18) columns). Timestamps
// are epoch nanoseconds as bigint (TIMESTAMP_NS columns); `null` where the source sent no time.

/** Taker side of a trade; 'unknown' only where the venue does not say (no invented defaults). */
export type TradeSide = 'buy' | 'sell' | 'unknown';

/** Side of an order or fill: ours, always known. */
export type OrderSide = 'buy' | 'sell';

/** One print on a venue. Natural key: (venue, symbol, tradeId, tsEventNs). */
export interface TradeRow {
  /** Venue id (`binance`, `bybit` ...). */
  venue: string;
  /** Canonical symbol (`BTC-USDT`, `BTC-USDT-PERP`). */
  symbol: string;
  /** The venue's trade id as sent (see docs/storage.md for trades without one). */
  tradeId: string;
  price: string;
  size: string;
  side: TradeSide;
  /** Venue trade time; a venue that sends none gets our receive time and flag NO_EVENT_TIME. */
  tsEventNs: bigint;
  tsRecvNs: bigint;
  /** RecordFlag bits of the source record (REPLAY, NO_EVENT_TIME). */
  flags: number;
}

/** Best bid and offer from a venue's top-of-book channel. Natural key: (venue, symbol, tsRecvNs, seq). */
export interface QuoteRow {
  venue: string;
  symbol: string;
  /** An empty side is "0" price and "0" size, as the venue reported it. */
  bidPrice: string;
  bidSize: string;
  askPrice: string;
  askSize: string;
  /** Venue time of the quote; null where the venue sends none (Binance spot bookTicker). */
  tsEventNs: bigint | null;
  /** Our receive time of the frame that carried the quote. */
  tsRecvNs: bigint;
  /** Ordinal of this quote among the quotes of its instrument in the same received frame (0, 1 ...). */
  seq: number;
  flags: number;
}

/** One price level: [price, size]. */
export type BookLevel = readonly [price: string, size: string];

/** Top N levels of one book at one moment. Natural key: (venue, symbol, tsRecvNs). */
export interface BookSnapshotRow {
  venue: string;
  symbol: string;
  tsEventNs: bigint | null;
  tsRecvNs: bigint;
  /** Levels asked for per side (a side may hold fewer). */
  depth: number;
  /** Best first. */
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
  flags: number;
}

/** One OHLCV bar. Natural key: (venue, symbol, timeframe, tsOpenNs); a later write replaces the bar. */
export interface CandleRow {
  venue: string;
  symbol: string;
  /** Bar length as text (`1s`, `1m`, `1h`, `1d`). */
  timeframe: string;
  /** Start of the bar. */
  tsOpenNs: bigint;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** Trades in the bar where the source counted them (Binance, our own candles); null where the venue does not say. */
  tradeCount: number | null;
}

/** One state of one order (every change is a new revision). Natural key: (venue, clientOrderId, revision, tsEventNs). */
export interface OrderRow {
  venue: string;
  symbol: string;
  clientOrderId: string;
  venueOrderId: string | null;
  /** 0 for the first state of the order, +1 per change. */
  revision: number;
  side: OrderSide;
  /** `limit`, `market`, `stop_limit` ... */
  orderType: string;
  /** `gtc`, `ioc`, `fok`, `post_only`; null where it does not apply (market). */
  timeInForce: string | null;
  price: string | null;
  quantity: string;
  filledQuantity: string;
  /** `new`, `accepted`, `partially_filled`, `filled`, `canceled`, `rejected`, `expired`. */
  status: string;
  tsEventNs: bigint;
}

/** One execution of one of our orders. Natural key: (venue, symbol, fillId, tsEventNs). */
export interface FillRow {
  venue: string;
  symbol: string;
  /** The venue's execution / trade id. */
  fillId: string;
  clientOrderId: string;
  venueOrderId: string | null;
  side: OrderSide;
  price: string;
  size: string;
  fee: string | null;
  feeCurrency: string | null;
  liquidity: 'maker' | 'taker' | 'unknown';
  tsEventNs: bigint;
  tsRecvNs: bigint;
}

/** One audit event (operator action, risk decision, configuration change). Natural key: (source, seq, tsNs). */
export interface AuditRow {
  tsNs: bigint;
  /** Component that wrote it (`oms`, `risk`, `gateway:fix` ...). */
  source: string;
  /** Per-source sequence number, so two events in the same nanosecond stay apart. */
  seq: number;
  /** Event name (`order_rejected`, `kill_switch` ...). */
  event: string;
  /** Event details as JSON text. */
  detail: string;
}

/**
 * Rows for any of the tables, written as one unit: one DuckDB transaction, one ILP/HTTP request
 * (QuestDB). Absent or empty lists are skipped.
 */
export interface StoreBatch {
  trades?: readonly TradeRow[];
  quotes?: readonly QuoteRow[];
  bookSnapshots?: readonly BookSnapshotRow[];
  candles?: readonly CandleRow[];
  orders?: readonly OrderRow[];
  fills?: readonly FillRow[];
  audit?: readonly AuditRow[];
}

/** Rows in a batch, over every table. */
export function batchRowCount(batch: StoreBatch): number {
  return (
    (batch.trades?.length ?? 0) +
    (batch.quotes?.length ?? 0) +
    (batch.bookSnapshots?.length ?? 0) +
    (batch.candles?.length ?? 0) +
    (batch.orders?.length ?? 0) +
    (batch.fills?.length ?? 0) +
    (batch.audit?.length ?? 0)
  );
}
