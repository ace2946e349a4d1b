// Coinbase `GET /api/v3/brokerage/market/products` → InstrumentDefinitions of the spot products trading now.
import { ZvtError } from '../../../model/errors.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import { isAssetCode } from '../../../model/symbol.js';
import { ZVT_ERR_COINBASE_PRODUCTS } from './errors.js';
import type { CoinbaseProduct, CoinbaseProductsResponse, Unverified } from './messages.js';

/*
 * Docs: https://docs.cdp.coinbase.com/advanced-trade/docs (REST "List Public Products", GET /api/v3/brokerage/market/products)
 *
 * Kept: `product_type` SPOT, `status` "online", `trading_disabled` false, and none of `is_disabled`,
 * `cancel_only`, `view_only` set (limit-only, post-only and auction products still have a live book).
 * Dropped as well: aliases (`alias` non-empty, e.g. BTC-USDC → BTC-USD). Coinbase runs one book per
 * USD/USDC pair and its market-data channels answer for the alias with the main product's data
 * ("Subscribing to -USDC based products are only available on the user channel. Other channels will
 * return the same data as the corresponding -USD based products"), so an alias would be a second
 * name for the same book, and frames would never carry its product id.
 *
 * Canonical symbol: `BASE-QUOTE` from base_currency_id and quote_currency_id (DESIGN §3); products
 * whose currency ids are not plain asset codes are skipped rather than renamed. Tick = price_increment,
 * lot = base_increment, as published.
 */

/** Parses the products response body; throws ZVT_ERR_COINBASE_PRODUCTS when it is not that shape. */
export function parseCoinbaseProducts(body: string): InstrumentDefinition[] {
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch (error: unknown) {
    throw new ZvtError(ZVT_ERR_COINBASE_PRODUCTS, `Coinbase products response is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const products = (response as Unverified<CoinbaseProductsResponse> | null)?.products;
  if (!Array.isArray(products)) throw new ZvtError(ZVT_ERR_COINBASE_PRODUCTS, 'Coinbase products response has no "products" array');
  const definitions: InstrumentDefinition[] = [];
  for (const value of products) {
    if (typeof value !== 'object' || value === null) continue;
    const product = value as Unverified<CoinbaseProduct>;
    if (!isTradingSpotProduct(product)) continue;
    const { product_id: native, base_currency_id: base, quote_currency_id: quote, price_increment: tickSize, base_increment: lotSize } = product;
    if (typeof native !== 'string' || typeof tickSize !== 'string' || typeof lotSize !== 'string') continue;
    if (typeof base !== 'string' || typeof quote !== 'string' || !isAssetCode(base) || !isAssetCode(quote)) continue;
    definitions.push({ venue: 'coinbase', kind: 'spot', base, quote, native, tickSize, lotSize });
  }
  return definitions;
}

/**
 * Online spot product accepting orders, under its own name (not an alias of another product's book).
 * `trading_disabled` must be sent as false; the other flags block only when sent as true.
 */
function isTradingSpotProduct(product: Unverified<CoinbaseProduct>): boolean {
  return (
    product.product_type === 'SPOT' &&
    product.status === 'online' &&
    product.trading_disabled === false &&
    product.is_disabled !== true &&
    product.cancel_only !== true &&
    product.view_only !== true &&
    (product.alias === undefined || product.alias === '')
  );
}
