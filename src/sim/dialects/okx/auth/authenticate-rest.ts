// Authenticates a private OKX REST request: the four OK-ACCESS-* headers, the timestamp window, the key, passphrase and signature.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimHttpRequest } from '../../../server/sim-dialect.js';
import { OKX_REST_ERRORS, type OkxErrorSpec } from '../errors.js';
import { okxRestPrehash, okxSignatureMatches, textEquals } from './okx-signature.js';

/*
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication
 * - OK-ACCESS-TIMESTAMP is ISO 8601 UTC with milliseconds (2020-12-08T09:08:57.715Z); a request
 *   more than 30 seconds away from the server's time is rejected (50102).
 * - Checks, in this order: each header present (50103 key, 50104 passphrase, 50106 sign, 50107
 *   timestamp), the timestamp readable (50112) and fresh (50102), the key known (50111), the
 *   passphrase the key's (50105), the signature right (50113). OKX does not document the order;
 *   this one answers the cheapest question first and never reveals whether a key exists to a
 *   request whose timestamp is already wrong.
 */

/** How far the timestamp may be from the server's clock. */
export const OKX_TIMESTAMP_WINDOW_MS = 30_000;

const ISO_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export type OkxAuthResult = { readonly ok: true; readonly account: SimAccountSpec } | { readonly ok: false; readonly error: OkxErrorSpec };

/** Reads an ISO 8601 UTC timestamp as epoch ms, or null when it is not one. */
export function parseOkxTimestamp(text: string): number | null {
  if (!ISO_MILLISECONDS.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** The account a request is signed for, or the OKX error that refuses it. `nowMs` is the server's wall clock. */
export function authenticateRest(request: SimHttpRequest, lookup: (apiKey: string) => SimAccountSpec | undefined, nowMs: number): OkxAuthResult {
  const headers = request.headers;
  const apiKey = headers['ok-access-key'] ?? '';
  const passphrase = headers['ok-access-passphrase'] ?? '';
  const signature = headers['ok-access-sign'] ?? '';
  const timestamp = headers['ok-access-timestamp'] ?? '';
  if (apiKey === '') return { ok: false, error: OKX_REST_ERRORS.apiKeyEmpty };
  if (passphrase === '') return { ok: false, error: OKX_REST_ERRORS.passphraseEmpty };
  if (signature === '') return { ok: false, error: OKX_REST_ERRORS.signEmpty };
  if (timestamp === '') return { ok: false, error: OKX_REST_ERRORS.timestampEmpty };
  const timestampMs = parseOkxTimestamp(timestamp);
  if (timestampMs === null) return { ok: false, error: OKX_REST_ERRORS.invalidTimestamp };
  if (Math.abs(nowMs - timestampMs) > OKX_TIMESTAMP_WINDOW_MS) return { ok: false, error: OKX_REST_ERRORS.timestampExpired };
  const account = lookup(apiKey);
  if (account === undefined) return { ok: false, error: OKX_REST_ERRORS.invalidApiKey };
  if (account.passphrase === null || !textEquals(account.passphrase, passphrase)) return { ok: false, error: OKX_REST_ERRORS.passphraseIncorrect };
  const prehash = okxRestPrehash(timestamp, request.method, request.path, request.rawQuery, request.body);
  if (!okxSignatureMatches(account.secret, prehash, signature)) return { ok: false, error: OKX_REST_ERRORS.invalidSign };
  return { ok: true, account };
}
