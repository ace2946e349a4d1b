// GET /v5/market/recent-trade: the latest public trades of a listing, newest first.
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { bybitTradeId } from '../bybit-ids.js';
import { bybitPrice, bybitSize } from '../bybit-text.js';
import { marketTarget, pageLimit } from './market-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/recent-trade: limit spot [1, 60] default 60,
 * others [1, 1000] default 500; items {execId, symbol, price, size, side, time, isBlockTrade,
 * isRPITrade}; execId is the trade id the publicTrade stream sends as `i`.
 */

export function handleRecentTrade(request: SimHttpRequest, context: BybitContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const target = marketTarget(params, context, nowMs);
  if (!target.ok) return target.response;
  const spot = target.category === 'spot';
  const limit = pageLimit(params, spot ? 60 : 500, spot ? 60 : 1000);
  if (limit === null) return bybitFail(paramsError('params error: limit invalid'), nowMs);
  const trades = context.hub.recentTrades(target.category, target.symbol, limit, context.exchange.nowMs())!;
  const list = trades.map((trade) => ({
    execId: bybitTradeId(target.category, trade.tradeId),
    symbol: target.symbol,
    price: bybitPrice(target.listing, trade.priceTicks),
    size: bybitSize(target.listing, trade.sizeLots),
    side: trade.takerSide === 'buy' ? 'Buy' : 'Sell',
    time: String(trade.tsMs),
    isBlockTrade: false,
    isRPITrade: false,
  }));
  return bybitOk({ category: target.category, list }, nowMs);
}
