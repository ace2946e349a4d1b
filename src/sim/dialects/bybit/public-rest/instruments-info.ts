// GET /v5/market/instruments-info: the exchange's listings as Bybit instruments, linear paginated by cursor.
import { formatDecimal } from '../../../../model/fixed-point.js';
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { instrumentScales, priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { bybitWireSymbol, isBybitAnyCategory } from '../bybit-listings.js';
import { bybitLotSize, bybitPrice, bybitPriceScale, bybitSize, bybitTickSize } from '../bybit-text.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/instrument. Shapes follow the recorded answers
 * (linear BTCUSDT, spot BTCUSDT): every field Bybit sends, in its order. Values the simulator does
 * not model are stated as such: maxima are large bounds the matching engine does not enforce
 * (1e9 lots, 1e8 quote), leverage 1..100, the 8 h funding schedule, launchTime = the market
 * model's origin. quotePrecision is tick × lot, the precision of a quote amount.
 *
 * Paging: "Spot does not support pagination, so limit, cursor are invalid": spot answers all its
 * pairs and no nextPageCursor. Other categories page by symbol order: limit [1, 1000], default
 * 500; nextPageCursor is "first%3D<first>%26last%3D<last>" of the page when more follow (the
 * documented format) and "" after the last page; `cursor` continues after its `last`. status
 * filters (default Trading; every simulated instrument trades), baseCoin filters linear.
 */

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1000;
const MAX_ORDER_LOTS = 1_000_000_000;
const MAX_ORDER_AMOUNT = '100000000';
const MAX_PRICE_TICKS = 999_999_999;

function linearItem(listing: SimListing, launchMs: number, symbolId: number): Record<string, unknown> {
  const instrument = listing.instrument;
  return {
    symbol: bybitWireSymbol(listing),
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: instrument.base,
    quoteCoin: instrument.quote,
    launchTime: String(launchMs),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: bybitPriceScale(listing),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: bybitTickSize(listing), maxPrice: bybitPrice(listing, MAX_PRICE_TICKS), tickSize: bybitTickSize(listing) },
    lotSizeFilter: {
      maxOrderQty: bybitSize(listing, MAX_ORDER_LOTS),
      minOrderQty: bybitSize(listing, instrument.minSizeLots),
      qtyStep: bybitLotSize(listing),
      postOnlyMaxOrderQty: bybitSize(listing, MAX_ORDER_LOTS),
      maxMktOrderQty: bybitSize(listing, MAX_ORDER_LOTS),
      minNotionalValue: instrument.minNotional,
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: instrument.quote,
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    displayName: '',
    symbolType: '',
    forbidUplWithdrawal: false,
    symbolId,
  };
}

function spotItem(listing: SimListing, symbolId: number): Record<string, unknown> {
  const instrument = listing.instrument;
  const scales = instrumentScales(instrument);
  const quotePrecision = formatDecimal(scales.tickMantissa * scales.lotMantissa, instrument.priceDecimals + instrument.sizeDecimals);
  return {
    symbolId,
    symbol: bybitWireSymbol(listing),
    baseCoin: instrument.base,
    quoteCoin: instrument.quote,
    innovation: '0',
    status: 'Trading',
    marginTrading: 'utaOnly',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: sizeText(instrument, 1),
      quotePrecision,
      minOrderQty: sizeText(instrument, instrument.minSizeLots),
      maxOrderQty: sizeText(instrument, MAX_ORDER_LOTS),
      minOrderAmt: instrument.minNotional,
      maxOrderAmt: MAX_ORDER_AMOUNT,
      maxLimitOrderQty: sizeText(instrument, MAX_ORDER_LOTS),
      maxMarketOrderQty: sizeText(instrument, MAX_ORDER_LOTS),
      postOnlyMaxLimitOrderSize: sizeText(instrument, MAX_ORDER_LOTS),
    },
    priceFilter: { tickSize: priceText(instrument, 1) },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
    symbolType: '',
    xstockMultiplier: '1',
  };
}

/** The symbol after which a cursor continues, or null when it is not one of ours. */
export function cursorLast(cursor: string): string | null {
  let text = cursor;
  // Clients pass it raw (ccxt) or percent-encoded once more: undo what encoding there is.
  for (let round = 0; round < 3 && !text.includes('&'); round++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  const match = /^first=([A-Z0-9]+)&last=([A-Z0-9]+)$/.exec(text);
  return match === null ? null : match[2]!;
}

export function pageCursor(first: string, last: string): string {
  return encodeURIComponent(`first=${first}&last=${last}`);
}

export function handleInstrumentsInfo(request: SimHttpRequest, context: BybitContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const category = params.text('category');
  if (category === undefined || !isBybitAnyCategory(category)) return bybitFail(paramsError('Illegal category'), nowMs);
  const limit = params.integer('limit');
  if (limit === null || (limit !== undefined && (limit < 1 || limit > MAX_LIMIT))) return bybitFail(paramsError('params error: limit invalid'), nowMs);
  const symbol = params.text('symbol');
  const status = params.text('status') ?? 'Trading';
  const baseCoin = params.text('baseCoin');

  const listings = category === 'spot' || category === 'linear' ? context.listings.ofCategory(category) : [];
  const matching = listings.filter(
    (listing) =>
      status === 'Trading' &&
      (symbol === undefined || bybitWireSymbol(listing) === symbol) &&
      (baseCoin === undefined || category === 'spot' || listing.instrument.base === baseCoin),
  );
  const symbolIdOf = (listing: SimListing): number => context.exchange.listings.indexOf(listing) + 1;

  if (category === 'spot') {
    return bybitOk({ category, list: matching.map((listing) => spotItem(listing, symbolIdOf(listing))) }, nowMs);
  }
  const cursor = params.text('cursor');
  let start = 0;
  if (cursor !== undefined) {
    const last = cursorLast(cursor);
    if (last === null) return bybitFail(paramsError('params error: cursor invalid'), nowMs);
    start = matching.findIndex((listing) => bybitWireSymbol(listing) > last);
    if (start < 0) start = matching.length;
  }
  const page = matching.slice(start, start + (limit ?? DEFAULT_LIMIT));
  const more = start + page.length < matching.length;
  const nextPageCursor = more ? pageCursor(bybitWireSymbol(page[0]!), bybitWireSymbol(page[page.length - 1]!)) : '';
  const launchMs = (listing: SimListing): number => context.exchange.history(listing.native).originMs;
  return bybitOk({ category, list: page.map((listing) => linearItem(listing, launchMs(listing), symbolIdOf(listing))), nextPageCursor }, nowMs);
}
