// GET /api/v3/ticker/bookTicker and /api/v3/ticker/price: best bid/ask and last price, for one symbol, a list, or all.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { BinanceContext, BinanceHandler } from '../binance-context.js';
import { binancePrice, binanceQuantity, BINANCE_ZERO } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { reject, type BinanceParams } from '../request-params.js';
import { symbolList } from './exchange-info.js';
import { mergeById } from './recent-prints.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 * `symbol` answers one object; `symbols` (JSON array) or neither answers an array; both is -1128.
 * bookTicker: {"symbol","bidPrice","bidQty","askPrice","askQty"} (an empty side reads 0);
 * price: {"symbol","price"} with the last trade's price.
 */

function listingsOf(params: BinanceParams, context: BinanceContext): { listings: readonly SimListing[]; single: boolean } {
  const symbol = params.optionalSymbol('symbol');
  const symbols = params.optionalText('symbols');
  if (symbol !== undefined && symbols !== undefined) reject(BinanceErrors.badParameterCombination());
  if (symbol !== undefined) return { listings: [context.exchange.listing(symbol) ?? reject(BinanceErrors.invalidSymbol())], single: true };
  if (symbols !== undefined) return { listings: symbolList(symbols).map((name) => context.exchange.listing(name) ?? reject(BinanceErrors.invalidSymbol())), single: false };
  return { listings: context.exchange.listings, single: false };
}

function bookTickerJson(context: BinanceContext, listing: SimListing): Record<string, string> {
  const top = context.exchange.snapshot(listing.native, 1);
  const bid = top.bids[0];
  const ask = top.asks[0];
  const instrument = listing.instrument;
  return {
    symbol: listing.native,
    bidPrice: bid === undefined ? BINANCE_ZERO : binancePrice(instrument, bid.priceTicks),
    bidQty: bid === undefined ? BINANCE_ZERO : binanceQuantity(instrument, bid.sizeLots),
    askPrice: ask === undefined ? BINANCE_ZERO : binancePrice(instrument, ask.priceTicks),
    askQty: ask === undefined ? BINANCE_ZERO : binanceQuantity(instrument, ask.sizeLots),
  };
}

/** The last trade's price: the latest print or history trade before now (searching back up to a day). */
function lastPriceJson(context: BinanceContext, listing: SimListing): Record<string, string> {
  const nowMs = context.exchange.nowMs();
  const history = context.exchange.history(listing.native);
  for (let windowMs = 60_000; windowMs <= 86_400_000; windowMs *= 4) {
    const fromMs = nowMs - windowMs;
    const trades = mergeById(
      history.trades(fromMs, nowMs, Number.MAX_SAFE_INTEGER),
      context.prints.of(listing.native, (trade) => trade.tsMs >= fromMs && trade.tsMs < nowMs),
    );
    const last = trades[trades.length - 1];
    if (last !== undefined) return { symbol: listing.native, price: binancePrice(listing.instrument, last.priceTicks) };
  }
  return { symbol: listing.native, price: BINANCE_ZERO };
}

export const bookTicker: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'symbols', 'symbolStatus']);
  const { listings, single } = listingsOf(params, context);
  const answers = listings.map((listing) => bookTickerJson(context, listing));
  return { status: 200, body: single ? answers[0] : answers };
};

export const priceTicker: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'symbols', 'symbolStatus']);
  const { listings, single } = listingsOf(params, context);
  const answers = listings.map((listing) => lastPriceJson(context, listing));
  return { status: 200, body: single ? answers[0] : answers };
};
