// OKX v5 request signing: base64 HMAC-SHA256 over timestamp + METHOD + requestPath + body, and its constant-time check.
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication-signature
 * "The OK-ACCESS-SIGN header is generated as follows: create a prehash string of timestamp +
 * method + requestPath + body (where + represents String concatenation), prepare the SecretKey,
 * sign the prehash string with the SecretKey using the HMAC SHA256, encode the signature in the
 * Base64 format." requestPath includes the query (`/api/v5/account/balance?ccy=BTC`); body is the
 * request body text ('' for GET). The WebSocket login signs timestamp + 'GET' + '/users/self/verify'
 * with the timestamp in epoch SECONDS (#overview-websocket-login).
 */

/** The prehash string of a REST request, from the raw parts exactly as sent. */
export function okxRestPrehash(timestamp: string, method: string, path: string, rawQuery: string, body: string): string {
  return `${timestamp}${method.toUpperCase()}${path}${rawQuery === '' ? '' : `?${rawQuery}`}${body}`;
}

/** The prehash string of a WebSocket login. */
export function okxLoginPrehash(timestampSeconds: string): string {
  return `${timestampSeconds}GET/users/self/verify`;
}

/** base64(HMAC-SHA256(secret, prehash)). */
export function okxSign(secret: string, prehash: string): string {
  return createHmac('sha256', secret).update(prehash, 'utf8').digest('base64');
}

/** True when `signature` is the signature of `prehash` under `secret` (constant time over equal lengths). */
export function okxSignatureMatches(secret: string, prehash: string, signature: string): boolean {
  const expected = Buffer.from(okxSign(secret, prehash), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Constant-time equality of two texts (passphrases), so a wrong one leaks nothing through timing. */
export function textEquals(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
