// The Binance spot REST endpoints the simulator serves, and the dispatch that turns a thrown refusal into its answer.
import type { SimHttpRequest, SimHttpResponse } from '../../server/sim-dialect.js';
import type { BinanceContext, BinanceHandler } from './binance-context.js';
import { account, myTrades } from './private-rest/account.js';
import { cancelOpenOrders, cancelOrder } from './private-rest/cancel-orders.js';
import { capitalConfig } from './private-rest/capital-config.js';
import { crossMarginPairs, isolatedMarginPairs } from './private-rest/margin-pairs.js';
import { newOrder, testOrder } from './private-rest/new-order.js';
import { allOrders, openOrders, queryOrder } from './private-rest/order-queries.js';
import { closeListenKey, createListenKey, keepAliveListenKey } from './private-rest/user-data-stream.js';
import { depth } from './public-rest/depth.js';
import { exchangeInfo } from './public-rest/exchange-info.js';
import { ping, time } from './public-rest/general.js';
import { klines } from './public-rest/klines.js';
import { ticker24hr } from './public-rest/ticker-24hr.js';
import { bookTicker, priceTicker } from './public-rest/tickers.js';
import { aggTrades, historicalTrades, recentTrades } from './public-rest/trades.js';
import { BinanceParams, BinanceRequestRejected } from './request-params.js';

/** Handlers by `METHOD path`; rate-limits.ts holds the weight of each. */
export const BINANCE_ROUTES: Readonly<Record<string, BinanceHandler>> = {
  'GET /api/v3/ping': ping,
  'GET /api/v3/time': time,
  'GET /api/v3/exchangeInfo': exchangeInfo,
  'GET /api/v3/depth': depth,
  'GET /api/v3/trades': recentTrades,
  'GET /api/v3/historicalTrades': historicalTrades,
  'GET /api/v3/aggTrades': aggTrades,
  'GET /api/v3/klines': klines,
  // "uiKlines return modified kline data, optimized for presentation": the same rows here.
  'GET /api/v3/uiKlines': klines,
  'GET /api/v3/ticker/bookTicker': bookTicker,
  'GET /api/v3/ticker/price': priceTicker,
  'GET /api/v3/ticker/24hr': ticker24hr,
  'POST /api/v3/order': newOrder,
  'POST /api/v3/order/test': testOrder,
  'GET /api/v3/order': queryOrder,
  'DELETE /api/v3/order': cancelOrder,
  'GET /api/v3/openOrders': openOrders,
  'DELETE /api/v3/openOrders': cancelOpenOrders,
  'GET /api/v3/allOrders': allOrders,
  'GET /api/v3/account': account,
  'GET /api/v3/myTrades': myTrades,
  'POST /api/v3/userDataStream': createListenKey,
  'PUT /api/v3/userDataStream': keepAliveListenKey,
  'DELETE /api/v3/userDataStream': closeListenKey,
  'GET /sapi/v1/capital/config/getall': capitalConfig,
  'GET /sapi/v1/margin/allPairs': crossMarginPairs,
  'GET /sapi/v1/margin/isolated/allPairs': isolatedMarginPairs,
};

/** Answers a request: the handler's answer, its refusal, or 404 for a path Binance does not have. */
export function dispatchBinance(request: SimHttpRequest, context: BinanceContext): SimHttpResponse {
  const handler = BINANCE_ROUTES[`${request.method} ${request.path}`];
  if (handler === undefined) return { status: 404, body: '' };
  try {
    return handler(request, BinanceParams.of(request), context);
  } catch (error) {
    if (error instanceof BinanceRequestRejected) return error.response;
    throw error;
  }
}
