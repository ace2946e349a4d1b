// Binance spot as the live execution path reads it: order and fill JSON (exact text), exchangeInfo filters, and our request budget under its limits.
import { ZvtError } from '../../../model/errors.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../errors.js';
import type { ExecutionDialect, VenueOrderSnapshot } from '../execution-dialect.js';
import { rawDecimal, rawObject, rawText } from '../raw-fields.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api (spot):
 * - limits: REQUEST_WEIGHT 6000 per minute per IP (shared with the market-data adapter on the
 *   same IP, so this path budgets 1200), ORDERS 100 per 10 s per account (we budget 50);
 * - weights: order 1, GET order 4, openOrders with a symbol 6, myTrades with orderId 5, cancel 1;
 * - order JSON: orderId (number), clientOrderId, price, origQty, executedQty, status
 *   NEW | PARTIALLY_FILLED | FILLED | CANCELED | PENDING_CANCEL | REJECTED | EXPIRED | EXPIRED_IN_MATCH;
 *   myTrades rows: id, orderId, price, qty, commission, commissionAsset, isMaker.
 * - a signed request is refused once serverTime − timestamp > recvWindow (5000 here) or timestamp ≥
 *   serverTime + 1000: 6 s after sending, an unanswered order request can no longer be acted on;
 * - a post-only order (LIMIT_MAKER) that would take is refused outright (-2010), never accepted.
 */
const VENUE = 'binance';

function status(text: string): VenueOrderSnapshot['status'] {
  switch (text) {
    case 'NEW':
    case 'PARTIALLY_FILLED':
    case 'PENDING_NEW':
      return 'open';
    case 'FILLED':
      return 'filled';
    case 'CANCELED':
    case 'PENDING_CANCEL':
      return 'canceled';
    case 'EXPIRED':
    case 'EXPIRED_IN_MATCH':
      return 'expired';
    case 'REJECTED':
      return 'rejected';
    default:
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: unknown order status ${JSON.stringify(text)}`);
  }
}

function filter(filters: unknown, type: string): Readonly<Record<string, unknown>> | undefined {
  if (!Array.isArray(filters)) return undefined;
  for (const entry of filters as unknown[]) {
    const object = rawObject(VENUE, 'filter', entry);
    if (object.filterType === type) return object;
  }
  return undefined;
}

export const BINANCE_EXECUTION: ExecutionDialect = {
  venue: VENUE,
  // recvWindow 5000: a signed request reaching Binance more than 5 s after its timestamp is refused (-1021).
  ccxtOptions: { fetchMarkets: { types: ['spot'] }, recvWindow: 5000 },
  requestExpiryMs: 6000,
  budgetRules: [
    { name: 'REQUEST_WEIGHT', limit: 1200, windowMs: 60_000, aligned: true },
    { name: 'ORDERS', limit: 50, windowMs: 10_000, aligned: true },
  ],
  costs: {
    place: { REQUEST_WEIGHT: 1, ORDERS: 1 },
    cancel: { REQUEST_WEIGHT: 1 },
    fetchOrder: { REQUEST_WEIGHT: 4 },
    fetchOpenOrders: { REQUEST_WEIGHT: 6 },
    fetchFills: { REQUEST_WEIGHT: 5 },
  },
  maxClientOrderIdLength: 36,
  marketRules(info) {
    const market = rawObject(VENUE, 'market', info);
    const price = filter(market.filters, 'PRICE_FILTER');
    const lot = filter(market.filters, 'LOT_SIZE');
    if (price === undefined || lot === undefined) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: ${String(market.symbol)} has no PRICE_FILTER or LOT_SIZE`);
    const notional = filter(market.filters, 'NOTIONAL') ?? filter(market.filters, 'MIN_NOTIONAL');
    return {
      tickSize: rawDecimal(VENUE, price, 'tickSize'),
      lotSize: rawDecimal(VENUE, lot, 'stepSize'),
      minQuantity: rawDecimal(VENUE, lot, 'minQty'),
      minNotional: notional === undefined ? null : rawDecimal(VENUE, notional, 'minNotional'),
    };
  },
  readOrder(info) {
    const order = rawObject(VENUE, 'order', info);
    const type = rawText(VENUE, order, 'type');
    return {
      orderId: rawText(VENUE, order, 'orderId'),
      clientOrderId: typeof order.clientOrderId === 'string' ? order.clientOrderId : null,
      status: status(rawText(VENUE, order, 'status')),
      quantity: rawDecimal(VENUE, order, 'origQty'),
      filled: rawDecimal(VENUE, order, 'executedQty'),
      price: type === 'MARKET' ? null : rawDecimal(VENUE, order, 'price'),
    };
  },
  readFill(info) {
    const fill = rawObject(VENUE, 'trade', info);
    return {
      tradeId: rawText(VENUE, fill, 'id'),
      orderId: rawText(VENUE, fill, 'orderId'),
      price: rawDecimal(VENUE, fill, 'price'),
      quantity: rawDecimal(VENUE, fill, 'qty'),
      fee: rawDecimal(VENUE, fill, 'commission'),
      feeAsset: rawText(VENUE, fill, 'commissionAsset'),
      liquidity: fill.isMaker === true ? 'maker' : 'taker',
    };
  },
};
