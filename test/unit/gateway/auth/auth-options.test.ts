// resolveAuthOptions: defaults and the exact validation messages of bad keys, limits and windows.
import { describe, expect, it } from 'vitest';
import { AUTH_DEFAULTS, resolveAuthOptions, type ApiKeyOptions, type AuthOptions } from '../../../../src/gateway/auth/auth-options.js';
import { ZvtError } from '../../../../src/model/errors.js';

const KEY: ApiKeyOptions = { keyId: 'k1', secret: 'secret-0123456789abcdef', accountId: 'acct', permissions: ['read', 'trade'] };

function messageOf(options: AuthOptions): string {
  try {
    resolveAuthOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ZvtError);
    expect((error as ZvtError).code).toBe('ZVT_ERR_AUTH_OPTIONS');
    return (error as ZvtError).message;
  }
  throw new Error('expected a validation error');
}

describe('resolveAuthOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveAuthOptions({ keys: [KEY] });
    expect(resolved.replayWindowMs).toBe(5_000);
    expect(resolved.publicRateLimit).toEqual(AUTH_DEFAULTS.publicRateLimit);
    const key = resolved.keys.get('k1')!;
    expect(key.rateLimit).toEqual({ requestsPerSecond: 10, burst: 20 });
    expect([...key.permissions]).toEqual(['read', 'trade']);
    expect(resolveAuthOptions({ keys: [], publicRateLimit: null }).publicRateLimit).toBeNull();
  });

  it('names the broken field exactly', () => {
    expect(messageOf({ keys: [{ ...KEY, keyId: 'has space' }] })).toBe('auth.keys[0].keyId must be 1 to 64 characters of A-Z a-z 0-9 _ . - (got "has space")');
    expect(messageOf({ keys: [KEY, KEY] })).toBe('auth.keys[1].keyId "k1" is configured twice');
    expect(messageOf({ keys: [{ ...KEY, secret: 'short' }] })).toBe('auth.keys[0].secret must be a string of at least 16 characters');
    expect(messageOf({ keys: [{ ...KEY, accountId: '' }] })).toBe('auth.keys[0].accountId must be a non-empty string');
    expect(messageOf({ keys: [{ ...KEY, permissions: [] }] })).toBe('auth.keys[0].permissions must be a non-empty list of read, trade, ingest');
    expect(messageOf({ keys: [{ ...KEY, permissions: ['admin' as 'read'] }] })).toBe('auth.keys[0].permissions has "admin"; allowed: read, trade, ingest');
    expect(messageOf({ keys: [{ ...KEY, rateLimit: { requestsPerSecond: 0, burst: 1 } }] })).toBe(
      'auth.keys[0].rateLimit.requestsPerSecond must be a number above 0 and at most 1000000 (got 0)',
    );
    expect(messageOf({ keys: [{ ...KEY, rateLimit: { requestsPerSecond: 1, burst: 1.5 } }] })).toBe('auth.keys[0].rateLimit.burst must be an integer from 1 to 1000000 (got 1.5)');
    expect(messageOf({ keys: [], replayWindowMs: 50 })).toBe('auth.replayWindowMs must be an integer from 100 to 300000 (got 50)');
  });
});
