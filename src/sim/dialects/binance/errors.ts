// Binance spot REST error answers: the codes, messages and HTTP statuses Binance sends (errors.md).
import type { SimHttpResponse } from '../../server/sim-dialect.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/errors: the body is always
 * {"code":<negative int>,"msg":"<text>"}. HTTP 4XX is the client's fault: 400 for malformed or
 * rejected requests, 401 for a missing, malformed or unknown API key (-2014, -2015), 429 and 418
 * for rate limits (rate-limits.ts). Messages below are copied from the documented templates with
 * their placeholders filled the way Binance fills them.
 */

export interface BinanceErrorBody {
  readonly code: number;
  readonly msg: string;
}

/** A Binance error answer. */
export function binanceError(status: number, code: number, msg: string): SimHttpResponse {
  const body: BinanceErrorBody = { code, msg };
  return { status, body };
}

/** The legal-range pattern Binance names for decimal parameters (-1100). */
export const DECIMAL_PARAMETER_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';
/** The legal-range pattern Binance names for integer parameters (-1100). */
export const INTEGER_PARAMETER_RANGE = '^[0-9]{1,20}$';
/** The legal-range pattern Binance names for `symbol` (-1100). */
export const SYMBOL_PARAMETER_RANGE = '^[A-Z0-9-_.]{1,20}$';
/** The legal-range pattern Binance names for client order ids (-1100). */
export const CLIENT_ORDER_ID_RANGE = '^[a-zA-Z0-9-_]{1,36}$';

export const BinanceErrors = {
  /** -1013 INVALID_MESSAGE with a filter failure ("Filter failure: LOT_SIZE"). */
  filterFailure: (filter: string): SimHttpResponse => binanceError(400, -1013, `Filter failure: ${filter}`),
  /** -1021 INVALID_TIMESTAMP: older than recvWindow. */
  timestampOutsideWindow: (): SimHttpResponse => binanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  /** -1021 INVALID_TIMESTAMP: more than 1000 ms in the server's future. */
  timestampAhead: (): SimHttpResponse => binanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  /** -1022 INVALID_SIGNATURE. */
  invalidSignature: (): SimHttpResponse => binanceError(400, -1022, 'Signature for this request is not valid.'),
  /** -1100 ILLEGAL_CHARS. */
  illegalCharacters: (parameter: string, range: string): SimHttpResponse =>
    binanceError(400, -1100, `Illegal characters found in parameter '${parameter}'; legal range is '${range}'.`),
  /** -1101 TOO_MANY_PARAMETERS: the same parameter twice in one part of the request. */
  duplicateParameter: (): SimHttpResponse => binanceError(400, -1101, 'Duplicate values for a parameter detected.'),
  /** -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED. */
  mandatoryParameter: (parameter: string): SimHttpResponse =>
    binanceError(400, -1102, `Mandatory parameter '${parameter}' was not sent, was empty/null, or malformed.`),
  /** -1102 with two alternatives ("Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"). */
  eitherParameter: (first: string, second: string): SimHttpResponse =>
    binanceError(400, -1102, `Param '${first}' or '${second}' must be sent, but both were empty/null!`),
  /** -1104 UNREAD_PARAMETERS: parameters the endpoint does not take. */
  unreadParameters: (read: number, sent: number): SimHttpResponse =>
    binanceError(400, -1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  /** -1106 PARAM_NOT_REQUIRED. */
  parameterNotRequired: (parameter: string): SimHttpResponse => binanceError(400, -1106, `Parameter '${parameter}' sent when not required.`),
  /** -1111 BAD_PRECISION: more fraction digits than the asset's precision. */
  tooMuchPrecision: (parameter: string): SimHttpResponse => binanceError(400, -1111, `Parameter '${parameter}' has too much precision.`),
  /** -1115 INVALID_TIF. */
  invalidTimeInForce: (): SimHttpResponse => binanceError(400, -1115, 'Invalid timeInForce.'),
  /** -1116 INVALID_ORDER_TYPE. */
  invalidOrderType: (): SimHttpResponse => binanceError(400, -1116, 'Invalid orderType.'),
  /** -1117 INVALID_SIDE. */
  invalidSide: (): SimHttpResponse => binanceError(400, -1117, 'Invalid side.'),
  /** -1120 BAD_INTERVAL. */
  invalidInterval: (): SimHttpResponse => binanceError(400, -1120, 'Invalid interval.'),
  /** -1121 BAD_SYMBOL. */
  invalidSymbol: (): SimHttpResponse => binanceError(400, -1121, 'Invalid symbol.'),
  /** -1122 INVALID_SYMBOLSTATUS. */
  invalidSymbolStatus: (): SimHttpResponse => binanceError(400, -1122, 'Invalid symbolStatus.'),
  /** -1125 INVALID_LISTEN_KEY. */
  invalidListenKey: (): SimHttpResponse => binanceError(400, -1125, 'This listenKey does not exist.'),
  /** -1127 MORE_THAN_XX_HOURS. */
  lookupIntervalTooBig: (hours: number): SimHttpResponse => binanceError(400, -1127, `More than ${hours} hours between startTime and endTime.`),
  /** -1128 OPTIONAL_PARAMS_BAD_COMBO. */
  badParameterCombination: (): SimHttpResponse => binanceError(400, -1128, 'Combination of optional parameters invalid.'),
  /** -1130 INVALID_PARAMETER. */
  invalidParameter: (parameter: string): SimHttpResponse => binanceError(400, -1130, `Data sent for parameter '${parameter}' is not valid.`),
  /** -1131 BAD_RECV_WINDOW (documented on the derivatives error pages and in ccxt's table). */
  badRecvWindow: (): SimHttpResponse => binanceError(400, -1131, 'recvWindow must be less than 60000'),
  /** -1134 BAD_STRATEGY_TYPE. */
  badStrategyType: (): SimHttpResponse => binanceError(400, -1134, 'strategyType was less than 1000000.'),
  /** -1136 INVALID_NEW_ORDER_RESP_TYPE. */
  invalidNewOrderResponseType: (): SimHttpResponse => binanceError(400, -1136, 'Invalid newOrderRespType'),
  /** -1139 INVALID_TICKER_TYPE. */
  invalidTickerType: (): SimHttpResponse => binanceError(400, -1139, 'Invalid ticker type.'),
  /** -1145 INVALID_CANCEL_RESTRICTIONS. */
  invalidCancelRestrictions: (): SimHttpResponse => binanceError(400, -1145, 'cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED.'),
  /** -1151 DUPLICATE_SYMBOLS. */
  duplicateSymbols: (): SimHttpResponse => binanceError(400, -1151, 'Symbol is present multiple times in the list.'),
  /** -2010 NEW_ORDER_REJECTED with the matching engine's message. */
  newOrderRejected: (message: string): SimHttpResponse => binanceError(400, -2010, message),
  /** -2011 CANCEL_REJECTED with the matching engine's message. */
  cancelRejected: (message: string): SimHttpResponse => binanceError(400, -2011, message),
  /** -2013 NO_SUCH_ORDER. */
  noSuchOrder: (): SimHttpResponse => binanceError(400, -2013, 'Order does not exist.'),
  /** -2014 BAD_API_KEY_FMT. */
  badApiKeyFormat: (): SimHttpResponse => binanceError(401, -2014, 'API-key format invalid.'),
  /** -2015 REJECTED_MBX_KEY. */
  rejectedApiKey: (): SimHttpResponse => binanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
} as const;

/** Matching-engine messages of -2010 / -2011 ("Messages for -1010, -2010 and -2011"). */
export const BinanceRejectMessages = {
  unknownOrder: 'Unknown order sent.',
  duplicateOrder: 'Duplicate order sent.',
  insufficientBalance: 'Account has insufficient balance for requested action.',
  wouldMatchAndTake: 'Order would immediately match and take.',
  cancelInvalid: 'Cancel order is invalid. Check origClOrdId and orderId.',
  noLiquidity: 'Order book liquidity is less than symbol minimum quantity.',
  cancelRestrictions: 'Order was not canceled due to cancel restrictions.',
} as const;
