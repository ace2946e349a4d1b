// simDemoAccounts: credentials in each venue's shape, reproducible from the seed; the Coinbase key signs a JWT ccxt makes.
import ccxt from 'ccxt';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { p256PrivateKeyPem, simDemoAccounts } from '../../../../src/sim/exchange/demo-accounts.js';
import { SIM_VENUES } from '../../../../src/sim/market/sim-market-types.js';

describe('simDemoAccounts', () => {
  it('one account per venue with the starting balances', () => {
    for (const venue of SIM_VENUES) {
      const accounts = simDemoAccounts(venue, 1);
      expect(accounts).toHaveLength(1);
      expect(accounts[0]!.balances).toEqual({ USDT: '100000', USDC: '100000', USD: '100000', BTC: '2', ETH: '20', SOL: '200' });
    }
  });

  it('is a function of (venue, seed)', () => {
    for (const venue of SIM_VENUES) {
      expect(simDemoAccounts(venue, 7)).toEqual(simDemoAccounts(venue, 7));
      expect(simDemoAccounts(venue, 7)[0]!.apiKey).not.toBe(simDemoAccounts(venue, 8)[0]!.apiKey);
      expect(simDemoAccounts(venue, 7)[0]!.secret).not.toBe(simDemoAccounts(venue, 8)[0]!.secret);
    }
    expect(simDemoAccounts('binance', 7)[0]!.apiKey).not.toBe(simDemoAccounts('bybit', 7)[0]!.apiKey);
  });

  it('Binance: 64-character alphanumeric key and secret', () => {
    const [account] = simDemoAccounts('binance', 3);
    expect(account).toMatchObject({ passphrase: null });
    expect(account!.apiKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(account!.secret).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('OKX: UUID key, 32 upper-case hex secret, a passphrase', () => {
    const [account] = simDemoAccounts('okx', 3);
    expect(account!.apiKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(account!.secret).toMatch(/^[0-9A-F]{32}$/);
    expect(account!.passphrase).toMatch(/^[A-Za-z0-9-]{8,32}$/);
  });

  it('Bybit: 18-character key, 36-character secret', () => {
    const [account] = simDemoAccounts('bybit', 3);
    expect(account!.apiKey).toMatch(/^[A-Za-z0-9]{18}$/);
    expect(account!.secret).toMatch(/^[A-Za-z0-9]{36}$/);
  });

  it('Coinbase: a CDP key name and a SEC1 PEM P-256 private key', () => {
    const [account] = simDemoAccounts('coinbase', 3);
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
    expect(account!.apiKey).toMatch(new RegExp(`^organizations/${uuid}/apiKeys/${uuid}$`));
    expect(account!.secret.startsWith('-----BEGIN EC PRIVATE KEY-----\n')).toBe(true);
    expect(account!.secret.trimEnd().endsWith('-----END EC PRIVATE KEY-----')).toBe(true);
    const key = createPrivateKey(account!.secret);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it('the Coinbase key signs the ES256 JWT ccxt builds, verifiable with its public key', () => {
    const [account] = simDemoAccounts('coinbase', 5);
    const exchange = new ccxt.coinbase({ apiKey: account!.apiKey, secret: account!.secret });
    const token = (exchange as unknown as { createAuthToken(seconds: number, method: string, url: string): string }).createAuthToken(
      1_700_000_000,
      'GET',
      'https://api.coinbase.com/api/v3/brokerage/accounts',
    );
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'ES256', kid: account!.apiKey });
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: createPublicKey(account!.secret), dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature!, 'base64url'),
    );
    expect(valid).toBe(true);
  });

  it('P-256 keys stay valid scalars for many labels', () => {
    for (let index = 0; index < 50; index++) {
      const jwk = createPrivateKey(p256PrivateKeyPem(index, 'probe')).export({ format: 'jwk' });
      expect(Buffer.from(jwk.d!, 'base64url')).toHaveLength(32);
    }
  });
});
