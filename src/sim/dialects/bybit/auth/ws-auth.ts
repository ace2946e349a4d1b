// Authentication of the Bybit v5 private WebSocket's {"op":"auth","args":[apiKey, expires, signature]} request.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import { bybitHmacHex, bybitRealtimeOrigin, signatureMatches } from './bybit-sign.js';

/*
 * https://bybit-exchange.github.io/docs/v5/ws/connect#authentication: args are the API key,
 * `expires` (ms, number or text, must be later than the server's clock) and the hex HMAC-SHA256 of
 * "GET/realtime" + expires. A failure is answered {"success":false,"ret_msg":"Params Error",
 * "op":"auth","conn_id":...} (the text real clients report for expired and mis-signed requests,
 * e.g. bybit-exchange/api-usage-examples#70).
 */

export const WS_AUTH_FAILED_MESSAGE = 'Params Error';

export type BybitWsAuthResult = { readonly ok: true; readonly account: SimAccountSpec } | { readonly ok: false; readonly message: string };

export function authenticateBybitWebSocket(args: unknown, exchange: SimExchange, nowMs: number): BybitWsAuthResult {
  const failed: BybitWsAuthResult = { ok: false, message: WS_AUTH_FAILED_MESSAGE };
  if (!Array.isArray(args) || args.length !== 3) return failed;
  const [apiKey, expiresValue, signature] = args as unknown[];
  if (typeof apiKey !== 'string' || typeof signature !== 'string') return failed;
  let expires: string;
  if (typeof expiresValue === 'number' && Number.isSafeInteger(expiresValue)) expires = String(expiresValue);
  else if (typeof expiresValue === 'string' && /^[0-9]{1,16}$/.test(expiresValue)) expires = expiresValue;
  else return failed;
  if (Number(expires) <= nowMs) return failed;
  const account = exchange.accountByApiKey(apiKey);
  if (account === undefined) return failed;
  if (!signatureMatches(bybitHmacHex(account.secret, bybitRealtimeOrigin(expires)), signature)) return failed;
  return { ok: true, account };
}
