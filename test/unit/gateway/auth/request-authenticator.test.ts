// RequestAuthenticator with a pinned clock: order of checks, window edges, replay memory and expiry, token-bucket refill, permission, public limits.
import { describe, expect, it } from 'vitest';
import type { ApiKeyOptions } from '../../../../src/gateway/auth/auth-options.js';
import { RequestAuthenticator, type SignedRequest } from '../../../../src/gateway/auth/request-authenticator.js';
import { signRequest } from '../../../../src/gateway/auth/request-signature.js';

const KEY: ApiKeyOptions = { keyId: 'k1', secret: 'secret-0123456789abcdef', accountId: 'acct', permissions: ['read'], rateLimit: { requestsPerSecond: 2, burst: 2 } };

function setup(): { auth: RequestAuthenticator; clock: { now: number }; request: (timestampMs: number, path?: string) => SignedRequest } {
  const clock = { now: 1_700_000_000_000 };
  const auth = new RequestAuthenticator({ keys: [KEY], nowMs: () => clock.now, publicRateLimit: { requestsPerSecond: 1, burst: 1 } });
  const request = (timestampMs: number, path = '/v1/positions'): SignedRequest => {
    const timestamp = String(timestampMs);
    const body = new Uint8Array(0);
    return { method: 'GET', pathWithQuery: path, apiKey: KEY.keyId, timestamp, body, signature: signRequest(KEY.secret, { timestamp, method: 'GET', pathWithQuery: path, body }) };
  };
  return { auth, clock, request };
}

describe('RequestAuthenticator', () => {
  it('accepts timestamps exactly at the ±5 000 ms edges and refuses one ms beyond', () => {
    const { auth, clock, request } = setup();
    expect(auth.authenticate(request(clock.now - 5_000, '/a'), 'read')).toMatchObject({ ok: true });
    expect(auth.authenticate(request(clock.now + 5_000, '/b'), 'read')).toMatchObject({ ok: true });
    expect(auth.authenticate(request(clock.now - 5_001, '/c'), 'read')).toMatchObject({ ok: false, status: 401, code: 'ZVT_ERR_AUTH_TIMESTAMP', reason: 'timestamp' });
    expect(auth.authenticate(request(clock.now + 5_001, '/d'), 'read')).toMatchObject({ ok: false, status: 401, code: 'ZVT_ERR_AUTH_TIMESTAMP' });
  });

  it('checks the signature before the replay memory and the bucket: a forged request costs the key nothing', () => {
    const { auth, clock, request } = setup();
    const forged = { ...request(clock.now), signature: '0'.repeat(64) };
    for (let index = 0; index < 5; index++) expect(auth.authenticate(forged, 'read')).toMatchObject({ ok: false, reason: 'signature', key: null });
    expect(auth.authenticate(request(clock.now, '/1'), 'read')).toMatchObject({ ok: true, rate: { remaining: 1 } });
  });

  it('refuses a replay inside the window (before charging the bucket) and forgets the signature once its timestamp left the window', () => {
    const { auth, clock, request } = setup();
    const first = request(clock.now);
    expect(auth.authenticate(first, 'read').ok).toBe(true);
    const replay = auth.authenticate(first, 'read');
    expect(replay).toMatchObject({ ok: false, status: 401, code: 'ZVT_ERR_AUTH_REPLAY', rate: null });
    expect(auth.replayEntries).toBe(1);
    clock.now += 5_001;
    // Now the timestamp check refuses it, and the memory can let go.
    expect(auth.authenticate(first, 'read')).toMatchObject({ ok: false, code: 'ZVT_ERR_AUTH_TIMESTAMP' });
    clock.now += 2_000;
    expect(auth.authenticate(request(clock.now, '/fresh'), 'read').ok).toBe(true);
    expect(auth.replayEntries).toBe(1);
  });

  it('refills the bucket exactly: after 499 ms at 2/s the wait is 1 ms, not 2 (regression: float token counts rounded up)', () => {
    const { auth, clock, request } = setup();
    expect(auth.authenticate(request(clock.now, '/1'), 'read')).toMatchObject({ ok: true, rate: { limit: 2, remaining: 1 } });
    expect(auth.authenticate(request(clock.now, '/2'), 'read')).toMatchObject({ ok: true, rate: { remaining: 0 } });
    const refused = auth.authenticate(request(clock.now, '/3'), 'read');
    expect(refused).toMatchObject({ ok: false, status: 429, code: 'ZVT_ERR_AUTH_RATE_LIMITED', rate: { allowed: false, retryAfterMs: 500, resetMs: 1_000 } });
    clock.now += 499;
    expect(auth.authenticate(request(clock.now, '/4'), 'read')).toMatchObject({ ok: false, status: 429, rate: { retryAfterMs: 1 } });
    clock.now += 1;
    expect(auth.authenticate(request(clock.now, '/5'), 'read')).toMatchObject({ ok: true, rate: { remaining: 0 } });
  });

  it('checks the permission last: 403 after a valid signature, and the signature cannot be replayed', () => {
    const { auth, clock, request } = setup();
    const trade = request(clock.now, '/v1/orders');
    expect(auth.authenticate(trade, 'trade')).toMatchObject({ ok: false, status: 403, code: 'ZVT_ERR_AUTH_FORBIDDEN', key: { keyId: 'k1' } });
    expect(auth.authenticate(trade, 'trade')).toMatchObject({ ok: false, status: 401, code: 'ZVT_ERR_AUTH_REPLAY' });
  });

  it('names the missing headers and refuses unknown keys and malformed timestamps', () => {
    const { auth, clock, request } = setup();
    expect(auth.authenticate({ ...request(clock.now), apiKey: '', signature: '' }, 'read')).toMatchObject({
      status: 401,
      code: 'ZVT_ERR_AUTH_MISSING',
      message: 'This endpoint needs a signed request; missing header ZVT-API-KEY, ZVT-API-SIGNATURE',
    });
    expect(auth.authenticate({ ...request(clock.now), apiKey: 'k2' }, 'read')).toMatchObject({ status: 401, code: 'ZVT_ERR_AUTH_UNKNOWN_KEY' });
    for (const timestamp of ['-1', '1.5', '1e12', ' 1', '12345678901234567']) {
      expect(auth.authenticate({ ...request(clock.now), timestamp }, 'read')).toMatchObject({ status: 401, code: 'ZVT_ERR_AUTH_TIMESTAMP' });
    }
  });

  it('limits public requests per client address', () => {
    const { auth, clock } = setup();
    expect(auth.admitPublic('10.0.0.1')).toMatchObject({ allowed: true });
    expect(auth.admitPublic('10.0.0.1')).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
    expect(auth.admitPublic('10.0.0.2')).toMatchObject({ allowed: true });
    clock.now += 1_000;
    expect(auth.admitPublic('10.0.0.1')).toMatchObject({ allowed: true });
  });

  it('answers 503 when the replay cache is full instead of forgetting live signatures', () => {
    const clock = { now: 1_700_000_000_000 };
    const auth = new RequestAuthenticator({ keys: [{ ...KEY, rateLimit: { requestsPerSecond: 100, burst: 100 } }], nowMs: () => clock.now, maxReplayEntries: 2 });
    const signed = (path: string): SignedRequest => {
      const timestamp = String(clock.now);
      const body = new Uint8Array(0);
      return { method: 'GET', pathWithQuery: path, apiKey: 'k1', timestamp, body, signature: signRequest(KEY.secret, { timestamp, method: 'GET', pathWithQuery: path, body }) };
    };
    expect(auth.authenticate(signed('/1'), 'read').ok).toBe(true);
    expect(auth.authenticate(signed('/2'), 'read').ok).toBe(true);
    expect(auth.authenticate(signed('/3'), 'read')).toMatchObject({ ok: false, status: 503, code: 'ZVT_ERR_AUTH_REPLAY_CAPACITY' });
    clock.now += 5_001;
    expect(auth.authenticate(signed('/4'), 'read').ok).toBe(true);
  });
});
