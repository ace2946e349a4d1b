// Request signing against an openssl vector: the signed bytes, hex output, case-insensitive hex input, constant-time refusals of anything else.
import { describe, expect, it } from 'vitest';
import { signedRequestHeaders, signRequest, verifyRequestSignature } from '../../../../src/gateway/auth/request-signature.js';

const SECRET = '0123456789abcdef-secret';
// printf '%s' '1700000000000POST/v1/orders?x=1{"a":1}' | openssl dgst -sha256 -hmac '0123456789abcdef-secret'
const VECTOR = 'ea943841a8e9cbedc94d19bf51598535e0286acc0bc76a3c0c0a5b7af4e4e85d';
const PARTS = { timestamp: '1700000000000', method: 'post', pathWithQuery: '/v1/orders?x=1', body: Buffer.from('{"a":1}') };

describe('request signature', () => {
  it('is hex HMAC-SHA256(secret, timestamp + METHOD + path?query + body)', () => {
    expect(signRequest(SECRET, PARTS)).toBe(VECTOR);
  });

  it('verifies the signature in either hex case and nothing else', () => {
    expect(verifyRequestSignature(SECRET, PARTS, VECTOR)).toBe(true);
    expect(verifyRequestSignature(SECRET, PARTS, VECTOR.toUpperCase())).toBe(true);
    expect(verifyRequestSignature(SECRET, { ...PARTS, timestamp: '1700000000001' }, VECTOR)).toBe(false);
    expect(verifyRequestSignature(SECRET, { ...PARTS, pathWithQuery: '/v1/orders?x=2' }, VECTOR)).toBe(false);
    expect(verifyRequestSignature(SECRET, { ...PARTS, body: Buffer.from('{"a":2}') }, VECTOR)).toBe(false);
    expect(verifyRequestSignature(`${SECRET}x`, PARTS, VECTOR)).toBe(false);
    expect(verifyRequestSignature(SECRET, PARTS, VECTOR.slice(0, 62))).toBe(false);
    expect(verifyRequestSignature(SECRET, PARTS, `${VECTOR.slice(0, 63)}g`)).toBe(false);
    expect(verifyRequestSignature(SECRET, PARTS, '')).toBe(false);
  });

  it('builds the three client headers', () => {
    expect(signedRequestHeaders({ keyId: 'k1', secret: SECRET }, 'POST', '/v1/orders?x=1', '{"a":1}', 1_700_000_000_000)).toEqual({
      'ZVT-API-KEY': 'k1',
      'ZVT-API-TIMESTAMP': '1700000000000',
      'ZVT-API-SIGNATURE': VECTOR,
    });
  });
});
