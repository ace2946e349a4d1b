// Test client of the simulator's Coinbase REST: requests signed with a CDP JWT built by the documented recipe.
import { createPrivateKey, randomBytes, sign } from 'node:crypto';

/*
 * https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication:
 * ES256 JWT, header {alg, kid: key name, nonce}, claims {sub: key name, iss: "cdp", nbf, exp: nbf +
 * 120, uri: "<METHOD> <host><path>"}, sent as `Authorization: Bearer <jwt>`.
 */

export interface CdpCredentials {
  readonly keyName: string;
  readonly privateKeyPem: string;
}

export function cdpJwt(credentials: CdpCredentials, uri: string | null, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const header = { alg: 'ES256', kid: credentials.keyName, nonce: randomBytes(16).toString('hex'), typ: 'JWT' };
  const claims: Record<string, unknown> = { sub: credentials.keyName, iss: 'cdp', nbf: nowSeconds, exp: nowSeconds + 120 };
  if (uri !== null) claims.uri = uri;
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey(credentials.privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export interface CdpResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** One signed request: `pathAndQuery` is relative to the REST base; the uri claim names the base's host and the path. */
export async function cdpRequest(restUrl: string, credentials: CdpCredentials, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, nowSeconds?: number): Promise<CdpResponse> {
  const url = new URL(pathAndQuery, restUrl);
  const token = cdpJwt(credentials, `${method} ${url.host}${url.pathname}`, nowSeconds);
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
