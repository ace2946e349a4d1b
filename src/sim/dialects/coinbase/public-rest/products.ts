// GET /api/v3/brokerage/market/products (and /products): the product list; GET .../products/{product_id}: one product.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { invalidArgument, notFound } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { productView } from './product-view.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/list-public-products
 * Query: product_type (SPOT | FUTURE; the simulator lists spot only, so FUTURE is empty, which is
 * what ccxt's loadMarkets asks next), product_ids (repeatable), limit, offset; answer
 * {"products":[...],"num_products":N,"pagination":{...}} with num_products a number (recorded).
 * One product: the product object itself.
 */

export const listProducts: CoinbaseRestHandler = (request, _params, context) => {
  const query = request.query;
  const productType = query.get('product_type');
  const wanted = query.getAll('product_ids');
  let listings: readonly SimListing[] = productType !== null && productType !== 'SPOT' && productType !== '' ? [] : context.exchange.listings;
  if (wanted.length > 0) listings = listings.filter((listing) => wanted.includes(listing.native));
  const offset = nonNegativeInteger(query.get('offset'));
  const limit = nonNegativeInteger(query.get('limit'));
  if (offset === undefined || limit === undefined) return invalidArgument('limit and offset must be non-negative integers');
  const page = listings.slice(offset ?? 0, limit === null || limit === 0 ? undefined : (offset ?? 0) + limit);
  const products = page.map((listing) => productView(context.exchange, listing, context.recentTrades, context.tickerStats));
  return {
    status: 200,
    body: { products, num_products: products.length, pagination: { prev_cursor: '', next_cursor: '', has_next: false, has_prev: false } },
  };
};

export const getProduct: CoinbaseRestHandler = (_request, params, context) => {
  const listing = context.exchange.listing(params.product_id ?? '');
  if (listing === undefined) return notFound('ProductID is invalid');
  return { status: 200, body: productView(context.exchange, listing, context.recentTrades, context.tickerStats) };
};

/** null when absent, undefined when not a non-negative integer. */
function nonNegativeInteger(text: string | null): number | null | undefined {
  if (text === null || text === '') return null;
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}
