// GET /api/v5/market/ticker (one instId) and /market/tickers (one instType): last trade, best bid/ask and 24 h statistics.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { requiredParam } from './query-params.js';

/* https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker and -get-tickers (fields in ticker-stats.ts). */

const INSTRUMENT_TYPES = new Set(['SPOT', 'SWAP', 'FUTURES', 'OPTION']);

function tickerOf(context: OkxContext, listing: SimListing): unknown {
  const mirror = context.hub.mirrorOf(listing.native)!;
  return context.tickers.ticker(listing, mirror, context.hub.lastTradeOf(listing.native), context.exchange.nowMs());
}

export function handleTicker(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instId = requiredParam(request.query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  return okxDataResponse([tickerOf(context, listing)]);
}

export function handleTickers(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instType = requiredParam(request.query, 'instType');
  if (!instType.ok) return okxErrorResponse(instType.error);
  if (!INSTRUMENT_TYPES.has(instType.value)) return okxErrorResponse(parameterError('instType'));
  return okxDataResponse(context.exchange.listings.filter((listing) => listing.category === instType.value).map((listing) => tickerOf(context, listing)));
}
