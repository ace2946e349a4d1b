// Verification of Coinbase CDP API-key JWTs (ES256 over the key's EC P-256 private key), as sent in `Authorization: Bearer` and WebSocket subscribes.
import { createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto';

/*
 * The scheme (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication,
 * and the official SDK coinbase-advanced-py jwt_generator.py):
 * - header {"alg":"ES256","kid":<key name>,"nonce":<random hex>} (PyJWT and ccxt add "typ":"JWT");
 * - claims {"sub":<key name>,"iss":"cdp" (docs) | "coinbase-cloud" (SDK, ccxt),"nbf":<s>,"exp":<s>,
 *   "uri":"<METHOD> <host><path>"} (REST only; WebSocket JWTs carry no uri), optionally "aud"/"iat";
 * - signature: ECDSA P-256 over SHA-256 of `<header>.<claims>`, as JOSE's raw r‖s (64 bytes), base64url;
 * - the key name is `organizations/<org>/apiKeys/<id>`, the secret a PEM EC private key; the token
 *   lives two minutes (exp = nbf + 120).
 * The path in `uri` has no query string. ccxt builds the uri by removing "https://" from the
 * request URL, so against a plain-http simulator it sends "GET http://127.0.0.1:port/...": that
 * form is accepted too (a concession to clients of a TLS-less local server, see docs/simulator/coinbase.md).
 * Any failure is one answer on the wire (401); `reason` says which check failed, for tests and logs.
 */

/** Longest accepted token life (exp − nbf), seconds: the documented two minutes. */
export const CDP_JWT_MAX_LIFETIME_SECONDS = 120;
/** Clock skew tolerated on `nbf` (a client a little ahead of the server), seconds. */
export const CDP_JWT_NBF_SKEW_SECONDS = 5;

const ACCEPTED_ISSUERS: readonly string[] = ['cdp', 'coinbase-cloud'];

/** What the request says the token must cover; null for a WebSocket subscribe (no uri claim). */
export interface CdpJwtRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  /** Hosts the uri may name: the request's Host header and api.coinbase.com. */
  readonly hosts: readonly string[];
}

export type CdpJwtResult = { readonly ok: true; readonly keyName: string } | { readonly ok: false; readonly reason: string };

/** Finds the public key of a key name (null: no such key). */
export type CdpPublicKeyLookup = (keyName: string) => KeyObject | null;

/** Checks one token at `nowSeconds` (wall clock, epoch seconds). */
export function verifyCdpJwt(token: string, request: CdpJwtRequest | null, nowSeconds: number, lookup: CdpPublicKeyLookup): CdpJwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return fail('not three dot-separated parts');
  const [headerText, claimsText, signatureText] = parts as [string, string, string];
  const header = decodeJsonPart(headerText);
  const claims = decodeJsonPart(claimsText);
  if (header === null) return fail('header is not base64url JSON');
  if (claims === null) return fail('claims are not base64url JSON');
  if (header.alg !== 'ES256') return fail(`alg ${JSON.stringify(header.alg)} is not ES256`);
  const keyName = claims.sub;
  if (typeof keyName !== 'string' || keyName === '') return fail('no sub claim');
  if (header.kid !== keyName) return fail('kid differs from sub');
  if (typeof claims.iss !== 'string' || !ACCEPTED_ISSUERS.includes(claims.iss)) return fail(`iss ${JSON.stringify(claims.iss)} is not cdp`);
  const { nbf, exp } = claims;
  if (typeof nbf !== 'number' || typeof exp !== 'number') return fail('nbf or exp missing');
  if (nowSeconds + CDP_JWT_NBF_SKEW_SECONDS < nbf) return fail('not valid yet (nbf)');
  if (nowSeconds >= exp) return fail('expired (exp)');
  if (exp - nbf > CDP_JWT_MAX_LIFETIME_SECONDS) return fail(`lives longer than ${CDP_JWT_MAX_LIFETIME_SECONDS} s`);
  if (request !== null && !uriMatches(claims.uri, request)) return fail(`uri ${JSON.stringify(claims.uri)} does not name ${request.method} ${request.path}`);
  const publicKey = lookup(keyName);
  if (publicKey === null) return fail('unknown key name');
  const signature = Buffer.from(signatureText, 'base64url');
  if (signature.length !== 64) return fail('signature is not 64 bytes (r‖s)');
  const signed = Buffer.from(`${headerText}.${claimsText}`, 'ascii');
  if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)) return fail('bad signature');
  return { ok: true, keyName };
}

/** The `sub` of a token without verifying anything (to pick a rate-limit bucket before authentication). */
export function unverifiedJwtSubject(token: string): string | null {
  const claimsText = token.split('.')[1];
  if (claimsText === undefined) return null;
  const sub = decodeJsonPart(claimsText)?.sub;
  return typeof sub === 'string' && sub !== '' ? sub : null;
}

/** Public keys derived once from the accounts' PEM private keys. */
export class CdpPublicKeys {
  private readonly keys = new Map<string, KeyObject | null>();

  constructor(private readonly secretOf: (keyName: string) => string | undefined) {}

  readonly lookup: CdpPublicKeyLookup = (keyName) => {
    const cached = this.keys.get(keyName);
    if (cached !== undefined) return cached;
    const secret = this.secretOf(keyName);
    let key: KeyObject | null = null;
    if (secret !== undefined) {
      try {
        key = createPublicKey(createPrivateKey(secret));
      } catch {
        // A secret that is not a PEM private key cannot sign anything: such a key never authenticates.
        key = null;
      }
    }
    this.keys.set(keyName, key);
    return key;
  };
}

function uriMatches(uri: unknown, request: CdpJwtRequest): boolean {
  if (typeof uri !== 'string') return false;
  const prefix = `${request.method} `;
  if (!uri.startsWith(prefix)) return false;
  let target = uri.slice(prefix.length);
  if (target.startsWith('http://')) target = target.slice('http://'.length);
  return request.hosts.some((host) => target === host + request.path);
}

function decodeJsonPart(text: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function fail(reason: string): CdpJwtResult {
  return { ok: false, reason };
}
