// The body of POST /api/v3/brokerage/orders read into a SimOrderRequest, or the Coinbase failure reason it earns.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { parsePriceTicks, parseSizeLots } from '../../../market/sim-instrument.js';
import type { SimOrderRequest } from '../../../matching/matching-types.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/create-order:
 * {"client_order_id","product_id","side":"BUY"|"SELL","order_configuration":{<one of>}} with
 * - market_market_ioc {quote_size | base_size}
 * - limit_limit_gtc {base_size, limit_price, post_only}
 * - limit_limit_fok {base_size, limit_price}
 * - sor_limit_ioc {base_size, limit_price}
 * Other configurations (GTD, stop-limit, bracket, TWAP) are Coinbase's but not simulated:
 * UNSUPPORTED_ORDER_CONFIGURATION. Sizes and prices are decimal strings on the product's grid,
 * else INVALID_SIZE_PRECISION / INVALID_PRICE_PRECISION. A body that is not JSON, or misses a
 * required field, is a 400 INVALID_ARGUMENT (`invalid`), not a failed order.
 */

export type OrderRequestResult =
  | { readonly ok: true; readonly listing: SimListing; readonly request: SimOrderRequest; readonly configuration: unknown; readonly clientOrderId: string }
  | { readonly ok: false; readonly kind: 'invalid'; readonly message: string }
  | { readonly ok: false; readonly kind: 'failure'; readonly reason: CoinbaseOrderFailure; readonly configuration: unknown; readonly productId: string; readonly side: string; readonly clientOrderId: string };

export type CoinbaseOrderFailure =
  | 'UNSUPPORTED_ORDER_CONFIGURATION'
  | 'INVALID_PRODUCT_ID'
  | 'INVALID_SIZE_PRECISION'
  | 'INVALID_PRICE_PRECISION'
  | 'INVALID_LIMIT_PRICE';

export function readOrderRequest(body: string, listingOf: (productId: string) => SimListing | undefined): OrderRequestResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return invalid('request body is not valid JSON');
  }
  if (!isObject(value)) return invalid('request body is not a JSON object');
  const { client_order_id: clientOrderId, product_id: productId, side, order_configuration: configuration } = value;
  if (typeof clientOrderId !== 'string' || clientOrderId === '') return invalid('client_order_id is required');
  if (typeof productId !== 'string' || productId === '') return invalid('product_id is required');
  if (side !== 'BUY' && side !== 'SELL') return invalid('side must be BUY or SELL');
  if (!isObject(configuration)) return invalid('order_configuration is required');
  const failure = (reason: CoinbaseOrderFailure): OrderRequestResult => ({ ok: false, kind: 'failure', reason, configuration, productId, side, clientOrderId });
  const listing = listingOf(productId);
  if (listing === undefined) return failure('INVALID_PRODUCT_ID');
  const keys = Object.keys(configuration);
  if (keys.length !== 1) return failure('UNSUPPORTED_ORDER_CONFIGURATION');
  const kind = keys[0]!;
  const fields = configuration[kind];
  if (!isObject(fields)) return failure('UNSUPPORTED_ORDER_CONFIGURATION');
  const instrument = listing.instrument;
  const ok = (request: SimOrderRequest): OrderRequestResult => ({ ok: true, listing, request, configuration, clientOrderId });
  const base = { canonical: instrument.canonical, clientOrderId, side: side === 'BUY' ? ('buy' as const) : ('sell' as const) };

  if (kind === 'market_market_ioc') {
    const { quote_size: quoteSize, base_size: baseSize } = fields;
    if ((quoteSize === undefined) === (baseSize === undefined)) return failure('UNSUPPORTED_ORDER_CONFIGURATION');
    if (quoteSize !== undefined) {
      if (typeof quoteSize !== 'string' || !/^\d+(\.\d+)?$/.test(quoteSize) || !/[1-9]/.test(quoteSize)) return failure('INVALID_SIZE_PRECISION');
      return ok({ ...base, type: 'market', timeInForce: 'IOC', postOnly: false, quoteSize });
    }
    const sizeLots = typeof baseSize === 'string' ? parseSizeLots(instrument, baseSize) : null;
    if (sizeLots === null || sizeLots === 0) return failure('INVALID_SIZE_PRECISION');
    return ok({ ...base, type: 'market', timeInForce: 'IOC', postOnly: false, sizeLots });
  }

  const timeInForce = kind === 'limit_limit_gtc' ? 'GTC' : kind === 'limit_limit_fok' ? 'FOK' : kind === 'sor_limit_ioc' ? 'IOC' : null;
  if (timeInForce === null) return failure('UNSUPPORTED_ORDER_CONFIGURATION');
  const { base_size: baseSize, limit_price: limitPrice, post_only: postOnly } = fields;
  const sizeLots = typeof baseSize === 'string' ? parseSizeLots(instrument, baseSize) : null;
  if (sizeLots === null || sizeLots === 0) return failure('INVALID_SIZE_PRECISION');
  const priceTicks = typeof limitPrice === 'string' ? parsePriceTicks(instrument, limitPrice) : null;
  if (priceTicks === null) return failure('INVALID_PRICE_PRECISION');
  if (priceTicks === 0) return failure('INVALID_LIMIT_PRICE');
  if (postOnly !== undefined && typeof postOnly !== 'boolean') return failure('UNSUPPORTED_ORDER_CONFIGURATION');
  return ok({ ...base, type: 'limit', timeInForce, postOnly: timeInForce === 'GTC' && postOnly === true, priceTicks, sizeLots });
}

function invalid(message: string): OrderRequestResult {
  return { ok: false, kind: 'invalid', message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
