// GET /v5/execution/list: the account's fills as Bybit executions, newest first, paged by cursor.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { parseBybitOrderId } from '../bybit-ids.js';
import { bybitCategoryOf } from '../bybit-listings.js';
import { renderExecution } from './order-render.js';
import type { BybitPrivateContext } from './private-context.js';
import { cursorOffset, pageOf, privateCategory, privateSymbol, timeWindow } from './private-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/order/execution: category, symbol, orderId,
 * orderLinkId, startTime/endTime (default the last 7 days), execType (only Trade exists here),
 * limit [1, 100] default 50, cursor. Answer {"nextPageCursor","category","list"}.
 */

export function handleExecutionList(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const category = privateCategory(params, nowMs);
  if (!category.ok) return category.response;
  const symbol = privateSymbol(params, context, category.category, false, nowMs);
  if (!symbol.ok) return symbol.response;
  const limit = params.integer('limit');
  if (limit === null || (limit !== undefined && (limit < 1 || limit > 100))) return bybitFail(paramsError('params error: limit invalid'), nowMs);
  const offset = cursorOffset(params.text('cursor'));
  const window = timeWindow(params, nowMs);
  if (offset === null || window === null) return bybitFail(paramsError('params error: cursor or time window invalid'), nowMs);
  const orderIdText = params.text('orderId');
  const orderId = orderIdText === undefined ? undefined : parseBybitOrderId(category.category, orderIdText);
  const linkId = params.text('orderLinkId');
  const execType = params.text('execType');
  const exchange = context.exchange;
  const fills = exchange
    .fills(account.accountId, symbol.listing?.instrument.canonical)
    .filter((fill) => {
      const listing = context.listings.byCanonicalSymbol(fill.canonical);
      if (listing === undefined || bybitCategoryOf(listing) !== category.category) return false;
      if (orderIdText !== undefined && fill.orderId !== orderId) return false;
      if (linkId !== undefined && !(context.state.linkIdSent(fill.orderId) && fill.clientOrderId === linkId)) return false;
      if (execType !== undefined && execType !== 'Trade') return false;
      return fill.tsMs >= window.fromMs && fill.tsMs <= window.toMs;
    })
    .sort((left, right) => right.tsMs - left.tsMs || right.fillId - left.fillId);
  const { page, nextPageCursor } = pageOf(fills, offset, limit ?? 50);
  const exchangeNowMs = exchange.nowMs();
  const list = page.map((fill) => {
    const listing = context.listings.byCanonicalSymbol(fill.canonical)!;
    const order = exchange.order(account.accountId, fill.canonical, { orderId: fill.orderId });
    const mark = Math.round(exchange.history(listing.native).midTicks(exchangeNowMs));
    return renderExecution(listing, category.category, fill, order, mark, context.state.linkIdSent(fill.orderId));
  });
  return bybitOk({ nextPageCursor, category: category.category, list }, nowMs);
}
