// Binance's checks of SIGNED (TRADE, USER_DATA) and USER_STREAM requests: API key, timestamp window, HMAC signature.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimHttpRequest } from '../../../server/sim-dialect.js';
import { BinanceErrors } from '../errors.js';
import { reject, type BinanceParams } from '../request-params.js';
import { signedPayloadOf, verifyBinanceSignature } from './hmac-signature.js';

/*
 * rest-api.md "Request Security" / "Timing security":
 *   - the key travels in the X-MBX-APIKEY header; a missing or malformed one is -2014 "API-key
 *     format invalid.", an unknown one -2015 "Invalid API-key, IP, or permissions for action."
 *     (both HTTP 401);
 *   - `timestamp` (ms) is mandatory; `recvWindow` defaults to 5000 and cannot exceed 60000;
 *     the request is processed when timestamp < serverTime + 1000 and
 *     serverTime - timestamp <= recvWindow, else -1021;
 *   - `signature` is mandatory (-1102) and must be the HMAC of totalParams (-1022).
 * serverTime here is the request's arrival on the wall clock: clients stamp requests with their
 * own clock, and /api/v3/time answers the same clock so ccxt's time-difference logic agrees.
 */

export const BINANCE_DEFAULT_RECV_WINDOW_MS = 5000;
export const BINANCE_MAX_RECV_WINDOW_MS = 60_000;
/** How far a timestamp may run ahead of the server. */
export const BINANCE_TIMESTAMP_AHEAD_MS = 1000;
/** Parameters every SIGNED endpoint takes besides its own. */
export const SIGNED_PARAMETERS = ['timestamp', 'recvWindow', 'signature'] as const;

/** Printable key text of sane length; anything else is "API-key format invalid." */
const API_KEY_PATTERN = /^[\x21-\x7e]{1,256}$/;
/** recvWindow: milliseconds, with up to three decimals (microseconds) as Binance accepts. */
const RECV_WINDOW_PATTERN = /^[0-9]{1,20}(\.[0-9]{1,3})?$/;

/** The account of a USER_STREAM request (API key only), or throws the rejection. */
export function authenticateApiKey(request: SimHttpRequest, exchange: SimExchange): SimAccountSpec {
  const apiKey = request.headers['x-mbx-apikey'];
  if (apiKey === undefined || !API_KEY_PATTERN.test(apiKey)) reject(BinanceErrors.badApiKeyFormat());
  const account = exchange.accountByApiKey(apiKey);
  if (account === undefined) reject(BinanceErrors.rejectedApiKey());
  return account;
}

/** The account of a SIGNED request after every check, or throws the rejection. */
export function authenticateSigned(request: SimHttpRequest, params: BinanceParams, exchange: SimExchange): SimAccountSpec {
  const account = authenticateApiKey(request, exchange);
  const timestamp = params.requiredInteger('timestamp');
  const recvWindowText = params.optionalText('recvWindow');
  let recvWindow = BINANCE_DEFAULT_RECV_WINDOW_MS;
  if (recvWindowText !== undefined) {
    if (!RECV_WINDOW_PATTERN.test(recvWindowText)) reject(BinanceErrors.illegalCharacters('recvWindow', '^[0-9]{1,20}(\\.[0-9]{1,3})?$'));
    recvWindow = Number(recvWindowText);
    if (recvWindow > BINANCE_MAX_RECV_WINDOW_MS) reject(BinanceErrors.badRecvWindow());
  }
  const { payload, signature } = signedPayloadOf(request.rawQuery, request.method === 'GET' ? '' : request.body);
  if (signature === null) reject(BinanceErrors.mandatoryParameter('signature'));
  if (!verifyBinanceSignature(account.secret, payload, signature)) reject(BinanceErrors.invalidSignature());
  const serverTime = request.receivedMs;
  if (timestamp >= serverTime + BINANCE_TIMESTAMP_AHEAD_MS) reject(BinanceErrors.timestampAhead());
  if (serverTime - timestamp > recvWindow) reject(BinanceErrors.timestampOutsideWindow());
  return account;
}
