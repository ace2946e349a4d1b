// GET /api/v5/market/trades: the latest public trades of a listing (default 100, at most 500), newest first.
import type { SimTrade } from '../../../market/sim-market-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { limitParam, requiredParam } from './query-params.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades
 * {"instId","side","sz","source","px","tradeId","ts"}. The trades seen live (synthetic prints and
 * participant fills) come first; older ones, from before this server started, come from the
 * synthetic history, which has no participant prints.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const MINUTE_MS = 60_000;
const MAX_LOOKBACK_MS = 86_400_000;

export function handleTrades(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instId = requiredParam(request.query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  const limit = limitParam(request.query, DEFAULT_LIMIT, MAX_LIMIT);
  if (!limit.ok) return okxErrorResponse(limit.error);
  const live = context.hub.recentTradesOf(listing.native);
  let trades: SimTrade[] = live.slice(Math.max(0, live.length - limit.value));
  if (trades.length < limit.value) {
    const endMs = trades[0]?.tsMs ?? context.exchange.nowMs();
    trades = [...olderTrades(context, listing.native, endMs, limit.value - trades.length), ...trades];
  }
  const instrument = listing.instrument;
  return okxDataResponse(
    trades.reverse().map((trade) => ({
      instId: listing.native,
      side: trade.takerSide,
      sz: sizeText(instrument, trade.sizeLots),
      source: '0',
      px: priceText(instrument, trade.priceTicks),
      tradeId: String(trade.tradeId),
      ts: msText(trade.tsMs),
    })),
  );
}

/** The newest `count` history trades before endMs, oldest first. */
function olderTrades(context: OkxContext, native: string, endMs: number, count: number): SimTrade[] {
  const history = context.exchange.history(native);
  for (let spanMs = 10 * MINUTE_MS; ; spanMs *= 4) {
    const trades = history.trades(endMs - spanMs, endMs, Number.MAX_SAFE_INTEGER);
    if (trades.length >= count || spanMs >= MAX_LOOKBACK_MS) return trades.slice(Math.max(0, trades.length - count));
  }
}
