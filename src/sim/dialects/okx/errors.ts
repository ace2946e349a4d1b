// OKX v5 error codes, HTTP statuses and messages the simulated venue answers with, and the envelopes that carry them.
import type { SimHttpResponse } from '../../server/sim-dialect.js';

/*
 * https://www.okx.com/docs-v5/en/#error-code-rest-api-public and #error-code-websocket-public
 * (text as published in 2026). A REST error is `{"code":"<code>","msg":"<message>","data":[]}` with
 * the HTTP status the table gives; an order-level failure is HTTP 200 `{"code":"1","msg":"Operation
 * failed.","data":[{..."sCode":"<code>","sMsg":"<message>"}]}`. A rate-limited request
 * gets HTTP 429 `{"msg":"Too Many Requests","code":"50011"}` (the body OKX sends, msg first, no data).
 */

export interface OkxErrorSpec {
  readonly code: string;
  readonly status: number;
  readonly msg: string;
}

function spec(code: string, status: number, msg: string): OkxErrorSpec {
  return Object.freeze({ code, status, msg });
}

/** REST errors answered for the whole request (code ≠ 0 in the envelope). */
export const OKX_REST_ERRORS = Object.freeze({
  operationFailed: spec('1', 200, 'Operation failed.'),
  partiallySucceeded: spec('2', 200, 'Bulk operation partially succeeded.'),
  emptyBody: spec('50000', 400, 'Body for POST request cannot be empty.'),
  jsonSyntax: spec('50002', 400, 'JSON syntax error'),
  tooManyRequests: spec('50011', 429, 'Too Many Requests'),
  apiKeyEmpty: spec('50103', 401, 'Request header "OK-ACCESS-KEY" cannot be empty.'),
  passphraseEmpty: spec('50104', 401, 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.'),
  passphraseIncorrect: spec('50105', 401, 'Request header "OK-ACCESS-PASSPHRASE" incorrect.'),
  signEmpty: spec('50106', 401, 'Request header "OK-ACCESS-SIGN" cannot be empty.'),
  timestampEmpty: spec('50107', 401, 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.'),
  timestampExpired: spec('50102', 401, 'Timestamp request expired.'),
  invalidApiKey: spec('50111', 401, 'Invalid OK-ACCESS-KEY.'),
  invalidTimestamp: spec('50112', 401, 'Invalid OK-ACCESS-TIMESTAMP.'),
  invalidSign: spec('50113', 401, 'Invalid signature.'),
  methodNotAllowed: spec('50115', 405, 'Invalid request method.'),
});

/** `Parameter {param0} can not be empty.` (50014, HTTP 400). */
export function parameterEmpty(name: string): OkxErrorSpec {
  return spec('50014', 400, `Parameter ${name} can not be empty.`);
}

/** `Parameter {param0} error` (51000, HTTP 400). */
export function parameterError(name: string): OkxErrorSpec {
  return spec('51000', 400, `Parameter ${name} error`);
}

/** The instrument is not listed (51001). */
export const INSTRUMENT_NOT_FOUND = spec('51001', 200, "Instrument ID, Instrument ID code or Spread ID doesn't exist.");

/** Order-level outcomes (sCode/sMsg of one element of `data`). */
export const OKX_ORDER_CODES = Object.freeze({
  placed: spec('0', 200, 'Order placed'),
  canceled: spec('0', 200, ''),
  instrumentNotFound: INSTRUMENT_NOT_FOUND,
  eitherOrderIdRequired: spec('51003', 200, 'Either client order ID or order ID is required.'),
  duplicateClientOrderId: spec('51016', 200, 'Client order ID already exists.'),
  belowMinimum: spec('51020', 200, 'Your order should meet or exceed the minimum order amount.'),
  notLotMultiple: spec('51121', 200, 'Order quantity must be a multiple of the lot size.'),
  priceTick: spec('51000', 200, 'Parameter px error'),
  limitPriceEmpty: spec('51204', 200, 'The price for the limit order cannot be empty.'),
  noLiquidity: spec('51140', 200, 'Purchase failed due to insufficient sell orders, please try later.'),
  cancelFailed: spec('51400', 200, 'Order cancellation failed as the order has been filled, canceled or does not exist.'),
  orderNotFound: spec('51603', 200, 'Order does not exist.'),
});

/** `Order failed. Insufficient {ccy} balance in account` (51008, sub-code 1000 in the table; the wire sCode is 51008). */
export function insufficientBalance(asset: string): OkxErrorSpec {
  return spec('51008', 200, `Order failed. Insufficient ${asset} balance in account`);
}

/** WebSocket error events (`{"event":"error","code":...,"msg":...,"connId":...}`). */
export const OKX_WS_ERRORS = Object.freeze({
  invalidTimestamp: { code: '60004', msg: 'Invalid timestamp' },
  invalidApiKey: { code: '60005', msg: 'Invalid apiKey' },
  timestampExpired: { code: '60006', msg: 'Timestamp request expired' },
  invalidSign: { code: '60007', msg: 'Invalid sign' },
  loginFailure: { code: '60009', msg: 'Login failure' },
  pleaseLogIn: { code: '60011', msg: 'Please log in' },
  invalidArgs: { code: '60013', msg: 'Invalid args' },
  wrongPassphrase: { code: '60024', msg: 'Wrong passphrase' },
  repeatedLogin: { code: '60031', msg: 'The WebSocket endpoint does not allow multiple or repeated logins.' },
});

/** 60012 Invalid request, quoting what the client sent as OKX does. */
export function invalidRequest(text: string): { code: string; msg: string } {
  return { code: '60012', msg: `Invalid request: ${text}` };
}

/** 60018 for an unknown channel or instrument: `Wrong URL or channel:books,instId:X doesn't exist. ...`. */
export function channelDoesNotExist(argument: Readonly<Record<string, unknown>>): { code: string; msg: string } {
  const described = Object.entries(argument)
    .map(([key, value]) => `${key}:${String(value)}`)
    .join(',');
  return { code: '60018', msg: `Wrong URL or ${described} doesn't exist. Please use the correct URL, channel and parameters referring to API document.` };
}

/** 60019 for an `op` OKX does not know. */
export function invalidOperation(op: string): { code: string; msg: string } {
  return { code: '60019', msg: `Invalid op: ${op}` };
}

/** The envelope of a request-level REST error. */
export function okxErrorResponse(error: OkxErrorSpec): SimHttpResponse {
  return { status: error.status, body: { code: error.code, msg: error.msg, data: [] } };
}

/** The envelope of a successful REST answer. */
export function okxDataResponse(data: readonly unknown[]): SimHttpResponse {
  return { status: 200, body: { code: '0', msg: '', data } };
}
