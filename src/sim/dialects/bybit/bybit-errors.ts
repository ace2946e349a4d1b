// Bybit v5 retCodes and retMsgs the simulator answers with, and the matching engine's rejections mapped to them.
import type { SimRejectReason } from '../../matching/matching-types.js';
import type { BybitCategory } from './bybit-ids.js';

/*
 * Codes from https://bybit-exchange.github.io/docs/v5/error ("UTA" and "Spot Trade" tables). The
 * docs list descriptions; where the live API answers with a different text, the text is the one
 * captured from real responses in client issue trackers:
 *   10002 "invalid request, please check your server timestamp or recv_window param.
 *          req_timestamp[..],server_timestamp[..],recv_window[..]" (sieblyio/bybit-api#232)
 *   10004 "error sign! origin_string[..]" (sieblyio/bybit-api#448)
 *   10006 "Too many visits!" (the rate-limit page)
 *   110001 "order not exists or too late to cancel" (ccxt/ccxt#23922)
 *   110003 "price is invalid" (ccxt/ccxt#20967)
 *   110007 "Insufficient available balance" (ccxt/ccxt#18976)
 *   170131 "Insufficient balance." (bybit-exchange/pybit#313)
 *   10001 "The number of contracts exceeds minimum limit allowed" (pybit#244 shows its maximum twin)
 * Spot (UTA) answers its own 170xxx codes; linear the 110xxx ones. Errors are HTTP 200 with
 * retCode != 0, except an unknown route (404).
 */

export interface BybitError {
  readonly retCode: number;
  readonly retMsg: string;
}

export const BYBIT_OK = 0;
export const BYBIT_PARAMS_ERROR = 10001;
export const BYBIT_REQUEST_EXPIRED = 10002;
export const BYBIT_INVALID_API_KEY = 10003;
export const BYBIT_ERROR_SIGN = 10004;
export const BYBIT_TOO_MANY_VISITS = 10006;
export const BYBIT_ROUTE_NOT_FOUND = 10017;

export function paramsError(message: string): BybitError {
  return { retCode: BYBIT_PARAMS_ERROR, retMsg: message };
}

export function requestExpired(requestTimestamp: string, serverMs: number, recvWindow: string): BybitError {
  return {
    retCode: BYBIT_REQUEST_EXPIRED,
    retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${requestTimestamp}],server_timestamp[${serverMs}],recv_window[${recvWindow}]`,
  };
}

export const INVALID_API_KEY: BybitError = { retCode: BYBIT_INVALID_API_KEY, retMsg: 'API key is invalid.' };

export function errorSign(originString: string): BybitError {
  return { retCode: BYBIT_ERROR_SIGN, retMsg: `error sign! origin_string[${originString}]` };
}

export const TOO_MANY_VISITS: BybitError = { retCode: BYBIT_TOO_MANY_VISITS, retMsg: 'Too many visits!' };

export const ROUTE_NOT_FOUND: BybitError = { retCode: BYBIT_ROUTE_NOT_FOUND, retMsg: 'Route not found.' };

/** Cancel or amend of an order that is not open (or not this account's). */
export function orderNotFound(category: BybitCategory): BybitError {
  return category === 'spot' ? { retCode: 170213, retMsg: 'Order does not exist.' } : { retCode: 110001, retMsg: 'order not exists or too late to cancel' };
}

/** An unknown or unlisted symbol for a category. */
export function invalidSymbol(category: BybitCategory): BybitError {
  return category === 'spot' ? { retCode: 170121, retMsg: 'Invalid symbol.' } : paramsError('params error: symbol invalid');
}

/** A rejection of the matching engine in the category's own code and text. */
export function rejectError(category: BybitCategory, reason: SimRejectReason): BybitError {
  const spot = category === 'spot';
  switch (reason) {
    case 'insufficient_balance':
      return spot ? { retCode: 170131, retMsg: 'Insufficient balance.' } : { retCode: 110007, retMsg: 'Insufficient available balance' };
    case 'unknown_order':
      return orderNotFound(category);
    case 'unknown_instrument':
      return invalidSymbol(category);
    case 'duplicate_client_order_id':
      return spot ? { retCode: 170141, retMsg: 'Duplicate clientOrderId' } : { retCode: 110072, retMsg: 'OrderLinkedID is duplicate' };
    case 'invalid_price':
      return spot ? { retCode: 170134, retMsg: 'Order price decimal too long.' } : { retCode: 110003, retMsg: 'price is invalid' };
    case 'invalid_size':
      return spot ? { retCode: 170137, retMsg: 'Order volume decimal too long' } : paramsError('Qty invalid');
    case 'below_min_size':
      return spot ? { retCode: 170136, retMsg: 'Order quantity lower than the minimum.' } : paramsError('The number of contracts exceeds minimum limit allowed');
    case 'below_min_notional':
      return spot ? { retCode: 170140, retMsg: 'Order value exceeded lower limit' } : { retCode: 110094, retMsg: 'Order notional value below the lower limit' };
    case 'no_liquidity':
      // "pruce" (sic): the docs' text, kept as published.
      return spot ? { retCode: 170210, retMsg: 'New order rejected.' } : { retCode: 110118, retMsg: 'Unable to retrieve a pruce of the market order due to low liquidity' };
    case 'post_only_would_take':
      // Not an error on Bybit: the order is accepted and cancelled (rejectReason EC_PostOnlyWillTakeLiquidity); see order-create.
      return spot ? { retCode: 170210, retMsg: 'New order rejected.' } : paramsError('PostOnly order would take liquidity');
  }
}
