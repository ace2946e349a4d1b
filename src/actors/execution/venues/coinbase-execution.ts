// Coinbase Advanced Trade spot as the live execution path reads it: order and fill JSON (exact text), product grid, client_order_id semantics, and our request budget under 30/s.
import ccxt from 'ccxt';
import { ZvtError } from '../../../model/errors.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../errors.js';
import type { ExecutionDialect, VenueOrderParams, VenueOrderSnapshot } from '../execution-dialect.js';
import { rawDecimal, rawObject, rawText, type RawObject } from '../raw-fields.js';
import { implicitCall } from './implicit-call.js';

/*
 * https://docs.cdp.coinbase.com/advanced-trade/docs/ (REST API, rate limits):
 * - private endpoints: 30 requests per second per key; we budget 15 (sliding 1 s window);
 * - POST /api/v3/brokerage/orders {client_order_id, product_id, side, order_configuration}:
 *   market_market_ioc {base_size}, limit_limit_gtc {base_size, limit_price, post_only},
 *   sor_limit_ioc {base_size, limit_price}, limit_limit_fok {base_size, limit_price}. Sent through
 *   ccxt's signed implicit API with our exact text: ccxt's createOrder sizes a market buy in quote
 *   (quote_size) and replaces client ids with its own;
 * - a client_order_id used before is not placed again: Coinbase answers with the order that holds
 *   it (the create-order reference's description of client_order_id as we read it; the simulator
 *   does the same, docs/simulator/coinbase.md). A re-sent order after a lost answer can therefore
 *   never be a second order, whenever the lost request lands;
 * - refusals are HTTP 200 {success: false, error_response: {error, message, preview_failure_reason}}:
 *   INSUFFICIENT_FUND, INVALID_LIMIT_PRICE_POST_ONLY, INVALID_PRICE_PRECISION, INVALID_SIZE_PRECISION,
 *   PREVIEW_INVALID_BASE_SIZE_TOO_SMALL / _QUOTE_SIZE_TOO_SMALL, INVALID_NO_LIQUIDITY ...;
 * - GET /orders/historical/{order_id}: by venue id only. There is no lookup by client id: the
 *   lookup reads GET /orders/historical/batch of the product (newest first, 1000 a page, at most
 *   LOOKUP_PAGES pages) and picks the client_order_id;
 * - order JSON: order_id, client_order_id, status OPEN | PENDING | QUEUED | CANCEL_QUEUED | FILLED |
 *   CANCELLED | EXPIRED (an IOC/FOK remainder) | FAILED, filled_size, order_configuration;
 * - fills (GET /orders/historical/fills?order_id=): trade_id, order_id, price, size, commission
 *   (in the quote currency), liquidity_indicator MAKER | TAKER, size_in_quote.
 */
const VENUE = 'coinbase';
const LOOKUP_PAGES = 3;
const PAGE = 1000;

function status(order: RawObject): VenueOrderSnapshot['status'] {
  const state = rawText(VENUE, order, 'status');
  switch (state) {
    case 'OPEN':
    case 'PENDING':
    case 'QUEUED':
    case 'CANCEL_QUEUED':
      return 'open';
    case 'FILLED':
      return 'filled';
    case 'CANCELLED':
      return 'canceled';
    case 'EXPIRED':
      return 'expired';
    case 'FAILED':
      return 'rejected';
    default:
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: unknown order status ${JSON.stringify(state)}`);
  }
}

/** The one configuration object of an order ({base_size, limit_price?, post_only?}). */
function configuration(order: RawObject): { kind: string; target: RawObject } {
  const config = rawObject(VENUE, 'order_configuration', order.order_configuration);
  const kinds = Object.keys(config).filter((key) => config[key] !== null && config[key] !== undefined);
  if (kinds.length !== 1) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: order_configuration has ${kinds.length} kinds: ${JSON.stringify(config).slice(0, 200)}`);
  return { kind: kinds[0]!, target: rawObject(VENUE, kinds[0]!, config[kinds[0]!]) };
}

function orderConfiguration(order: VenueOrderParams): Record<string, Record<string, string | boolean>> {
  if (order.type === 'market') return { market_market_ioc: { base_size: order.quantity } };
  const limit = { base_size: order.quantity, limit_price: order.price! };
  if (order.postOnly) return { limit_limit_gtc: { ...limit, post_only: true } };
  if (order.timeInForce === 'IOC') return { sor_limit_ioc: limit };
  if (order.timeInForce === 'FOK') return { limit_limit_fok: limit };
  return { limit_limit_gtc: { ...limit, post_only: false } };
}

/** A refusal as ccxt's error class; the text keeps Coinbase's codes and message. */
function refusal(answer: RawObject): Error {
  const response = rawObject(VENUE, 'error_response', answer.error_response ?? {});
  const error = typeof response.error === 'string' ? response.error : 'UNKNOWN';
  const preview = typeof response.preview_failure_reason === 'string' ? response.preview_failure_reason : '';
  const message = typeof response.message === 'string' ? response.message : JSON.stringify(response).slice(0, 200);
  const text = `${VENUE} ${error}${preview === '' ? '' : `/${preview}`}: ${message}`;
  if (error === 'INSUFFICIENT_FUND' || preview === 'PREVIEW_INSUFFICIENT_FUND') return new ccxt.InsufficientFunds(text);
  if (error === 'INVALID_LIMIT_PRICE_POST_ONLY') return new ccxt.OrderImmediatelyFillable(text);
  if (error === 'INVALID_PRODUCT_ID') return new ccxt.BadSymbol(text);
  return new ccxt.InvalidOrder(text);
}

export const COINBASE_EXECUTION: ExecutionDialect = {
  venue: VENUE,
  ccxtOptions: {},
  // ccxt's JWT lives 120 s, so a lost request may still land later than any wait; harmless here,
  // since Coinbase answers a re-sent client_order_id with the order that holds it (see above).
  requestExpiryMs: 1000,
  budgetRules: [{ name: 'PRIVATE', limit: 15, windowMs: 1000, aligned: false }],
  costs: {
    place: { PRIVATE: 1 },
    cancel: { PRIVATE: 1 },
    fetchOrder: { PRIVATE: 1 },
    fetchOpenOrders: { PRIVATE: 1 },
    fetchFills: { PRIVATE: 1 },
  },
  // Coinbase publishes no bound; ccxt's own ids are 41 characters ("ccxt-" + a UUID), ours 32.
  maxClientOrderIdLength: 41,
  marketRules(info) {
    const product = rawObject(VENUE, 'product', info);
    return {
      tickSize: rawDecimal(VENUE, product, 'quote_increment'),
      lotSize: rawDecimal(VENUE, product, 'base_increment'),
      minQuantity: rawDecimal(VENUE, product, 'base_min_size'),
      minNotional: typeof product.quote_min_size === 'string' && product.quote_min_size !== '' ? rawDecimal(VENUE, product, 'quote_min_size') : null,
    };
  },
  readOrder(info) {
    const order = rawObject(VENUE, 'order', info);
    const { kind, target } = configuration(order);
    if (typeof target.base_size !== 'string') {
      // Only an order placed elsewhere (a quote-sized market buy): ours always carry base_size.
      throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: order ${String(order.order_id)} has no base_size (${kind}; not placed by zvt)`);
    }
    const clientOrderId = typeof order.client_order_id === 'string' && order.client_order_id !== '' ? order.client_order_id : null;
    return {
      orderId: rawText(VENUE, order, 'order_id'),
      clientOrderId,
      status: status(order),
      quantity: rawDecimal(VENUE, target, 'base_size'),
      filled: rawDecimal(VENUE, order, 'filled_size'),
      price: typeof target.limit_price === 'string' ? rawDecimal(VENUE, target, 'limit_price') : null,
    };
  },
  readFill(info) {
    const fill = rawObject(VENUE, 'fill', info);
    if (fill.size_in_quote === true) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: fill ${String(fill.trade_id)} is sized in quote (not an order placed by zvt)`);
    const product = rawText(VENUE, fill, 'product_id');
    return {
      tradeId: rawText(VENUE, fill, 'trade_id'),
      orderId: rawText(VENUE, fill, 'order_id'),
      price: rawDecimal(VENUE, fill, 'price'),
      quantity: rawDecimal(VENUE, fill, 'size'),
      fee: rawDecimal(VENUE, fill, 'commission'),
      // Coinbase charges spot fees in the quote currency.
      feeAsset: product.slice(product.lastIndexOf('-') + 1),
      liquidity: fill.liquidity_indicator === 'MAKER' ? 'maker' : 'taker',
    };
  },
  calls: {
    async placeOrder(exchange, order) {
      const body = { client_order_id: order.clientOrderId, product_id: order.marketId, side: order.side === 'buy' ? 'BUY' : 'SELL', order_configuration: orderConfiguration(order) };
      const answer = await implicitCall(exchange, 'v3PrivatePostBrokerageOrders', body);
      if (answer.success !== true) throw refusal(answer);
      return rawText(VENUE, rawObject(VENUE, 'success_response', answer.success_response), 'order_id');
    },
    async fetchOrderByClientId(exchange, marketId, clientOrderId) {
      let cursor = '';
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const answer = await implicitCall(exchange, 'v3PrivateGetBrokerageOrdersHistoricalBatch', { product_ids: marketId, limit: PAGE, ...(cursor === '' ? {} : { cursor }) });
        const orders = answer.orders;
        if (!Array.isArray(orders)) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: orders/historical/batch answered no orders list`);
        const found = (orders as unknown[]).find((entry) => rawObject(VENUE, 'order', entry).client_order_id === clientOrderId);
        if (found !== undefined) return found;
        if (answer.has_next !== true || typeof answer.cursor !== 'string' || answer.cursor === '') return null;
        cursor = answer.cursor;
      }
      return null;
    },
    async fetchFills(exchange, marketId, orderId) {
      const fills: unknown[] = [];
      let cursor = '';
      do {
        const answer = await implicitCall(exchange, 'v3PrivateGetBrokerageOrdersHistoricalFills', { order_ids: orderId, product_ids: marketId, limit: PAGE, ...(cursor === '' ? {} : { cursor }) });
        if (!Array.isArray(answer.fills)) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${VENUE}: orders/historical/fills answered no fills list`);
        fills.push(...(answer.fills as unknown[]));
        const next = typeof answer.cursor === 'string' ? answer.cursor : '';
        cursor = next !== cursor ? next : '';
      } while (cursor !== '');
      // The venue lists newest first; fills are reported in the order they happened.
      return fills.reverse();
    },
  },
};
