// Bybit v5 HMAC signatures: hex HMAC-SHA256 of the pre-sign text, for REST requests and the private WebSocket's auth op.
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * https://bybit-exchange.github.io/docs/v5/guide#create-a-request: the REST pre-sign text is
 * timestamp + apiKey + recvWindow + (GET: the query string exactly as sent | POST: the raw JSON
 * body); the private WebSocket (https://bybit-exchange.github.io/docs/v5/ws/connect) signs
 * "GET/realtime" + expires. Both are lowercase hex of HMAC-SHA256 with the API secret as key.
 */

export function bybitHmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** The REST pre-sign text. */
export function bybitRestOrigin(timestamp: string, apiKey: string, recvWindow: string, payload: string): string {
  return `${timestamp}${apiKey}${recvWindow}${payload}`;
}

/** The private WebSocket auth pre-sign text. */
export function bybitRealtimeOrigin(expires: string): string {
  return `GET/realtime${expires}`;
}

/** Constant-time comparison of a received signature with the expected hex (case-insensitive, as hex is). */
export function signatureMatches(expectedHex: string, received: string): boolean {
  const normalized = received.toLowerCase();
  if (normalized.length !== expectedHex.length || !/^[0-9a-f]+$/.test(normalized)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'ascii'), Buffer.from(normalized, 'ascii'));
}
