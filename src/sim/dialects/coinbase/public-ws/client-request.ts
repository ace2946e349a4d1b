// A client's subscribe/unsubscribe message on the Coinbase Advanced Trade WebSocket, read and checked.

/*
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview:
 * {"type":"subscribe"|"unsubscribe","product_ids":[...],"channel":<one channel>,"jwt"?:<token>}
 * — one channel per message; `heartbeats` (and `status`) need no products; `user` needs a JWT.
 */

export type CoinbaseRequestType = 'subscribe' | 'unsubscribe';

export interface CoinbaseClientRequest {
  readonly type: CoinbaseRequestType;
  readonly channel: string;
  readonly productIds: readonly string[];
  /** The `jwt` field, when sent. */
  readonly jwt: string | null;
}

export type ClientRequestResult = { readonly ok: true; readonly request: CoinbaseClientRequest } | { readonly ok: false; readonly reason: string };

export function parseClientRequest(text: string): ClientRequestResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const message = value as Record<string, unknown>;
  const type = message.type;
  if (type !== 'subscribe' && type !== 'unsubscribe') return { ok: false, reason: `type ${JSON.stringify(type)}` };
  const channel = message.channel;
  if (typeof channel !== 'string' || channel === '') return { ok: false, reason: 'no channel' };
  const products = message.product_ids ?? [];
  if (!Array.isArray(products) || !products.every((product): product is string => typeof product === 'string')) {
    return { ok: false, reason: 'product_ids is not a list of strings' };
  }
  const jwt = typeof message.jwt === 'string' && message.jwt !== '' ? message.jwt : null;
  return { ok: true, request: { type, channel, productIds: [...new Set(products)], jwt } };
}
