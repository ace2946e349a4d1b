// GET /api/v5/public/instruments: the exchange's SPOT and SWAP listings as OKX instruments (FUTURES, OPTION and MARGIN are empty).
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { sizeText } from '../../../market/sim-instrument.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { requiredParam } from './query-params.js';

/*
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments; member order as in the
 * documentation's example. Every listing is `state: "live"`.
 * - SPOT: baseCcy/quoteCcy set, contract fields empty, lever "" (no margin trading here).
 * - SWAP: linear, USDT-margined: baseCcy/quoteCcy empty, instFamily/uly BASE-QUOTE, settleCcy the
 *   quote, ctType linear, ctVal "1" and ctMult "1" in the base (one contract is one base unit, so
 *   sz in contracts equals the base amount and lotSz/minSz are the instrument's), lever "1"
 *   (the simulator's margin is the full notional).
 * - instType FUTURES, OPTION and MARGIN are valid and list nothing; anything else is 51000.
 */

const INSTRUMENT_TYPES = new Set(['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION']);
const MAX_SIZE = '9999999999';

export function instrumentJson(listing: SimListing, listTimeMs: number, instIdCode: number): Record<string, unknown> {
  const instrument = listing.instrument;
  const spot = listing.category === 'SPOT';
  const family = `${instrument.base}-${instrument.quote}`;
  return {
    alias: '',
    auctionEndTime: '',
    baseCcy: spot ? instrument.base : '',
    category: '1',
    ctMult: spot ? '' : '1',
    ctType: spot ? '' : 'linear',
    ctVal: spot ? '' : '1',
    ctValCcy: spot ? '' : instrument.base,
    contTdSwTime: msText(listTimeMs),
    expTime: '',
    futureSettlement: false,
    groupId: '1',
    instFamily: spot ? '' : family,
    instId: listing.native,
    instType: listing.category,
    lever: spot ? '' : '1',
    listTime: msText(listTimeMs),
    lotSz: instrument.lotSize,
    maxIcebergSz: MAX_SIZE,
    maxLmtAmt: '20000000',
    maxLmtSz: MAX_SIZE,
    maxMktAmt: '1000000',
    maxMktSz: spot ? '1000000' : MAX_SIZE,
    maxStopSz: MAX_SIZE,
    maxTriggerSz: MAX_SIZE,
    maxTwapSz: MAX_SIZE,
    minSz: sizeText(instrument, instrument.minSizeLots),
    optType: '',
    openType: '',
    preMktSwTime: '',
    quoteCcy: spot ? instrument.quote : '',
    tradeQuoteCcyList: spot ? [instrument.quote] : [],
    settleCcy: spot ? '' : instrument.quote,
    state: 'live',
    ruleType: 'normal',
    stk: '',
    tickSz: instrument.tickSize,
    uly: spot ? '' : family,
    instIdCode,
    upcChg: [],
  };
}

export function handleInstruments(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instType = requiredParam(request.query, 'instType');
  if (!instType.ok) return okxErrorResponse(instType.error);
  if (!INSTRUMENT_TYPES.has(instType.value)) return okxErrorResponse(parameterError('instType'));
  const instId = request.query.get('instId');
  const listings = context.exchange.listings.filter((listing) => listing.category === instType.value);
  if (instId !== null && instId !== '') {
    const listing = listings.find((candidate) => candidate.native === instId);
    if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
    return okxDataResponse([instrumentJsonOf(context, listing)]);
  }
  return okxDataResponse(listings.map((listing) => instrumentJsonOf(context, listing)));
}

function instrumentJsonOf(context: OkxContext, listing: SimListing): Record<string, unknown> {
  const index = context.exchange.listings.indexOf(listing);
  return instrumentJson(listing, context.exchange.history(listing.native).originMs, 1_000_000_000 + index);
}
