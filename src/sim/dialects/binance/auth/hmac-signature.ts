// Binance's HMAC-SHA256 request signature: the hex HMAC of totalParams (query string + body, the signature itself left out).
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * rest-api.md, "SIGNED Endpoint security" / "SIGNED Endpoint Examples for POST /api/v3/order":
 *   - totalParams is the query string concatenated with the request body, with NO '&' between
 *     them (Example 3: "...&timeInForce=GTCquantity=1&price=0.1...");
 *   - the signature is HMAC SHA256 keyed with the secret over totalParams, in hex, and "is not
 *     case sensitive";
 *   - the `signature` parameter travels in the query string or in the body, after the others.
 * The payload is the request text exactly as sent (percent-encoding included), minus the
 * `signature=...` component, so a client's encoding choices are verified byte for byte.
 */

export interface SignedPayload {
  /** What the client signed: query + body without the signature component. */
  readonly payload: string;
  /** The signature as sent (query string's if in both), or null when absent or empty. */
  readonly signature: string | null;
}

/** Splits the signature component off the raw query string and body. */
export function signedPayloadOf(rawQuery: string, body: string): SignedPayload {
  const query = withoutSignature(rawQuery);
  const form = withoutSignature(body);
  const signature = query.signature ?? form.signature;
  return { payload: query.rest + form.rest, signature: signature === '' ? null : signature };
}

/** Hex HMAC-SHA256 of `payload` keyed with `secret`. */
export function binanceHmacSignature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** True when `signature` (any letter case) is the HMAC of `payload` under `secret`. */
export function verifyBinanceSignature(secret: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(binanceHmacSignature(secret, payload), 'latin1');
  const given = Buffer.from(signature.toLowerCase(), 'latin1');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function withoutSignature(part: string): { rest: string; signature: string | null } {
  if (part === '') return { rest: '', signature: null };
  let signature: string | null = null;
  const kept: string[] = [];
  for (const component of part.split('&')) {
    if (component.startsWith('signature=')) {
      signature ??= decodeComponent(component.slice('signature='.length));
      continue;
    }
    kept.push(component);
  }
  return { rest: kept.join('&'), signature };
}

/** Percent-decoding that keeps malformed text as sent (a garbled signature just fails to match). */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
