// The REST endpoints the Coinbase dialect serves: method, path pattern, whether a JWT is needed, and the handler.
import { appCryptoCurrencies, appExchangeRates, appFiatCurrencies, appTime } from './public-rest/app-v2.js';
import { productCandles } from './public-rest/candles.js';
import { marketTrades } from './public-rest/market-trades.js';
import { bestBidAsk, productBook } from './public-rest/product-book.js';
import { getProduct, listProducts } from './public-rest/products.js';
import { serverTime } from './public-rest/server-time.js';
import { getAccount, listAccounts } from './private-rest/accounts.js';
import { appAccounts } from './private-rest/app-v2-accounts.js';
import { listFills } from './private-rest/fills.js';
import { batchCancel, createOrder, getOrder, listOrders } from './private-rest/orders.js';
import { transactionSummary } from './private-rest/transaction-summary.js';
import type { CoinbaseRestHandler } from './shared/rest-context.js';

/*
 * Public market data lives under /api/v3/brokerage/market/ (no authentication; limited per IP);
 * the same data under /api/v3/brokerage/ without `market/` needs a JWT, as do orders, fills,
 * accounts and fees (limited per API key). /v2/ are the Coinbase App endpoints ccxt reads while
 * loading markets (public) and for its default fetchBalance (/v2/accounts, JWT). Literal segments win over `{name}` ones (historical/batch before
 * historical/{order_id}) because routes are tried in this order.
 */

export interface CoinbaseRoute {
  readonly method: 'GET' | 'POST';
  readonly segments: readonly string[];
  readonly authenticated: boolean;
  readonly handler: CoinbaseRestHandler;
}

function route(method: CoinbaseRoute['method'], path: string, authenticated: boolean, handler: CoinbaseRestHandler): CoinbaseRoute {
  return { method, segments: path.split('/').filter((segment) => segment !== ''), authenticated, handler };
}

const BROKERAGE = '/api/v3/brokerage';

export const COINBASE_ROUTES: readonly CoinbaseRoute[] = [
  route('GET', `${BROKERAGE}/time`, false, serverTime),
  route('GET', `${BROKERAGE}/market/products`, false, listProducts),
  route('GET', `${BROKERAGE}/market/products/{product_id}`, false, getProduct),
  route('GET', `${BROKERAGE}/market/products/{product_id}/candles`, false, productCandles),
  route('GET', `${BROKERAGE}/market/products/{product_id}/ticker`, false, marketTrades),
  route('GET', `${BROKERAGE}/market/product_book`, false, productBook),
  route('GET', '/v2/time', false, appTime),
  route('GET', '/v2/currencies', false, appFiatCurrencies),
  route('GET', '/v2/currencies/crypto', false, appCryptoCurrencies),
  route('GET', '/v2/exchange-rates', false, appExchangeRates),
  route('GET', '/v2/accounts', true, appAccounts),
  route('GET', `${BROKERAGE}/products`, true, listProducts),
  route('GET', `${BROKERAGE}/products/{product_id}`, true, getProduct),
  route('GET', `${BROKERAGE}/products/{product_id}/candles`, true, productCandles),
  route('GET', `${BROKERAGE}/products/{product_id}/ticker`, true, marketTrades),
  route('GET', `${BROKERAGE}/product_book`, true, productBook),
  route('GET', `${BROKERAGE}/best_bid_ask`, true, bestBidAsk),
  route('GET', `${BROKERAGE}/transaction_summary`, true, transactionSummary),
  route('GET', `${BROKERAGE}/accounts`, true, listAccounts),
  route('GET', `${BROKERAGE}/accounts/{account_uuid}`, true, getAccount),
  route('POST', `${BROKERAGE}/orders`, true, createOrder),
  route('POST', `${BROKERAGE}/orders/batch_cancel`, true, batchCancel),
  route('GET', `${BROKERAGE}/orders/historical/batch`, true, listOrders),
  route('GET', `${BROKERAGE}/orders/historical/fills`, true, listFills),
  route('GET', `${BROKERAGE}/orders/historical/{order_id}`, true, getOrder),
];

export interface RouteMatch {
  readonly route: CoinbaseRoute;
  readonly params: Readonly<Record<string, string>>;
}

/** The route serving `method path`, or null. */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const candidate of COINBASE_ROUTES) {
    if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let index = 0; index < segments.length; index++) {
      const pattern = candidate.segments[index]!;
      const segment = segments[index]!;
      if (pattern.startsWith('{') && pattern.endsWith('}')) params[pattern.slice(1, -1)] = decodeSegment(segment);
      else if (pattern !== segment) {
        matched = false;
        break;
      }
    }
    if (matched) return { route: candidate, params };
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
