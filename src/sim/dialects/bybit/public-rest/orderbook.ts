// GET /v5/market/orderbook: the book as the 500-level (linear) or 200-level (spot) stream has it, with that stream's u.
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { bybitPrice, bybitSize } from '../bybit-text.js';
import { marketTarget, pageLimit } from './market-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/orderbook: limit spot [1, 200] default 1,
 * linear [1, 500] default 25; result {"s","a","b","ts","u","seq","cts"} (the documented order),
 * bids high → low, asks low → high; "u ... For contract, it is corresponding to u in the wss
 * 500-level orderbook; for spot, ... the wss 200-level orderbook", so a client may take this as
 * the base for that stream's deltas.
 */

export function handleOrderbook(request: SimHttpRequest, context: BybitContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const target = marketTarget(params, context, nowMs);
  if (!target.ok) return target.response;
  const spot = target.category === 'spot';
  const limit = pageLimit(params, spot ? 1 : 25, spot ? 200 : 500);
  if (limit === null) return bybitFail(paramsError('params error: limit invalid'), nowMs);
  const book = context.hub.restBook(target.category, target.symbol)!;
  const listing = target.listing;
  const side = (levels: typeof book.bids): [string, string][] =>
    levels.slice(0, limit).map((level) => [bybitPrice(listing, level.priceTicks), bybitSize(listing, level.sizeLots)]);
  return bybitOk({ s: target.symbol, a: side(book.asks), b: side(book.bids), ts: book.tsMs, u: book.u, seq: book.seq, cts: book.tsMs }, nowMs);
}
