// OKX spot as the live execution path reads it: order and fill JSON (exact text), instrument grid, and our request budget under its limits.
import { ZvtError } from '../../../model/errors.js';
import { negateDecimal } from '../decimal-text.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../errors.js';
import type { ExecutionDialect, VenueOrderSnapshot } from '../execution-dialect.js';
import { rawDecimal, rawObject, rawText } from '../raw-fields.js';

/*
 * https://www.okx.com/docs-v5/en/ (trade):
 * - limits: place and cancel 60 per 2 s per user and instrument, order details and
 *   orders-pending 60 per 2 s, fills 60 per 2 s; we budget half of each (sliding 2 s windows);
 * - order JSON: ordId, clOrdId, px ('' for market), sz, accFillSz, ordType, state
 *   live | partially_filled | filled | canceled | mmp_canceled, cancelSource ("1" the user,
 *   "14"/"0" the system ended an IOC/FOK/market rest, "31" a post-only order that would take:
 *   OKX accepts it and cancels it at once, so it is reported as a post-only refusal);
 * - fills: tradeId, ordId, fillPx, fillSz, fee (signed: a charge is negative), feeCcy, execType T/M;
 * - clOrdId: up to 32 letters and digits.
 */
const VENUE = 'okx';
const IMMEDIATE_TYPES: ReadonlySet<string> = new Set(['market', 'ioc', 'fok', 'optimal_limit_ioc']);

function status(order: Readonly<Record<string, unknown>>): VenueOrderSnapshot['status'] {
  const state = rawText(VENUE, order, 'state');
  switch (state) {
    case 'live':
    case 'partially_filled':
      return 'open';
    case 'filled':
      return 'filled';
    case 'canceled':
    case 'mmp_canceled': {
      const source = typeof order.cancelSource === 'string' ? order.cancelSource : '';
      if (source === '31') return 'post_only_refused';
      if (source !== '1' && IMMEDIATE_TYPES.has(rawText(VENUE, order, 'ordType'))) return 'expired';
      return 'canceled';
    }
    default:
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: unknown order state ${JSON.stringify(state)}`);
  }
}

export const OKX_EXECUTION: ExecutionDialect = {
  venue: VENUE,
  ccxtOptions: { fetchMarkets: { types: ['spot'] } },
  // OKX's expTime header would bound this; ccxt 4.5.84 does not send it, so this is a judgement, not a guarantee.
  requestExpiryMs: 5000,
  budgetRules: [
    { name: 'ORDER', limit: 30, windowMs: 2000, aligned: false },
    { name: 'CANCEL', limit: 30, windowMs: 2000, aligned: false },
    { name: 'QUERY', limit: 30, windowMs: 2000, aligned: false },
    { name: 'PENDING', limit: 30, windowMs: 2000, aligned: false },
    { name: 'FILLS', limit: 30, windowMs: 2000, aligned: false },
  ],
  costs: {
    place: { ORDER: 1 },
    cancel: { CANCEL: 1 },
    fetchOrder: { QUERY: 1 },
    fetchOpenOrders: { PENDING: 1 },
    fetchFills: { FILLS: 1 },
  },
  maxClientOrderIdLength: 32,
  marketRules(info) {
    const market = rawObject(VENUE, 'instrument', info);
    return {
      tickSize: rawDecimal(VENUE, market, 'tickSz'),
      lotSize: rawDecimal(VENUE, market, 'lotSz'),
      minQuantity: rawDecimal(VENUE, market, 'minSz'),
      minNotional: null,
    };
  },
  readOrder(info) {
    const order = rawObject(VENUE, 'order', info);
    const px = rawText(VENUE, order, 'px');
    return {
      orderId: rawText(VENUE, order, 'ordId'),
      clientOrderId: typeof order.clOrdId === 'string' && order.clOrdId !== '' ? order.clOrdId : null,
      status: status(order),
      quantity: rawDecimal(VENUE, order, 'sz'),
      filled: rawDecimal(VENUE, order, 'accFillSz'),
      price: px === '' ? null : rawDecimal(VENUE, order, 'px'),
    };
  },
  readFill(info) {
    const fill = rawObject(VENUE, 'fill', info);
    return {
      tradeId: rawText(VENUE, fill, 'tradeId'),
      orderId: rawText(VENUE, fill, 'ordId'),
      price: rawDecimal(VENUE, fill, 'fillPx'),
      quantity: rawDecimal(VENUE, fill, 'fillSz'),
      fee: negateDecimal(rawDecimal(VENUE, fill, 'fee')),
      feeAsset: rawText(VENUE, fill, 'feeCcy'),
      liquidity: rawText(VENUE, fill, 'execType') === 'M' ? 'maker' : 'taker',
    };
  },
};
