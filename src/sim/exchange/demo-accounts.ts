// The one demo account each simulated venue starts with: credentials in the venue's own shapes, derived from the seed.
import { createECDH, createPrivateKey } from 'node:crypto';
import type { SimVenue } from '../market/sim-market-types.js';
import type { SimAccountSpec } from '../matching/matching-types.js';
import { seededAlphanumeric, seededBytes, seededHex, seededUuid } from './seeded-text.js';

/** Starting balances of every demo account (decimal text per asset). */
export const SIM_DEMO_BALANCES: Readonly<Record<string, string>> = Object.freeze({
  USDT: '100000',
  USDC: '100000',
  USD: '100000',
  BTC: '2',
  ETH: '20',
  SOL: '200',
});

/** Order of the P-256 group: a private scalar must lie in [1, n - 1]. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export function simDemoAccounts(venue: SimVenue, seed: number): SimAccountSpec[] {
  const label = (what: string): string => `${venue}:demo:${what}`;
  const credentials = credentialsOf(venue, seed, label);
  return [{ accountId: `${venue}-demo`, ...credentials, balances: { ...SIM_DEMO_BALANCES } }];
}

function credentialsOf(
  venue: SimVenue,
  seed: number,
  label: (what: string) => string,
): Pick<SimAccountSpec, 'apiKey' | 'secret' | 'passphrase'> {
  switch (venue) {
    case 'binance':
      // Binance HMAC keys: 64 letters and digits each.
      return { apiKey: seededAlphanumeric(seed, label('key'), 64), secret: seededAlphanumeric(seed, label('secret'), 64), passphrase: null };
    case 'okx':
      // OKX: a UUID key, a 32-hex upper-case secret, and the passphrase chosen when the key was made.
      return {
        apiKey: seededUuid(seed, label('key')),
        secret: seededHex(seed, label('secret'), 32).toUpperCase(),
        passphrase: `Sim-${seededAlphanumeric(seed, label('passphrase'), 12)}`,
      };
    case 'bybit':
      // Bybit system-generated HMAC keys: 18-character key, 36-character secret.
      return { apiKey: seededAlphanumeric(seed, label('key'), 18), secret: seededAlphanumeric(seed, label('secret'), 36), passphrase: null };
    case 'coinbase':
      // Coinbase CDP keys: the key name and an EC P-256 private key in SEC1 PEM, used for ES256 JWTs.
      return {
        apiKey: `organizations/${seededUuid(seed, label('organization'))}/apiKeys/${seededUuid(seed, label('key'))}`,
        secret: p256PrivateKeyPem(seed, label('ec-key')),
        passphrase: null,
      };
  }
}

/** A P-256 private key derived from (seed, label), as the SEC1 PEM Coinbase hands out. */
export function p256PrivateKeyPem(seed: number, label: string): string {
  let scalar = 0n;
  // Rejection sampling: a 256-bit draw lands outside [1, n - 1] with probability ~2^-32.
  for (let attempt = 0; scalar === 0n || scalar >= P256_ORDER; attempt++) {
    scalar = BigInt(`0x${seededBytes(seed, `${label}:${attempt}`, 32).toString('hex')}`);
  }
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const key = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  return key.export({ format: 'pem', type: 'sec1' }).toString();
}
