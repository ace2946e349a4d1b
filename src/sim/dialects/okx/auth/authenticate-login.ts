// Authenticates an OKX WebSocket `login` argument: apiKey, passphrase, timestamp (epoch seconds) and sign.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import { OKX_WS_ERRORS } from '../errors.js';
import { okxLoginPrehash, okxSignatureMatches, textEquals } from './okx-signature.js';
import { OKX_TIMESTAMP_WINDOW_MS } from './authenticate-rest.js';

/*
 * https://www.okx.com/docs-v5/en/#overview-websocket-login
 * {"op":"login","args":[{"apiKey":"...","passphrase":"...","timestamp":"1538054050","sign":"..."}]}
 * sign = base64(HMAC-SHA256(secret, timestamp + 'GET' + '/users/self/verify')); the timestamp is
 * Unix epoch SECONDS and must be within 30 s of the server's time. Error codes are the WebSocket
 * ones (60004 invalid timestamp, 60006 expired, 60005 invalid apiKey, 60024 wrong passphrase,
 * 60007 invalid sign).
 */

const EPOCH_SECONDS = /^\d{1,12}(?:\.\d{1,3})?$/;

export type OkxLoginResult =
  | { readonly ok: true; readonly account: SimAccountSpec }
  | { readonly ok: false; readonly error: { readonly code: string; readonly msg: string } };

export function authenticateLogin(argument: unknown, lookup: (apiKey: string) => SimAccountSpec | undefined, nowMs: number): OkxLoginResult {
  if (typeof argument !== 'object' || argument === null) return { ok: false, error: OKX_WS_ERRORS.invalidArgs };
  const fields = argument as Record<string, unknown>;
  const { apiKey, passphrase, timestamp, sign } = fields;
  if (typeof apiKey !== 'string' || typeof passphrase !== 'string' || typeof timestamp !== 'string' || typeof sign !== 'string') {
    return { ok: false, error: OKX_WS_ERRORS.invalidArgs };
  }
  if (!EPOCH_SECONDS.test(timestamp)) return { ok: false, error: OKX_WS_ERRORS.invalidTimestamp };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > OKX_TIMESTAMP_WINDOW_MS) return { ok: false, error: OKX_WS_ERRORS.timestampExpired };
  const account = lookup(apiKey);
  if (account === undefined) return { ok: false, error: OKX_WS_ERRORS.invalidApiKey };
  if (account.passphrase === null || !textEquals(account.passphrase, passphrase)) return { ok: false, error: OKX_WS_ERRORS.wrongPassphrase };
  if (!okxSignatureMatches(account.secret, okxLoginPrehash(timestamp), sign)) return { ok: false, error: OKX_WS_ERRORS.invalidSign };
  return { ok: true, account };
}
