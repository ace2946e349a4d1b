// Binance HMAC-SHA256 signatures against rest-api.md's documented examples (key, secret, payload → signature).
import { describe, expect, it } from 'vitest';
import { binanceHmacSignature, signedPayloadOf, verifyBinanceSignature } from '../../../../../src/sim/dialects/binance/auth/hmac-signature.js';

// rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order" (HMAC Keys).
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const ALL_PARAMS = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
const EXAMPLE_1_2 = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';
const EXAMPLE_3 = '0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77';

describe('Binance HMAC signature', () => {
  it('example 1 (request body) and example 2 (query string) sign the same totalParams', () => {
    expect(binanceHmacSignature(SECRET, ALL_PARAMS)).toBe(EXAMPLE_1_2);
    const asBody = signedPayloadOf('', `${ALL_PARAMS}&signature=${EXAMPLE_1_2}`);
    const asQuery = signedPayloadOf(`${ALL_PARAMS}&signature=${EXAMPLE_1_2}`, '');
    expect(asBody).toEqual({ payload: ALL_PARAMS, signature: EXAMPLE_1_2 });
    expect(asQuery).toEqual({ payload: ALL_PARAMS, signature: EXAMPLE_1_2 });
    expect(verifyBinanceSignature(SECRET, asBody.payload, asBody.signature!)).toBe(true);
  });

  it('example 3: query string and body concatenated with no "&" between them', () => {
    const split = signedPayloadOf('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC', `quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=${EXAMPLE_3}`);
    expect(split.payload).toBe('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559');
    expect(binanceHmacSignature(SECRET, split.payload)).toBe(EXAMPLE_3);
    expect(verifyBinanceSignature(SECRET, split.payload, split.signature!)).toBe(true);
  });

  it('the signature is not case sensitive; anything else fails', () => {
    expect(verifyBinanceSignature(SECRET, ALL_PARAMS, EXAMPLE_1_2.toUpperCase())).toBe(true);
    expect(verifyBinanceSignature(SECRET, ALL_PARAMS, EXAMPLE_3)).toBe(false);
    expect(verifyBinanceSignature(SECRET, `${ALL_PARAMS}&x=1`, EXAMPLE_1_2)).toBe(false);
    expect(verifyBinanceSignature('other', ALL_PARAMS, EXAMPLE_1_2)).toBe(false);
    expect(verifyBinanceSignature(SECRET, ALL_PARAMS, 'c8db')).toBe(false);
  });

  it('the payload keeps the client’s percent-encoding byte for byte; a missing or empty signature is null', () => {
    expect(signedPayloadOf('symbol=BTCUSDT&newClientOrderId=a%2Db&signature=ab', '')).toEqual({ payload: 'symbol=BTCUSDT&newClientOrderId=a%2Db', signature: 'ab' });
    expect(signedPayloadOf('signature=ab&symbol=BTCUSDT', '')).toEqual({ payload: 'symbol=BTCUSDT', signature: 'ab' });
    expect(signedPayloadOf('symbol=BTCUSDT', '').signature).toBeNull();
    expect(signedPayloadOf('symbol=BTCUSDT&signature=', '').signature).toBeNull();
  });
});
