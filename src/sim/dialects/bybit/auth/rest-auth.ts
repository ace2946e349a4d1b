// Authentication of a Bybit v5 private REST request: API key, timestamp window and HMAC signature, checked as Bybit does.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimHttpRequest } from '../../../server/sim-dialect.js';
import { errorSign, INVALID_API_KEY, requestExpired, type BybitError } from '../bybit-errors.js';
import { bybitHmacHex, bybitRestOrigin, signatureMatches } from './bybit-sign.js';

/*
 * Headers (https://bybit-exchange.github.io/docs/v5/guide#parameters-for-authenticated-endpoints):
 * X-BAPI-API-KEY, X-BAPI-TIMESTAMP (ms), X-BAPI-SIGN, X-BAPI-RECV-WINDOW (optional, default 5000).
 * The window rule is server_time - recv_window <= timestamp < server_time + 1000. The recv window
 * enters the pre-sign text exactly as sent ('' when the header is absent). Order of checks: the
 * key (10003), the timestamp (10002), the signature (10004, whose text echoes the pre-sign string
 * as Bybit's does).
 */

export const DEFAULT_RECV_WINDOW_MS = 5000;
/** How far ahead of the server clock a timestamp may be. */
const FUTURE_TOLERANCE_MS = 1000;
const INTEGER_PATTERN = /^[0-9]{1,16}$/;

export type BybitAuthResult = { readonly ok: true; readonly account: SimAccountSpec } | { readonly ok: false; readonly error: BybitError };

/** The pre-sign payload of a request: the raw query for GET (and DELETE), the raw body otherwise. */
export function signedPayload(request: SimHttpRequest): string {
  return request.method === 'GET' || request.method === 'DELETE' ? request.rawQuery : request.body;
}

export function authenticateBybitRequest(request: SimHttpRequest, exchange: SimExchange): BybitAuthResult {
  const apiKey = request.headers['x-bapi-api-key'] ?? '';
  const account = apiKey === '' ? undefined : exchange.accountByApiKey(apiKey);
  if (account === undefined) return { ok: false, error: INVALID_API_KEY };

  const timestamp = request.headers['x-bapi-timestamp'] ?? '';
  const recvWindowText = request.headers['x-bapi-recv-window'];
  const recvWindow = recvWindowText === undefined ? DEFAULT_RECV_WINDOW_MS : INTEGER_PATTERN.test(recvWindowText) ? Number(recvWindowText) : NaN;
  const serverMs = request.receivedMs;
  const timestampMs = INTEGER_PATTERN.test(timestamp) ? Number(timestamp) : NaN;
  if (!(timestampMs >= serverMs - recvWindow && timestampMs < serverMs + FUTURE_TOLERANCE_MS)) {
    return { ok: false, error: requestExpired(timestamp, serverMs, recvWindowText ?? String(DEFAULT_RECV_WINDOW_MS)) };
  }

  const origin = bybitRestOrigin(timestamp, apiKey, recvWindowText ?? '', signedPayload(request));
  const expected = bybitHmacHex(account.secret, origin);
  if (!signatureMatches(expected, request.headers['x-bapi-sign'] ?? '')) return { ok: false, error: errorSign(origin) };
  return { ok: true, account };
}
