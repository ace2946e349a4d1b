// Coinbase Advanced Trade REST error answers: the JSON error body, the 401 text, and the codes the simulator uses.
import type { SimHttpResponse } from '../../server/sim-dialect.js';

/*
 * Advanced Trade answers a refused request with {"error":<CODE>,"error_details":<text>,"message":<text>}
 * (e.g. {"error":"INVALID_ARGUMENT","error_details":"start and end argument is invalid - number of
 * candles requested should be less than 350 ",...}; {"error":"unknown","error_details":"order with
 * this orderID was not found",...} as ccxt's coinbase.js records). A request whose JWT fails any
 * check gets HTTP 401 with the plain text "Unauthorized" (reported by clients hitting the live API,
 * e.g. ccxt issue #26300 "API Response Text: Unauthorized"), written by Go's http.Error with a newline.
 */

export function coinbaseError(status: number, error: string, message: string): SimHttpResponse {
  return { status, body: { error, error_details: message, message } };
}

export const UNAUTHORIZED_RESPONSE: SimHttpResponse = Object.freeze({
  status: 401,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Unauthorized\n',
});

export function invalidArgument(message: string): SimHttpResponse {
  return coinbaseError(400, 'INVALID_ARGUMENT', message);
}

export function notFound(message: string): SimHttpResponse {
  return coinbaseError(404, 'NOT_FOUND', message);
}
