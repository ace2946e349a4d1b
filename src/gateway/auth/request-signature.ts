// Request signing: hex HMAC-SHA256(secret, timestamp + METHOD + path-with-query + body), the headers that carry it, and a constant-time check.
//
// The signed bytes are the ZVT-API-TIMESTAMP header text (epoch ms), the upper-case method, the
// request target exactly as sent (path and, when present, `?` and the raw query, no decoding),
// then the raw body bytes (nothing for a GET). Binance, OKX and Coinbase sign the same parts;
// signing the timestamp is what makes the replay window enforceable.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names, lower case as uWS reads them (HTTP header names are case-insensitive). */
export const API_KEY_HEADER = 'zvt-api-key';
export const API_TIMESTAMP_HEADER = 'zvt-api-timestamp';
export const API_SIGNATURE_HEADER = 'zvt-api-signature';

const SIGNATURE_HEX_LENGTH = 64;
const HEX_PATTERN = /^[0-9a-fA-F]+$/;

export interface SignedParts {
  readonly timestamp: string;
  readonly method: string;
  readonly pathWithQuery: string;
  readonly body: Uint8Array;
}

/** Lower-case hex HMAC-SHA256 of the signed parts. */
export function signRequest(secret: string, parts: SignedParts): string {
  return signatureDigest(secret, parts).toString('hex');
}

/** True when `signatureHex` (64 hex digits, either case) is the request's signature; constant time in the digest. */
export function verifyRequestSignature(secret: string, parts: SignedParts, signatureHex: string): boolean {
  if (signatureHex.length !== SIGNATURE_HEX_LENGTH || !HEX_PATTERN.test(signatureHex)) return false;
  return timingSafeEqual(signatureDigest(secret, parts), Buffer.from(signatureHex, 'hex'));
}

/** The three headers a client sends (for clients and tests): key id, timestamp, signature. */
export function signedRequestHeaders(
  key: { readonly keyId: string; readonly secret: string },
  method: string,
  pathWithQuery: string,
  body: Uint8Array | string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(nowMs);
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    'ZVT-API-KEY': key.keyId,
    'ZVT-API-TIMESTAMP': timestamp,
    'ZVT-API-SIGNATURE': signRequest(key.secret, { timestamp, method, pathWithQuery, body: bytes }),
  };
}

function signatureDigest(secret: string, parts: SignedParts): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(parts.timestamp, 'latin1')
    .update(parts.method.toUpperCase(), 'latin1')
    .update(parts.pathWithQuery, 'latin1')
    .update(parts.body)
    .digest();
}
