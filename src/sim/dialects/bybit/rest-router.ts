// Routes a Bybit v5 REST request to its handler: public market data, or private endpoints after authentication.
import type { SimHttpRequest, SimHttpResponse } from '../../server/sim-dialect.js';
import { authenticateBybitRequest } from './auth/rest-auth.js';
import type { BybitRestHandler } from './bybit-context.js';
import { bybitFail } from './bybit-envelope.js';
import { ROUTE_NOT_FOUND } from './bybit-errors.js';
import { handleAccountInfo, handleCoinInfo, handleQueryApi, handleWalletBalance } from './private-rest/account-endpoints.js';
import { handleExecutionList } from './private-rest/execution-list.js';
import { handleOrderCancel } from './private-rest/order-cancel.js';
import { handleOrderCreate } from './private-rest/order-create.js';
import { handleOrderHistory, handleOrderRealtime } from './private-rest/order-query.js';
import type { BybitPrivateContext, BybitPrivateHandler } from './private-rest/private-context.js';
import { handleInstrumentsInfo } from './public-rest/instruments-info.js';
import { handleKline } from './public-rest/kline.js';
import { handleMarketTime } from './public-rest/market-time.js';
import { handleOrderbook } from './public-rest/orderbook.js';
import { handleRecentTrade } from './public-rest/recent-trade.js';
import { handleTickers } from './public-rest/tickers.js';

/*
 * Served paths (method + path). Anything else: HTTP 404 with retCode 10017 "Route not found."
 * (the docs: "404 Cannot find path"; 10017 "Route not found."). A private path authenticates
 * first (auth/rest-auth.ts) and is handled for the key's account.
 */

const PUBLIC_ROUTES: Readonly<Record<string, BybitRestHandler>> = {
  'GET /v5/market/time': handleMarketTime,
  'GET /v5/market/instruments-info': handleInstrumentsInfo,
  'GET /v5/market/orderbook': handleOrderbook,
  'GET /v5/market/kline': handleKline,
  'GET /v5/market/recent-trade': handleRecentTrade,
  'GET /v5/market/tickers': handleTickers,
};

const PRIVATE_ROUTES: Readonly<Record<string, BybitPrivateHandler>> = {
  'POST /v5/order/create': handleOrderCreate,
  'POST /v5/order/cancel': handleOrderCancel,
  'GET /v5/order/realtime': handleOrderRealtime,
  'GET /v5/order/history': handleOrderHistory,
  'GET /v5/execution/list': handleExecutionList,
  'GET /v5/account/wallet-balance': handleWalletBalance,
  'GET /v5/account/info': handleAccountInfo,
  'GET /v5/user/query-api': handleQueryApi,
  'GET /v5/asset/coin/query-info': handleCoinInfo,
};

export const BYBIT_REST_ROUTES: readonly string[] = [...Object.keys(PUBLIC_ROUTES), ...Object.keys(PRIVATE_ROUTES)];

export function routeBybitRequest(request: SimHttpRequest, context: BybitPrivateContext): SimHttpResponse {
  const route = `${request.method} ${request.path}`;
  const publicHandler = PUBLIC_ROUTES[route];
  if (publicHandler !== undefined) return publicHandler(request, context);
  const privateHandler = PRIVATE_ROUTES[route];
  if (privateHandler === undefined) return bybitFail(ROUTE_NOT_FOUND, request.receivedMs, 404);
  const auth = authenticateBybitRequest(request, context.exchange);
  if (!auth.ok) return bybitFail(auth.error, request.receivedMs);
  return privateHandler(request, context, auth.account);
}
