// Typed wire shapes of the Binance USDⓈ-M futures messages this adapter reads (spot shapes plus pu/T).
import type { BinanceDepthSnapshot, BinanceDepthUpdate, BinanceSymbolFilter } from '../binance/messages.js';

export type { BinanceAggregateTrade, BinanceCombinedEnvelope, BinanceLevel, BinanceRequestError, BinanceRequestResult } from '../binance/messages.js';

/*
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * (Diff. Book Depth Streams, Individual Symbol Book Ticker Streams, Aggregate Trade Streams) and
 * .../rest-api (Order Book, Exchange Information).
 */

/** `<symbol>@depth@100ms` on USDⓈ-M: the spot fields plus transaction time and the previous event's `u`. */
export interface BinanceFuturesDepthUpdate extends BinanceDepthUpdate {
  /** Transaction time, epoch milliseconds. */
  T: number;
  /** Final update id of the previous event of this symbol (`u` of the last event). */
  pu: number;
}

/** `<symbol>@bookTicker` on USDⓈ-M: carries an event type and both times, unlike spot. */
export interface BinanceFuturesBookTicker {
  e: 'bookTicker';
  u: number;
  /** Event time, epoch milliseconds. */
  E: number;
  /** Transaction time, epoch milliseconds. */
  T: number;
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
}

/** REST `GET /fapi/v1/depth` body: the spot fields plus message output time and transaction time. */
export interface BinanceFuturesDepthSnapshot extends BinanceDepthSnapshot {
  E: number;
  T: number;
}

/** One symbol of REST `GET /fapi/v1/exchangeInfo`; only the fields this adapter reads are typed. */
export interface BinanceFuturesSymbolInfo {
  symbol: string;
  pair: string;
  /** PERPETUAL, CURRENT_QUARTER, NEXT_QUARTER ... */
  contractType: string;
  /** Epoch milliseconds; 4133404800000 (2100-12-25) for perpetuals. */
  deliveryDate: number;
  /** TRADING, PENDING_TRADING, SETTLING, CLOSE ... */
  status: string;
  baseAsset: string;
  quoteAsset: string;
  marginAsset: string;
  filters: BinanceSymbolFilter[];
}

export interface BinanceFuturesExchangeInfo {
  symbols: BinanceFuturesSymbolInfo[];
}
