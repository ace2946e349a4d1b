// CDP API-key JWT verification: tokens built by the documented recipe, by ccxt and by the official SDK's claim set verify; every broken property is refused with its reason.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { CdpPublicKeys, unverifiedJwtSubject, verifyCdpJwt, type CdpJwtRequest } from '../../../../../src/sim/dialects/coinbase/auth/cdp-jwt.js';
import { simDemoAccounts } from '../../../../../src/sim/exchange/demo-accounts.js';

const account = simDemoAccounts('coinbase', 3)[0]!;
const KEY_NAME = account.apiKey;
const keys = new CdpPublicKeys((name) => (name === KEY_NAME ? account.secret : undefined));
const NOW = 1_735_000_000;
const ORDERS: CdpJwtRequest = { method: 'POST', path: '/api/v3/brokerage/orders', hosts: ['127.0.0.1:8443', 'api.coinbase.com'] };

/*
 * The documented recipe (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication):
 * header {alg: ES256, kid: key name, nonce}, claims {sub, iss: "cdp", nbf, exp: nbf + 120,
 * uri: "POST api.coinbase.com/api/v3/brokerage/orders"}, ES256 signature as raw r‖s.
 */
function documentedToken(overrides: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: KeyObject } = {}): string {
  const header = { alg: 'ES256', kid: KEY_NAME, nonce: randomBytes(16).toString('hex'), ...overrides.header };
  const claims = { sub: KEY_NAME, iss: 'cdp', nbf: NOW, exp: NOW + 120, uri: 'POST api.coinbase.com/api/v3/brokerage/orders', ...overrides.claims };
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: overrides.key ?? createPrivateKey(account.secret), dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

describe('verifyCdpJwt', () => {
  it('accepts a token made by the documented recipe, naming the key', () => {
    expect(verifyCdpJwt(documentedToken(), ORDERS, NOW + 1, keys.lookup)).toEqual({ ok: true, keyName: KEY_NAME });
  });

  it("accepts the SDK's claims (iss coinbase-cloud, aud) and a uri naming the server's own host", () => {
    const token = documentedToken({ claims: { iss: 'coinbase-cloud', aud: ['retail_rest_api_proxy'], uri: 'POST 127.0.0.1:8443/api/v3/brokerage/orders' } });
    expect(verifyCdpJwt(token, ORDERS, NOW, keys.lookup).ok).toBe(true);
  });

  it('accepts a token ccxt builds itself (coinbase.createAuthToken, the one its sign() sends)', () => {
    const exchange = new ccxt.coinbase({ apiKey: KEY_NAME, secret: account.secret });
    const now = Math.floor(Date.now() / 1000);
    // ccxt strips only "https://" from the URL it signs: against plain http the uri keeps "http://".
    const token = exchange.createAuthToken(now, 'GET', 'http://127.0.0.1:8443/api/v3/brokerage/accounts?limit=250');
    const request: CdpJwtRequest = { method: 'GET', path: '/api/v3/brokerage/accounts', hosts: ['127.0.0.1:8443', 'api.coinbase.com'] };
    expect(verifyCdpJwt(token, request, now, keys.lookup)).toEqual({ ok: true, keyName: KEY_NAME });
  });

  it('accepts a WebSocket token (no uri claim) when no request is given', () => {
    const token = documentedToken({ claims: { uri: undefined } });
    expect(verifyCdpJwt(token, null, NOW, keys.lookup).ok).toBe(true);
  });

  const refusals: [string, () => string, number, string][] = [
    ['expired', () => documentedToken(), NOW + 120, 'expired (exp)'],
    ['not valid yet', () => documentedToken({ claims: { nbf: NOW + 60, exp: NOW + 180 } }), NOW, 'not valid yet (nbf)'],
    ['living longer than two minutes', () => documentedToken({ claims: { exp: NOW + 3600 } }), NOW, 'lives longer than 120 s'],
    ['for another path', () => documentedToken({ claims: { uri: 'POST api.coinbase.com/api/v3/brokerage/orders/batch_cancel' } }), NOW, 'uri'],
    ['for another method', () => documentedToken({ claims: { uri: 'GET api.coinbase.com/api/v3/brokerage/orders' } }), NOW, 'uri'],
    ['for another host', () => documentedToken({ claims: { uri: 'POST evil.example/api/v3/brokerage/orders' } }), NOW, 'uri'],
    ['signed by another key', () => documentedToken({ key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }), NOW, 'bad signature'],
    ['for an unknown key name', () => documentedToken({ header: { kid: 'organizations/x/apiKeys/y' }, claims: { sub: 'organizations/x/apiKeys/y' } }), NOW, 'unknown key name'],
    ['with kid and sub differing', () => documentedToken({ header: { kid: 'organizations/x/apiKeys/y' } }), NOW, 'kid differs from sub'],
    ['with alg HS256', () => documentedToken({ header: { alg: 'HS256' } }), NOW, 'alg'],
    ['with another issuer', () => documentedToken({ claims: { iss: 'someone' } }), NOW, 'iss'],
    ['that is not a JWT', () => 'not-a-jwt', NOW, 'not three dot-separated parts'],
  ];
  for (const [name, make, now, reason] of refusals) {
    it(`refuses a token ${name}`, () => {
      const result = verifyCdpJwt(make(), ORDERS, now, keys.lookup);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toContain(reason);
    });
  }

  it('refuses a token whose signature was altered', () => {
    const token = documentedToken();
    const [header, claims, signature] = token.split('.') as [string, string, string];
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] = bytes[10]! ^ 1;
    expect(verifyCdpJwt(`${header}.${claims}.${bytes.toString('base64url')}`, ORDERS, NOW, keys.lookup)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('reads the subject without verifying (for rate-limit buckets)', () => {
    expect(unverifiedJwtSubject(documentedToken())).toBe(KEY_NAME);
    expect(unverifiedJwtSubject('garbage')).toBeNull();
  });
});
