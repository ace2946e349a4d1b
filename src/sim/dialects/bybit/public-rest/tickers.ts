// GET /v5/market/tickers: last price, best bid/ask, 24 h figures of one or every listing of a category.
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { bybitWireSymbol, isBybitAnyCategory, isBybitCategory } from '../bybit-listings.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/tickers: the REST field order differs from the
 * stream's, so each category lists it here (linear/inverse and spot tables of the docs). Values
 * come from market-stats.ts; fields for dated futures (delivery, basis) are "".
 */

const LINEAR_FIELDS = [
  'lastPrice', 'indexPrice', 'markPrice', 'prevPrice24h', 'price24hPcnt', 'highPrice24h', 'lowPrice24h', 'prevPrice1h',
  'openInterest', 'openInterestValue', 'turnover24h', 'volume24h', 'fundingRate', 'nextFundingTime', 'predictedDeliveryPrice',
  'basisRate', 'deliveryFeeRate', 'deliveryTime', 'ask1Size', 'bid1Price', 'ask1Price', 'bid1Size', 'basis', 'preOpenPrice',
  'preQty', 'curPreListingPhase',
] as const;
const SPOT_FIELDS = [
  'bid1Price', 'bid1Size', 'ask1Price', 'ask1Size', 'lastPrice', 'prevPrice24h', 'price24hPcnt', 'highPrice24h', 'lowPrice24h',
  'turnover24h', 'volume24h', 'usdIndexPrice',
] as const;
const DATED_ONLY: Readonly<Record<string, string>> = { predictedDeliveryPrice: '', basisRate: '', deliveryFeeRate: '', deliveryTime: '0', basis: '' };

export function handleTickers(request: SimHttpRequest, context: BybitContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const category = params.text('category');
  if (category === undefined || !isBybitAnyCategory(category)) return bybitFail(paramsError('Illegal category'), nowMs);
  const symbol = params.text('symbol');
  const listings = isBybitCategory(category) ? context.listings.ofCategory(category) : [];
  const selected = symbol === undefined ? listings : listings.filter((listing) => bybitWireSymbol(listing) === symbol);
  if (symbol !== undefined && selected.length === 0) return bybitFail(paramsError('Not supported symbols'), nowMs);
  const exchangeNowMs = context.exchange.nowMs();
  const list = selected.map((listing) => {
    const wire = bybitWireSymbol(listing);
    const fields = context.hub.tickerFields(category === 'spot' ? 'spot' : 'linear', wire, exchangeNowMs) ?? {};
    const names = category === 'spot' ? SPOT_FIELDS : LINEAR_FIELDS;
    const item: Record<string, string> = { symbol: wire };
    for (const name of names) item[name] = fields[name] ?? DATED_ONLY[name] ?? '';
    return item;
  });
  return bybitOk({ category, list }, nowMs);
}
