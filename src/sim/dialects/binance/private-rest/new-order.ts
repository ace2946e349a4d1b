// POST /api/v3/order and POST /api/v3/order/test.
import { formatDecimal } from '../../../../model/fixed-point.js';
import { authenticateSigned } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';
import { binanceDecimal } from '../binance-text.js';
import { requiredListing } from '../listing-lookup.js';
import { reject } from '../request-params.js';
import { orderAckJson, orderFullJson, orderResultJson } from './order-json.js';
import { binanceOrderRejection, NEW_ORDER_PARAMETERS, parseNewOrder } from './order-request.js';

/*
 * New order (TRADE): parameters checked (order-request.ts), then the matching engine decides.
 * The answer is ACK, RESULT or FULL (with the fills it made at once); transactTime is the
 * simulation time the order was matched at. Test new order (TRADE): the same checks, nothing is
 * placed; `{}`, or with computeCommissionRates=true the rates that would apply.
 */

export const newOrder: BinanceHandler = (request, params, context) => {
  params.acceptOnly(NEW_ORDER_PARAMETERS);
  const account = authenticateSigned(request, params, context.exchange);
  const listing = requiredListing(params, context.exchange);
  const { request: order, responseType } = parseNewOrder(listing, params);
  const result = context.exchange.placeOrder(account.accountId, order);
  if (!result.ok) reject(binanceOrderRejection(result.reason));
  const transactTime = context.exchange.nowMs();
  const body =
    responseType === 'ACK'
      ? orderAckJson(listing, result.order, transactTime)
      : responseType === 'RESULT'
        ? orderResultJson(listing, result.order, transactTime)
        : orderFullJson(listing, result.order, result.fills, transactTime);
  return { status: 200, body };
};

/** Commission rates as fractions with 8 decimals ("0.00100000" for 10 bps). */
function rateText(bps: number): string {
  return binanceDecimal(formatDecimal(bps, 4));
}

export const testOrder: BinanceHandler = (request, params, context) => {
  params.acceptOnly([...NEW_ORDER_PARAMETERS, 'computeCommissionRates']);
  authenticateSigned(request, params, context.exchange);
  const listing = requiredListing(params, context.exchange);
  parseNewOrder(listing, params);
  if (params.optionalText('computeCommissionRates') !== 'true') return { status: 200, body: {} };
  const zero = binanceDecimal('0');
  return {
    status: 200,
    body: {
      standardCommissionForOrder: { maker: rateText(context.exchange.fees.makerBps), taker: rateText(context.exchange.fees.takerBps) },
      specialCommissionForOrder: { maker: zero, taker: zero },
      taxCommissionForOrder: { maker: zero, taker: zero },
      discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: zero },
    },
  };
};
