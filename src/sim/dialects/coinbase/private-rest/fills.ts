// GET /api/v3/brokerage/orders/historical/fills: the account's fills, newest first.
import { invalidArgument } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { coinbaseUuid } from '../wire/order-ids.js';
import { fillView } from './fill-view.js';
import { listingOfCanonical } from './orders.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-fills
 * Query: order_ids / order_id, product_ids / product_id (the older singular forms, which ccxt
 * sends, are read too), start_sequence_timestamp / end_sequence_timestamp (RFC 3339), limit
 * (default 100, at most 1000), cursor (an offset). Answer {"fills":[...],"cursor":""}.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export const listFills: CoinbaseRestHandler = (request, _params, context, accountId) => {
  const query = request.query;
  const exchange = context.exchange;
  const orderIds = [...query.getAll('order_ids'), ...query.getAll('order_id')].filter((id) => id !== '');
  const products = [...query.getAll('product_ids'), ...query.getAll('product_id')].filter((product) => product !== '');
  const startMs = timestampMs(query.get('start_sequence_timestamp'));
  const endMs = timestampMs(query.get('end_sequence_timestamp'));
  const limitText = query.get('limit');
  const cursorText = query.get('cursor');
  if (startMs === undefined || endMs === undefined) return invalidArgument('start_sequence_timestamp and end_sequence_timestamp must be RFC 3339 times');
  if ((limitText !== null && limitText !== '' && !/^\d{1,9}$/.test(limitText)) || (cursorText !== null && cursorText !== '' && !/^\d{1,15}$/.test(cursorText))) {
    return invalidArgument('limit and cursor must be non-negative integers');
  }
  const limit = limitText === null || limitText === '' || limitText === '0' ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Number(limitText));
  const offset = cursorText === null || cursorText === '' ? 0 : Number(cursorText);
  const matching = exchange
    .fills(accountId!)
    .filter((fill) => {
      const listing = listingOfCanonical(exchange, fill.canonical);
      if (listing === undefined) return false;
      if (orderIds.length > 0 && !orderIds.includes(coinbaseUuid('order', fill.orderId))) return false;
      if (products.length > 0 && !products.includes(listing.native)) return false;
      if (startMs !== null && fill.tsMs < startMs) return false;
      return endMs === null || fill.tsMs <= endMs;
    })
    .reverse();
  const page = matching.slice(offset, offset + limit);
  const hasNext = offset + limit < matching.length;
  return {
    status: 200,
    body: {
      fills: page.map((fill) => fillView(exchange, listingOfCanonical(exchange, fill.canonical)!, fill)),
      cursor: hasNext ? String(offset + limit) : '',
    },
  };
};

/** null when absent, undefined when not RFC 3339. */
function timestampMs(text: string | null): number | null | undefined {
  if (text === null || text === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(text)) return undefined;
  return Date.parse(text);
}
