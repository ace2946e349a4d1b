// Typed wire shapes of the Binance spot messages this adapter reads (USDⓈ-M futures extends them).

/*
 * Field names are Binance's own one-letter keys, as documented in
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams. Prices and
 * quantities are decimal strings on the wire and stay strings here: they are parsed straight to
 * fixed-point mantissas, never through floats. Ids and times are JSON numbers.
 */

/** `[price, quantity]`; quantity "0" removes the level. */
export type BinanceLevel = [price: string, quantity: string];

/** Every event on a combined stream (`/stream?streams=...`) comes wrapped like this. */
export interface BinanceCombinedEnvelope<Payload> {
  /** `<symbol>@<channel>`, e.g. `btcusdt@depth@100ms`; `!serverShutdown` for the shutdown notice. */
  stream: string;
  data: Payload;
}

/** `<symbol>@depth` / `<symbol>@depth@100ms`: the diff stream the local book is built from. */
export interface BinanceDepthUpdate {
  e: 'depthUpdate';
  /** Event time, epoch milliseconds. */
  E: number;
  s: string;
  /** First update id in the event. */
  U: number;
  /** Final update id in the event. */
  u: number;
  b: BinanceLevel[];
  a: BinanceLevel[];
}

/** `<symbol>@bookTicker` (spot): best bid and offer, real time, with no event time at all. */
export interface BinanceBookTicker {
  /** Order book update id. */
  u: number;
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
}

/** `<symbol>@aggTrade`: trades of one taker order at one price. */
export interface BinanceAggregateTrade {
  e: 'aggTrade';
  /** Event time (when the message was produced), epoch milliseconds. */
  E: number;
  s: string;
  /** Aggregate trade id. */
  a: number;
  p: string;
  q: string;
  /** First and last trade id aggregated. */
  f: number;
  l: number;
  /** Trade time, epoch milliseconds. */
  T: number;
  /** Is the buyer the maker? true → the taker sold. */
  m: boolean;
  /** Spot only, documented as "Ignore". */
  M?: boolean;
}

/** `!serverShutdown` (spot): the server is about to close the connection; reconnect soon. */
export interface BinanceServerShutdown {
  e: 'serverShutdown';
  E: number;
}

/** Answer to a SUBSCRIBE / UNSUBSCRIBE / SET_PROPERTY request: `result` null means success. */
export interface BinanceRequestResult {
  result: unknown;
  id: number | string | null;
}

/** Error answer to a request, in the two shapes the docs show. */
export type BinanceRequestError =
  | { code: number; msg: string; id?: number | string | null }
  | { error: { code: number; msg: string }; id?: number | string | null };

/** REST `GET /api/v3/depth` body. */
export interface BinanceDepthSnapshot {
  lastUpdateId: number;
  bids: BinanceLevel[];
  asks: BinanceLevel[];
}

/** One filter of an exchangeInfo symbol; only the fields this adapter reads are typed. */
export interface BinanceSymbolFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
}

/** One symbol of REST `GET /api/v3/exchangeInfo`. */
export interface BinanceSpotSymbolInfo {
  symbol: string;
  /** TRADING, BREAK, HALT ... */
  status: string;
  baseAsset: string;
  quoteAsset: string;
  /** Fraction digits of quantities; levels of old orders can be finer than LOT_SIZE.stepSize. */
  baseAssetPrecision?: number;
  /** Fraction digits of prices; levels of old orders can be finer than PRICE_FILTER.tickSize. */
  quoteAssetPrecision?: number;
  filters: BinanceSymbolFilter[];
}

export interface BinanceSpotExchangeInfo {
  symbols: BinanceSpotSymbolInfo[];
}
