// Wire shapes of the Coinbase Advanced Trade market-data WebSocket and the public products REST response.

/*
 * Written from the channel docs (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels)
 * and checked against the recorded session (../shared/data/recordings/COINBASE.jsonl.gz). Every
 * number the venue sends as a decimal string stays a string here: it is parsed straight to a
 * fixed-point mantissa, never through a float.
 */

/** Channels the server names in `channel` (the `level2` subscription answers as `l2_data`). */
export type CoinbaseChannel = 'l2_data' | 'market_trades' | 'ticker' | 'ticker_batch' | 'candles' | 'heartbeats' | 'status' | 'subscriptions';

/** Channels a client subscribes to (one per subscribe message). */
export type CoinbaseSubscriptionChannel = 'level2' | 'market_trades' | 'ticker' | 'ticker_batch' | 'candles' | 'heartbeats' | 'status';

/** Every server message: `sequence_num` counts messages on the connection, across all channels. */
export interface CoinbaseEnvelope<TChannel extends CoinbaseChannel, TEvent> {
  channel: TChannel;
  /** Sent empty on public channels. */
  client_id?: string;
  /** Send time, RFC 3339 with up to nine fraction digits: `2026-08-09T21:05:48.228568804Z`. */
  timestamp: string;
  sequence_num: number;
  events: TEvent[];
}

/** `snapshot` is the full state on subscribe; `update` follows it. */
export type CoinbaseEventType = 'snapshot' | 'update';

/** One changed price level: `new_quantity` is the level's new total size ("0" removes it), not a delta. */
export interface CoinbaseLevel2Update {
  side: 'bid' | 'offer';
  /** Matching-engine time of this change (microseconds); the book's event time is the latest of its levels'. */
  event_time: string;
  price_level: string;
  new_quantity: string;
}

export interface CoinbaseLevel2Event {
  type: CoinbaseEventType;
  product_id: string;
  updates: CoinbaseLevel2Update[];
}

export type CoinbaseLevel2Message = CoinbaseEnvelope<'l2_data', CoinbaseLevel2Event>;

/** One public trade. `side` is the MAKER's side (the resting order), see docs/venues/coinbase.md. */
export interface CoinbaseMarketTrade {
  trade_id: string;
  product_id: string;
  price: string;
  size: string;
  side: 'BUY' | 'SELL';
  /** Execution time, RFC 3339 (microseconds in the recording). */
  time: string;
}

export interface CoinbaseMarketTradesEvent {
  /** `snapshot` replays recent history on subscribe; `update` carries new trades (batched over 250 ms, newest first). */
  type: CoinbaseEventType;
  trades: CoinbaseMarketTrade[];
}

export type CoinbaseMarketTradesMessage = CoinbaseEnvelope<'market_trades', CoinbaseMarketTradesEvent>;

/** One product's ticker. The best bid/ask fields are what this adapter reads; the rest is 24 h statistics. */
export interface CoinbaseTicker {
  type: 'ticker';
  product_id: string;
  price: string;
  volume_24_h: string;
  low_24_h: string;
  high_24_h: string;
  low_52_w: string;
  high_52_w: string;
  price_percent_chg_24_h: string;
  /** Optional in the docs' older examples: a ticker without all four yields no BBO (no invented sizes). */
  best_bid?: string;
  best_ask?: string;
  best_bid_quantity?: string;
  best_ask_quantity?: string;
}

export interface CoinbaseTickerEvent {
  type: CoinbaseEventType;
  tickers: CoinbaseTicker[];
}

export type CoinbaseTickerMessage = CoinbaseEnvelope<'ticker', CoinbaseTickerEvent>;

/** Sent every second once subscribed; keeps quiet subscriptions open. */
export interface CoinbaseHeartbeatEvent {
  /** Go-formatted server time (`2026-08-09 21:05:48.854840045 +0000 UTC m=+41691.26`), not parsed. */
  current_time: string;
  /** A number in the recording, a string in the docs' example. */
  heartbeat_counter: number | string;
}

export type CoinbaseHeartbeatMessage = CoinbaseEnvelope<'heartbeats', CoinbaseHeartbeatEvent>;

/** The connection's subscriptions after each subscribe/unsubscribe: channel → product ids. */
export interface CoinbaseSubscriptionsEvent {
  subscriptions: Partial<Record<CoinbaseSubscriptionChannel, string[]>>;
}

export type CoinbaseSubscriptionsMessage = CoinbaseEnvelope<'subscriptions', CoinbaseSubscriptionsEvent>;

/** Five-minute candles; understood and deliberately ignored. */
export interface CoinbaseCandle {
  start: string;
  high: string;
  low: string;
  open: string;
  close: string;
  volume: string;
  product_id: string;
}

export interface CoinbaseCandlesEvent {
  type: CoinbaseEventType;
  candles: CoinbaseCandle[];
}

export type CoinbaseCandlesMessage = CoinbaseEnvelope<'candles', CoinbaseCandlesEvent>;

/** What the server sends when it rejects a request (`{"type":"error","message":"Failed to subscribe","reason":...}`). */
export interface CoinbaseErrorMessage {
  type: 'error';
  message: string;
  reason?: string;
  /** Not documented on errors; read when present so the connection sequence stays whole. */
  sequence_num?: number;
}

/** Client → server: one channel per message. */
export interface CoinbaseSubscribeRequest {
  type: 'subscribe' | 'unsubscribe';
  product_ids: string[];
  channel: CoinbaseSubscriptionChannel;
}

/** One product of `GET /api/v3/brokerage/market/products` (the fields this adapter reads, plus the flags it checks). */
export interface CoinbaseProduct {
  product_id: string;
  base_currency_id: string;
  quote_currency_id: string;
  /** Price tick, e.g. "0.01". */
  price_increment: string;
  /** Size step in the base currency, e.g. "0.00000001". */
  base_increment: string;
  quote_increment: string;
  /** `online`, `delisted` ... */
  status: string;
  trading_disabled: boolean;
  is_disabled: boolean;
  cancel_only: boolean;
  view_only: boolean;
  limit_only: boolean;
  post_only: boolean;
  auction_mode: boolean;
  /** `SPOT` or `FUTURE`. */
  product_type: string;
  /** Non-empty when this product is another product's book under a second name (BTC-USDC → BTC-USD). */
  alias: string;
  alias_to: string[];
}

export interface CoinbaseProductsResponse {
  products: CoinbaseProduct[];
  num_products?: number;
  pagination?: { prev_cursor: string; next_cursor: string; has_next: boolean; has_prev: boolean };
}

/** A decoded JSON value whose keys are those of T, with values not yet checked. */
export type Unverified<T> = { [K in keyof T]?: unknown };
