// GET /api/v3/depth: the current book with lastUpdateId, consistent with the diff stream's U/u.
import type { BinanceHandler } from '../binance-context.js';
import { binancePrice, binanceQuantity } from '../binance-text.js';
import { limitParam, requiredListing } from '../listing-lookup.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#order-book
 * `limit` default 100, max 5000 (a larger one returns 5000). lastUpdateId is the update id of the
 * last book update the answer includes (SimBookSnapshot.updateId), the same numbering as the
 * depthUpdate U/u, so "How to manage a local order book correctly" works: drop events with
 * u <= lastUpdateId, the first kept has U <= lastUpdateId + 1 <= u.
 */
export const depth: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'limit', 'symbolStatus']);
  const listing = requiredListing(params, context.exchange);
  const limit = limitParam(params, 100, 5000);
  const snapshot = context.exchange.snapshot(listing.native, limit);
  const instrument = listing.instrument;
  return {
    status: 200,
    body: {
      lastUpdateId: snapshot.updateId,
      bids: snapshot.bids.map((level) => [binancePrice(instrument, level.priceTicks), binanceQuantity(instrument, level.sizeLots)]),
      asks: snapshot.asks.map((level) => [binancePrice(instrument, level.priceTicks), binanceQuantity(instrument, level.sizeLots)]),
    },
  };
};
