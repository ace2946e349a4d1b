// The OKX v5 REST endpoints the simulator serves, public and signed, and the dispatch of a request to its handler.
import type { SimAccountSpec } from '../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../server/sim-dialect.js';
import { authenticateRest } from './auth/authenticate-rest.js';
import { OKX_REST_ERRORS, okxDataResponse, okxErrorResponse } from './errors.js';
import type { OkxContext } from './okx-context.js';
import { msText } from './okx-text.js';
import { handleAccountBalance, handleAccountConfig, handleAssetBalances, handleAssetCurrencies } from './private-rest/account-endpoints.js';
import { handleCancelOrder, handlePlaceOrder } from './private-rest/place-cancel.js';
import { handleFills, handleGetOrder, handleOrdersHistory, handleOrdersPending } from './private-rest/trade-queries.js';
import { handleInstruments } from './public-rest/instruments.js';
import { handleBooks } from './public-rest/market-books.js';
import { handleCandles } from './public-rest/market-candles.js';
import { handleTicker, handleTickers } from './public-rest/market-tickers.js';
import { handleHistoryTrades } from './public-rest/market-history-trades.js';
import { handleTrades } from './public-rest/market-trades.js';

/*
 * Public: GET /api/v5/public/time, /public/instruments, /market/books, /market/candles,
 * /market/history-candles, /market/trades, /market/history-trades, /market/ticker, /market/tickers.
 * Signed (OK-ACCESS-* headers, auth/authenticate-rest.ts): POST /api/v5/trade/order,
 * /trade/batch-orders, /trade/cancel-order; GET /trade/order, /trade/orders-pending,
 * /trade/orders-history, /trade/fills, /trade/fills-history, /account/balance, /account/config,
 * /asset/balances, /asset/currencies.
 * A path served with another method answers 405 (50115); any other path 404.
 */

type PublicHandler = (context: OkxContext, request: SimHttpRequest) => SimHttpResponse;
type PrivateHandler = (context: OkxContext, request: SimHttpRequest, account: SimAccountSpec) => SimHttpResponse;

const PUBLIC_ROUTES: ReadonlyMap<string, PublicHandler> = new Map<string, PublicHandler>([
  ['GET /api/v5/public/time', () => okxDataResponse([{ ts: msText(Date.now()) }])],
  ['GET /api/v5/public/instruments', handleInstruments],
  ['GET /api/v5/market/books', handleBooks],
  ['GET /api/v5/market/candles', (context, request) => handleCandles(context, request, false)],
  ['GET /api/v5/market/history-candles', (context, request) => handleCandles(context, request, true)],
  ['GET /api/v5/market/trades', handleTrades],
  ['GET /api/v5/market/history-trades', handleHistoryTrades],
  ['GET /api/v5/market/ticker', handleTicker],
  ['GET /api/v5/market/tickers', handleTickers],
]);

const PRIVATE_ROUTES: ReadonlyMap<string, PrivateHandler> = new Map<string, PrivateHandler>([
  ['POST /api/v5/trade/order', (context, request, account) => handlePlaceOrder(context, request, account, false)],
  ['POST /api/v5/trade/batch-orders', (context, request, account) => handlePlaceOrder(context, request, account, true)],
  ['POST /api/v5/trade/cancel-order', handleCancelOrder],
  ['GET /api/v5/trade/order', handleGetOrder],
  ['GET /api/v5/trade/orders-pending', handleOrdersPending],
  ['GET /api/v5/trade/orders-history', handleOrdersHistory],
  ['GET /api/v5/trade/fills', (context, request, account) => handleFills(context, request, account, false)],
  ['GET /api/v5/trade/fills-history', (context, request, account) => handleFills(context, request, account, true)],
  ['GET /api/v5/account/balance', handleAccountBalance],
  ['GET /api/v5/account/config', handleAccountConfig],
  ['GET /api/v5/asset/balances', handleAssetBalances],
  ['GET /api/v5/asset/currencies', handleAssetCurrencies],
]);

const KNOWN_PATHS: ReadonlySet<string> = new Set([...PUBLIC_ROUTES.keys(), ...PRIVATE_ROUTES.keys()].map((key) => key.slice(key.indexOf(' ') + 1)));

export function routeOkxRequest(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const key = `${request.method.toUpperCase()} ${request.path}`;
  const publicHandler = PUBLIC_ROUTES.get(key);
  if (publicHandler !== undefined) return publicHandler(context, request);
  const privateHandler = PRIVATE_ROUTES.get(key);
  if (privateHandler !== undefined) {
    const auth = authenticateRest(request, (apiKey) => context.exchange.accountByApiKey(apiKey), request.receivedMs);
    if (!auth.ok) return okxErrorResponse(auth.error);
    return privateHandler(context, request, auth.account);
  }
  if (KNOWN_PATHS.has(request.path)) return okxErrorResponse(OKX_REST_ERRORS.methodNotAllowed);
  return { status: 404, body: { code: '404', msg: `Not Found: ${request.path}`, data: [] } };
}
