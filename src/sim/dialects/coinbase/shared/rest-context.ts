// What every Coinbase REST handler works with: the exchange and the market state the dialect keeps beside it.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import type { RecentTrades } from './recent-trades.js';
import type { TickerStats } from './ticker-stats.js';

export interface CoinbaseRestContext {
  readonly exchange: SimExchange;
  readonly recentTrades: RecentTrades;
  readonly tickerStats: TickerStats;
}

/** A route's handler: the request, the path's `{name}` segments, the context; `accountId` set on authenticated routes. */
export type CoinbaseRestHandler = (
  request: SimHttpRequest,
  params: Readonly<Record<string, string>>,
  context: CoinbaseRestContext,
  accountId: string | null,
) => SimHttpResponse;
