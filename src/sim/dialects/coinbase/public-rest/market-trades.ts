// GET /api/v3/brokerage/market/products/{product_id}/ticker (and /products/...): the latest trades with the best bid and ask.
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { makerSide } from '../public-ws/market-trades-events.js';
import { invalidArgument, notFound } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-market-trades
 * Query: limit (required by the docs; absent here: 100), start/end (UNIX seconds, optional).
 * Answer {"trades":[{"trade_id","product_id","price","size","time","side","bid","ask","exchange"}],
 * "best_bid","best_ask"}, newest first. `side` follows the WebSocket's convention (the maker's side,
 * see market-trades-events.ts); bid/ask/exchange are sent empty, as Coinbase does for spot.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export const marketTrades: CoinbaseRestHandler = (request, params, context) => {
  const listing = context.exchange.listing(params.product_id ?? '');
  if (listing === undefined) return notFound('ProductID is invalid');
  const query = request.query;
  const limitText = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== null && limitText !== '') {
    if (!/^\d{1,9}$/.test(limitText) || Number(limitText) === 0) return invalidArgument('limit must be a positive integer');
    limit = Math.min(MAX_LIMIT, Number(limitText));
  }
  const startText = query.get('start');
  const endText = query.get('end');
  const nowMs = context.exchange.nowMs();
  const endMs = endText !== null && /^\d{1,12}$/.test(endText) ? Math.min(nowMs, Number(endText) * 1000) : nowMs;
  const startMs = startText !== null && /^\d{1,12}$/.test(startText) ? Number(startText) * 1000 : null;
  let trades = context.recentTrades.latest(listing.native, endMs, startMs === null ? limit : MAX_LIMIT);
  if (startMs !== null) trades = trades.filter((trade) => trade.tsMs >= startMs).slice(-limit);
  const instrument = listing.instrument;
  const top = context.exchange.snapshot(listing.native, 1);
  return {
    status: 200,
    body: {
      trades: trades.reverse().map((trade) => ({
        trade_id: String(trade.tradeId),
        product_id: listing.native,
        price: priceText(instrument, trade.priceTicks),
        size: sizeText(instrument, trade.sizeLots),
        time: goRfc3339(trade.tsMs),
        side: makerSide(trade),
        bid: '',
        ask: '',
        exchange: '',
      })),
      best_bid: top.bids[0] === undefined ? '' : priceText(instrument, top.bids[0].priceTicks),
      best_ask: top.asks[0] === undefined ? '' : priceText(instrument, top.asks[0].priceTicks),
    },
  };
};
