// GET /api/v5/market/history-trades: a listing's trade history, newest first, paged by tradeId (type 1) or timestamp (type 2).
import type { SimTrade } from '../../../market/sim-market-types.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { limitParam, optionalInteger, requiredParam } from './query-params.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades-history
 * instId; type "1" (default) pages by tradeId, "2" by ts; `after` = records older than it,
 * `before` = newer than it; limit default and max 100. {"instId","side","sz","px","source",
 * "tradeId","ts"} newest first. Served from the synthetic history (participant fills are not in
 * it), up to the simulation's now.
 */

const MAX_LIMIT = 100;
const MINUTE_MS = 60_000;
/** Trade ids are minute × 1000 + k (market-history.ts): the minute of an id bounds its time. */
const IDS_PER_MINUTE = 1000;
/** How far back a page looks for trades before giving up (a long maintenance window, or before the origin). */
const MAX_LOOKBACK_MS = 7 * 86_400_000;

export function handleHistoryTrades(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instId = requiredParam(request.query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  const type = request.query.get('type') ?? '1';
  if (type !== '1' && type !== '2' && type !== '') return okxErrorResponse(parameterError('type'));
  const byTime = type === '2';
  const after = optionalInteger(request.query, 'after');
  if (!after.ok) return okxErrorResponse(after.error);
  const before = optionalInteger(request.query, 'before');
  if (!before.ok) return okxErrorResponse(before.error);
  const limit = limitParam(request.query, MAX_LIMIT, MAX_LIMIT);
  if (!limit.ok) return okxErrorResponse(limit.error);

  const history = context.exchange.history(listing.native);
  const nowMs = context.exchange.nowMs();
  const keyOf = (trade: SimTrade): number => (byTime ? trade.tsMs : trade.tradeId);
  // The newest time a qualifying trade can have, and the oldest.
  let endMs = nowMs + 1;
  if (after.value !== null) endMs = Math.min(endMs, byTime ? after.value : (Math.floor(after.value / IDS_PER_MINUTE) + 1) * MINUTE_MS);
  const floorMs = before.value === null ? endMs - MAX_LOOKBACK_MS : byTime ? before.value : Math.floor(before.value / IDS_PER_MINUTE) * MINUTE_MS;
  const qualifies = (trade: SimTrade): boolean => (after.value === null || keyOf(trade) < after.value) && (before.value === null || keyOf(trade) > before.value);

  // Newest first: walk back from endMs in widening windows until the page is full.
  const page: SimTrade[] = [];
  let windowEnd = endMs;
  for (let spanMs = 10 * MINUTE_MS; page.length < limit.value && windowEnd > floorMs; spanMs = Math.min(spanMs * 4, 86_400_000)) {
    const windowStart = Math.max(windowEnd - spanMs, floorMs);
    const trades = history.trades(windowStart, windowEnd, Number.MAX_SAFE_INTEGER).filter(qualifies);
    for (let index = trades.length - 1; index >= 0 && page.length < limit.value; index--) page.push(trades[index]!);
    windowEnd = windowStart;
  }
  const instrument = listing.instrument;
  return okxDataResponse(
    page.map((trade) => ({
      instId: listing.native,
      side: trade.takerSide,
      sz: sizeText(instrument, trade.sizeLots),
      px: priceText(instrument, trade.priceTicks),
      source: '0',
      tradeId: String(trade.tradeId),
      ts: msText(trade.tsMs),
    })),
  );
}
