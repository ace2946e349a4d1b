// GET /api/v5/market/candles and /market/history-candles: [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm] rows, newest first.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimCandle } from '../../../market/sim-market-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { notionalText, priceText, sizeText } from '../../../market/sim-instrument.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { okxBar } from './candle-bars.js';
import { queryCandles } from './candle-query.js';
import { limitParam, optionalInteger, requiredParam } from './query-params.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks and
 * -get-candlesticks-history: instId (required), bar (default 1m), after, before, limit (default 100,
 * maximum 300 on both endpoints; a larger one is served as 300). vol is base (contracts for SWAP),
 * volCcy quote for SPOT and base for SWAP, volCcyQuote quote; confirm "0" for the forming candle.
 * /market/candles serves only the latest 1440 buckets; /market/history-candles any since the
 * history's origin.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 300;
const RECENT_BUCKETS = 1440;

export function handleCandles(context: OkxContext, request: SimHttpRequest, history: boolean): SimHttpResponse {
  const query = request.query;
  const instId = requiredParam(query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  const barName = query.get('bar');
  const bar = okxBar(barName === null || barName === '' ? '1m' : barName);
  if (bar === undefined) return okxErrorResponse(parameterError('bar'));
  const after = optionalInteger(query, 'after');
  if (!after.ok) return okxErrorResponse(after.error);
  const before = optionalInteger(query, 'before');
  if (!before.ok) return okxErrorResponse(before.error);
  const limit = limitParam(query, DEFAULT_LIMIT, MAX_LIMIT);
  if (!limit.ok) return okxErrorResponse(limit.error);
  const nowMs = context.exchange.nowMs();
  const candles = queryCandles(
    context.exchange.history(listing.native),
    bar,
    { afterMs: after.value, beforeMs: before.value, limit: limit.value, recentBuckets: history ? null : RECENT_BUCKETS },
    nowMs,
  );
  return okxDataResponse(candles.map((candle) => candleRow(listing, candle)));
}

export function candleRow(listing: SimListing, candle: SimCandle): string[] {
  const instrument = listing.instrument;
  const base = sizeText(instrument, candle.volumeLots);
  const quote = notionalText(instrument, candle.quoteVolumeTickLots);
  return [
    msText(candle.openTimeMs),
    priceText(instrument, candle.open),
    priceText(instrument, candle.high),
    priceText(instrument, candle.low),
    priceText(instrument, candle.close),
    base,
    listing.category === 'SPOT' ? quote : base,
    quote,
    candle.closed ? '1' : '0',
  ];
}
