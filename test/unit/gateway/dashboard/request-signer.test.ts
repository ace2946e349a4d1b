// The page's WebCrypto request signer against the server's signRequest/signedRequestHeaders on the same inputs (the docs/rest.md example included).
import { describe, expect, it } from 'vitest';
import { signedRequestHeaders, signRequest, verifyRequestSignature } from '../../../../src/gateway/auth/request-signature.js';
import { RequestSigner, signedBytes } from '../../../../src/gateway/dashboard/client/request-signer.js';

const SECRET = '0123456789abcdef-secret';

const CASES: { timestamp: string; method: string; pathWithQuery: string; body: string }[] = [
  // docs/rest.md's example (checked against openssl in request-signature.test.ts).
  { timestamp: '1700000000000', method: 'POST', pathWithQuery: '/v1/orders?x=1', body: '{"a":1}' },
  { timestamp: '1700000000001', method: 'GET', pathWithQuery: '/v1/orders?status=all', body: '' },
  { timestamp: '1700000000002', method: 'delete', pathWithQuery: '/v1/orders/dash-lz1x2-1', body: '' },
  { timestamp: '1700000000003', method: 'POST', pathWithQuery: '/v1/orders', body: JSON.stringify({ symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '32500.01', quantity: '0.001', clientOrderId: 'dash-1' }) },
  // Non-ASCII body bytes are UTF-8 on both sides; a percent-encoded target is signed as sent.
  { timestamp: '1700000000004', method: 'POST', pathWithQuery: '/v1/orders/%C3%A9t%C3%A9?q=a%20b', body: '{"note":"été ✓ 😀"}' },
];

describe('RequestSigner (WebCrypto)', () => {
  it('gives the documented signature of docs/rest.md', async () => {
    const signer = await RequestSigner.create('desk-1', SECRET);
    expect(await signer.signature('1700000000000', 'POST', '/v1/orders?x=1', '{"a":1}')).toBe('ea943841a8e9cbedc94d19bf51598535e0286acc0bc76a3c0c0a5b7af4e4e85d');
  });

  it.each(CASES)('equals the server signRequest for $method $pathWithQuery', async ({ timestamp, method, pathWithQuery, body }) => {
    const signer = await RequestSigner.create('desk-1', SECRET);
    const signature = await signer.signature(timestamp, method, pathWithQuery, body);
    const parts = { timestamp, method, pathWithQuery, body: new TextEncoder().encode(body) };
    expect(signature).toBe(signRequest(SECRET, parts));
    expect(verifyRequestSignature(SECRET, parts, signature)).toBe(true);
  });

  it('signs with a non-ASCII secret as the server does (UTF-8)', async () => {
    const secret = 'sécret-ключ-0123456789';
    const signer = await RequestSigner.create('k', secret);
    const parts = { timestamp: '1', method: 'GET', pathWithQuery: '/v1/positions', body: new Uint8Array() };
    expect(await signer.signature('1', 'GET', '/v1/positions', '')).toBe(signRequest(secret, parts));
  });

  it('builds the same three headers as signedRequestHeaders', async () => {
    const signer = await RequestSigner.create('desk-1', SECRET);
    const body = '{"symbol":"BTC-USDT"}';
    expect(await signer.headers('POST', '/v1/orders', body, 1_700_000_000_123)).toEqual(signedRequestHeaders({ keyId: 'desk-1', secret: SECRET }, 'POST', '/v1/orders', body, 1_700_000_000_123));
  });

  it('a different secret or body gives a signature the server refuses', async () => {
    const signer = await RequestSigner.create('desk-1', `${SECRET}x`);
    const signature = await signer.signature('1', 'GET', '/v1/orders', '');
    expect(verifyRequestSignature(SECRET, { timestamp: '1', method: 'GET', pathWithQuery: '/v1/orders', body: new Uint8Array() }, signature)).toBe(false);
  });

  it('signedBytes: head as latin1, body as UTF-8', () => {
    expect([...signedBytes('1', 'get', '/p', 'é')]).toEqual([0x31, 0x47, 0x45, 0x54, 0x2f, 0x70, 0xc3, 0xa9]);
  });
});
