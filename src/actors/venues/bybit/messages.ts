// Typed wire shapes of the Bybit v5 public WebSocket frames and REST responses this adapter reads.

/*
 * Shapes as documented (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook,
 * .../public/trade, .../public/ticker, https://bybit-exchange.github.io/docs/v5/ws/connect) and as
 * seen in the recorded session of 2026-08-09. Numbers the venue sends as JSON strings (prices,
 * sizes) stay `string` here: they are parsed to fixed point, never to floats. Fields are optional
 * where the venue omits them (linear ticker deltas carry only what changed).
 */

/** `[price, size]`, both decimal text; size "0" deletes the level. */
export type BybitLevel = [price: string, size: string];

/** `orderbook.{depth}.{symbol}`: a full book (`snapshot`) or the levels that changed (`delta`). */
export interface BybitOrderbookMessage {
  topic: string;
  type: 'snapshot' | 'delta';
  /** When Bybit's system generated the message (ms). */
  ts: number;
  data: {
    /** Native symbol. */
    s: string;
    /** Bids, price descending in snapshots. */
    b: BybitLevel[];
    /** Asks, price ascending in snapshots. */
    a: BybitLevel[];
    /** Update id: +1 per message of one subscription; 1 after a service restart (then it is a full book). */
    u: number;
    /** Cross sequence (shared with trades and other depths); not contiguous per book. */
    seq: number;
  };
  /** Matching-engine time of this book state (ms); comparable with trade `T`. */
  cts?: number;
}

/** One trade of a `publicTrade.{symbol}` message. */
export interface BybitTrade {
  /** Fill time (ms), matching engine. */
  T: number;
  s: string;
  /** Taker side. */
  S: 'Buy' | 'Sell';
  /** Size. */
  v: string;
  /** Price. */
  p: string;
  /** Tick direction (derivatives only). */
  L?: string;
  /** Trade id: a UUID on linear, a decimal number as text on spot. */
  i: string;
  /** Block trade. */
  BT: boolean;
  /** Retail-price-improvement trade. */
  RPI?: boolean;
  seq?: number;
}

export interface BybitTradeMessage {
  topic: string;
  type: 'snapshot';
  ts: number;
  data: BybitTrade[];
}

/**
 * `tickers.{symbol}`. Linear sends a snapshot then deltas with only the changed fields; spot sends
 * snapshots without any best bid/offer fields. Only the four top-of-book fields are read here.
 */
export interface BybitTickerMessage {
  topic: string;
  type: 'snapshot' | 'delta';
  ts: number;
  /** Cross sequence. */
  cs?: number;
  data: {
    symbol: string;
    bid1Price?: string;
    bid1Size?: string;
    ask1Price?: string;
    ask1Size?: string;
    /** Every other ticker field (last price, funding, open interest ...), unused. */
    [field: string]: string | undefined;
  };
}

/** Reply to subscribe/unsubscribe, and the public pong (`op` "ping", `ret_msg` "pong"). */
export interface BybitOperationResponse {
  success: boolean;
  ret_msg: string;
  conn_id: string;
  req_id?: string;
  op: 'subscribe' | 'unsubscribe' | 'ping';
}

/** Pong of the private and option/spread streams, accepted as a heartbeat too. */
export interface BybitPongMessage {
  op: 'pong';
  args?: string[];
  conn_id?: string;
  req_id?: string;
}

/** What this adapter sends: subscribe/unsubscribe requests and the ping heartbeat. */
export interface BybitRequest {
  op: 'subscribe' | 'unsubscribe' | 'ping';
  args?: string[];
  req_id?: string;
}

/** GET /v5/market/instruments-info, category `linear`: one contract. */
export interface BybitLinearInstrument {
  symbol: string;
  /** `LinearPerpetual` or `LinearFutures` (dated). */
  contractType: string;
  /** `Trading`, `PreLaunch`, `Delivering`, `Closed`. */
  status: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin: string;
  /** Delivery time (ms) of a dated future as text, "0" for perpetuals. */
  deliveryTime: string;
  priceFilter: { minPrice: string; maxPrice: string; tickSize: string };
  /** Quantities are in base coin: `qtyStep` is the size increment. */
  lotSizeFilter: { qtyStep: string; minOrderQty: string; maxOrderQty: string };
}

/** GET /v5/market/instruments-info, category `spot`: one pair. */
export interface BybitSpotInstrument {
  symbol: string;
  status: string;
  baseCoin: string;
  quoteCoin: string;
  priceFilter: { tickSize: string };
  /** `basePrecision` is the size increment in base coin. */
  lotSizeFilter: { basePrecision: string; minOrderQty: string; maxOrderQty: string };
}

export interface BybitInstrumentsResponse<Item> {
  /** 0 on success. */
  retCode: number;
  retMsg: string;
  result: {
    category: 'linear' | 'spot';
    list: Item[];
    /** Linear is paginated (limit up to 1000); spot returns everything at once. */
    nextPageCursor?: string;
  };
  time: number;
}
