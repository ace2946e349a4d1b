// What every Binance REST handler works with: the exchange, the rules in force, and the dialect's per-listing state.
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse, SimRateLimitRule } from '../../server/sim-dialect.js';
import type { ListenKeys } from './private-ws/listen-keys.js';
import type { KlineBuilder } from './public-rest/kline-builder.js';
import type { RecentPrints } from './public-rest/recent-prints.js';
import type { BinanceParams } from './request-params.js';

export interface BinanceContext {
  readonly exchange: SimExchange;
  /** The rate-limit rules in force (defaults merged with the operator's overrides), for exchangeInfo. */
  readonly rateLimitRules: Readonly<Record<string, SimRateLimitRule>>;
  /** Kline builder of a listing (one per listing: it caches taker-buy volumes). */
  klines(listing: SimListing): KlineBuilder;
  /** Participant prints seen live (the history holds only the synthetic trades). */
  readonly prints: RecentPrints;
  readonly listenKeys: ListenKeys;
  /** Client ids of cancel requests, by order id, for the user stream's CANCELED reports (user-streams.ts). */
  readonly cancelClientOrderIds: Map<number, string>;
}

/** One REST endpoint: reads its parameters, answers; refusals are thrown as BinanceRequestRejected. */
export type BinanceHandler = (request: SimHttpRequest, params: BinanceParams, context: BinanceContext) => SimHttpResponse;
