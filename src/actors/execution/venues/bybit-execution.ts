// Bybit v5 spot as the live execution path reads it: order and execution JSON (exact text), instrument grid, orderLinkId lookups, and our request budget under its per-UID limits.
import { ZvtError } from '../../../model/errors.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../errors.js';
import type { ExecutionDialect, VenueOrderSnapshot } from '../execution-dialect.js';
import { rawDecimal, rawObject, rawText, type RawObject } from '../raw-fields.js';
import { implicitCall } from './implicit-call.js';

/*
 * https://bybit-exchange.github.io/docs/v5/ (order, execution, rate-limit):
 * - per-UID limits: spot create/cancel 20 per s, order/realtime and execution/list 50 per s (we
 *   budget half of each); the IP limit (600 per 5 s) is far above that;
 * - POST /v5/order/create {category, symbol, side Buy|Sell, orderType Market|Limit, qty, price,
 *   timeInForce GTC|IOC|FOK|PostOnly, orderLinkId ≤ 36 of [A-Za-z0-9_-], marketUnit}: a spot
 *   market BUY's qty is quote coin unless marketUnit=baseCoin, so we send baseCoin (our
 *   quantities are base). Sent through ccxt's signed implicit API with our exact text: ccxt's
 *   createOrder would ask the account mode first and reformat the numbers;
 * - GET /v5/order/realtime with orderLinkId answers that order whatever its status (the lookup
 *   after a lost answer and the status of an order this process did not place);
 * - order JSON: orderId, orderLinkId, orderStatus New | PartiallyFilled | Untriggered | Filled |
 *   Cancelled | PartiallyFilledCanceled | Rejected | Deactivated, cancelType (CancelByUser for
 *   ours), rejectReason (EC_PostOnlyWillTakeLiquidity: a PostOnly order that would take is
 *   accepted and cancelled at once, reported as a post-only refusal), qty, cumExecQty, price
 *   ("0" for market);
 * - executions: execId, orderId, execPrice, execQty, execFee, feeCurrency, isMaker;
 * - a signed request is refused when its timestamp is older than recv_window (5000) or more than
 *   1 s ahead: 6 s after sending, an unanswered order request can no longer be acted on;
 * - errors (retCode, retMsg): 170131 insufficient balance, 170141 duplicate orderLinkId, 170213
 *   order does not exist, 170134/170137 price/qty decimals, 170136/170140 below minimum
 *   quantity/value, 10006 rate limit (ccxt's classes: InsufficientFunds, InvalidOrder,
 *   OrderNotFound, RateLimitExceeded; the text is sorted in venue-error.ts).
 */
const VENUE = 'bybit';

function firstOfList(answer: RawObject): unknown[] {
  const result = rawObject(VENUE, 'result', answer.result);
  const list = result.list;
  if (!Array.isArray(list)) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: result.list is not a list in ${JSON.stringify(answer).slice(0, 300)}`);
  return list as unknown[];
}

function status(order: RawObject): VenueOrderSnapshot['status'] {
  const state = rawText(VENUE, order, 'orderStatus');
  switch (state) {
    case 'New':
    case 'PartiallyFilled':
    case 'Untriggered':
      return 'open';
    case 'Filled':
      return 'filled';
    case 'Cancelled':
    case 'PartiallyFilledCanceled':
    case 'Deactivated': {
      if (order.rejectReason === 'EC_PostOnlyWillTakeLiquidity') return 'post_only_refused';
      // Ours are cancelled by us (CancelByUser); anything else the venue ended: an IOC/FOK/market remainder.
      return order.cancelType === 'CancelByUser' ? 'canceled' : 'expired';
    }
    case 'Rejected':
      return 'rejected';
    default:
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: unknown order status ${JSON.stringify(state)}`);
  }
}

export const BYBIT_EXECUTION: ExecutionDialect = {
  venue: VENUE,
  ccxtOptions: { fetchMarkets: { types: ['spot'] }, fetchOrder: { acknowledged: true }, recvWindow: 5000 },
  requestExpiryMs: 6000,
  budgetRules: [
    { name: 'ORDER', limit: 10, windowMs: 1000, aligned: false },
    { name: 'QUERY', limit: 25, windowMs: 1000, aligned: false },
  ],
  costs: {
    place: { ORDER: 1 },
    cancel: { ORDER: 1 },
    fetchOrder: { QUERY: 1 },
    fetchOpenOrders: { QUERY: 1 },
    fetchFills: { QUERY: 1 },
  },
  maxClientOrderIdLength: 36,
  marketRules(info) {
    const market = rawObject(VENUE, 'instrument', info);
    const price = rawObject(VENUE, 'priceFilter', market.priceFilter);
    const lot = rawObject(VENUE, 'lotSizeFilter', market.lotSizeFilter);
    return {
      tickSize: rawDecimal(VENUE, price, 'tickSize'),
      lotSize: rawDecimal(VENUE, lot, 'basePrecision'),
      minQuantity: rawDecimal(VENUE, lot, 'minOrderQty'),
      minNotional: typeof lot.minOrderAmt === 'string' ? rawDecimal(VENUE, lot, 'minOrderAmt') : null,
    };
  },
  readOrder(info) {
    const order = rawObject(VENUE, 'order', info);
    const type = rawText(VENUE, order, 'orderType');
    if (type === 'Market' && order.marketUnit === 'quoteCoin') {
      // Only an order placed elsewhere: ours are base-sized. Its qty is quote coin, not a quantity.
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: order ${String(order.orderId)} is a quote-sized market order (not placed by zvt)`);
    }
    const linkId = typeof order.orderLinkId === 'string' && order.orderLinkId !== '' ? order.orderLinkId : null;
    return {
      orderId: rawText(VENUE, order, 'orderId'),
      clientOrderId: linkId,
      status: status(order),
      quantity: rawDecimal(VENUE, order, 'qty'),
      filled: rawDecimal(VENUE, order, 'cumExecQty'),
      price: type === 'Market' ? null : rawDecimal(VENUE, order, 'price'),
    };
  },
  readFill(info) {
    const fill = rawObject(VENUE, 'execution', info);
    return {
      tradeId: rawText(VENUE, fill, 'execId'),
      orderId: rawText(VENUE, fill, 'orderId'),
      price: rawDecimal(VENUE, fill, 'execPrice'),
      quantity: rawDecimal(VENUE, fill, 'execQty'),
      fee: rawDecimal(VENUE, fill, 'execFee'),
      feeAsset: rawText(VENUE, fill, 'feeCurrency'),
      liquidity: fill.isMaker === true ? 'maker' : 'taker',
    };
  },
  calls: {
    async placeOrder(exchange, order) {
      const body: Record<string, string> = {
        category: 'spot',
        symbol: order.marketId,
        side: order.side === 'buy' ? 'Buy' : 'Sell',
        orderType: order.type === 'market' ? 'Market' : 'Limit',
        qty: order.quantity,
        orderLinkId: order.clientOrderId,
      };
      if (order.type === 'market') body.marketUnit = 'baseCoin';
      else {
        body.price = order.price!;
        body.timeInForce = order.postOnly ? 'PostOnly' : order.timeInForce;
      }
      const answer = await implicitCall(exchange, 'privatePostV5OrderCreate', body);
      return rawText(VENUE, rawObject(VENUE, 'result', answer.result), 'orderId');
    },
    async fetchOrderByClientId(exchange, marketId, clientOrderId) {
      const answer = await implicitCall(exchange, 'privateGetV5OrderRealtime', { category: 'spot', symbol: marketId, orderLinkId: clientOrderId });
      return firstOfList(answer)[0] ?? null;
    },
    async fetchFills(exchange, marketId, orderId) {
      // 100 per page, newest first; an order with more fills pages on with nextPageCursor.
      const fills: unknown[] = [];
      let cursor = '';
      do {
        const answer = await implicitCall(exchange, 'privateGetV5ExecutionList', { category: 'spot', symbol: marketId, orderId, limit: 100, ...(cursor === '' ? {} : { cursor }) });
        fills.push(...firstOfList(answer));
        const next = rawObject(VENUE, 'result', answer.result).nextPageCursor;
        cursor = typeof next === 'string' && next !== cursor ? next : '';
      } while (cursor !== '');
      // The venue lists newest first; fills are reported in the order they happened.
      return fills.reverse();
    },
  },
};
