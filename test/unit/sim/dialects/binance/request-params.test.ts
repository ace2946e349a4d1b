// Binance request parameters: query wins over body, duplicates and unread parameters refused with Binance's codes, value patterns.
import { describe, expect, it } from 'vitest';
import { BinanceParams, BinanceRequestRejected } from '../../../../../src/sim/dialects/binance/request-params.js';
import { binanceRequest } from './binance-request.js';

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BinanceRequestRejected) return error.response;
    throw error;
  }
  throw new Error('not refused');
}

describe('BinanceParams', () => {
  it('merges query and form body, the query winning', () => {
    const params = BinanceParams.of(binanceRequest('POST', '/api/v3/order?symbol=BTCUSDT&side=BUY', { body: 'side=SELL&quantity=1' }));
    expect(params.names()).toEqual(['symbol', 'side', 'quantity']);
    expect(params.raw('side')).toBe('BUY');
    // GET bodies are not parameters.
    expect(BinanceParams.of(binanceRequest('GET', '/api/v3/depth?symbol=X', { body: 'limit=5' })).has('limit')).toBe(false);
  });

  it('refuses a name repeated within one part (-1101) but not across query and body', () => {
    expect(refusal(() => BinanceParams.of(binanceRequest('GET', '/api/v3/depth?symbol=A&symbol=B')))).toEqual({ status: 400, body: { code: -1101, msg: 'Duplicate values for a parameter detected.' } });
    expect(() => BinanceParams.of(binanceRequest('POST', '/x?symbol=A', { body: 'symbol=B' }))).not.toThrow();
  });

  it('refuses parameters the endpoint does not read (-1104) with the counts', () => {
    const params = BinanceParams.of(binanceRequest('GET', '/api/v3/depth?symbol=A&limit=5&foo=1&bar=2'));
    expect(refusal(() => params.acceptOnly(['symbol', 'limit']))).toEqual({ status: 400, body: { code: -1104, msg: "Not all sent parameters were read; read '2' parameter(s) but was sent '4'." } });
  });

  it('reads values with Binance’s patterns', () => {
    const params = BinanceParams.of(binanceRequest('GET', '/x?symbol=btcusdt&limit=1e3&price=1.5&qty=-1&id=12&empty='));
    expect(refusal(() => params.requiredSymbol())).toEqual({ status: 400, body: { code: -1100, msg: "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'." } });
    expect(refusal(() => params.optionalInteger('limit'))).toEqual({ status: 400, body: { code: -1100, msg: "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'." } });
    expect(params.requiredDecimal('price')).toBe('1.5');
    expect(refusal(() => params.requiredDecimal('qty'))).toMatchObject({ body: { code: -1100 } });
    expect(params.requiredInteger('id')).toBe(12);
    expect(refusal(() => params.requiredText('empty'))).toEqual({ status: 400, body: { code: -1102, msg: "Mandatory parameter 'empty' was not sent, was empty/null, or malformed." } });
    expect(params.optionalText('empty')).toBeUndefined();
  });
});
