// OKX request costs: which rule each endpoint charges and in which bucket (IP, IP + instType, user, user + instrument; batch orders by count).
import { describe, expect, it } from 'vitest';
import { OKX_RATE_LIMIT_RULES, okxCostOf } from '../../../../../src/sim/dialects/okx/rate-limits.js';
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';

function request(method: string, pathAndQuery: string, body = '', apiKey = 'key-1'): SimHttpRequest {
  const [path, rawQuery = ''] = pathAndQuery.split('?') as [string, string?];
  return { method, path, rawQuery, query: new URLSearchParams(rawQuery), headers: { 'ok-access-key': apiKey }, body, receivedMs: 0, clientAddress: '10.0.0.7' };
}

describe('OKX rate limits', () => {
  it('uses the documented limits per 2 s (asset endpoints per 1 s), nobody banned, refusals not counted', () => {
    expect(OKX_RATE_LIMIT_RULES['market-candles']).toEqual({ limit: 40, windowMs: 2000, banAfterRefusals: null, banMs: 0, countRefused: false });
    expect(OKX_RATE_LIMIT_RULES['market-history-candles']!.limit).toBe(20);
    expect(OKX_RATE_LIMIT_RULES['public-instruments']!.limit).toBe(20);
    expect(OKX_RATE_LIMIT_RULES['trade-order']!.limit).toBe(60);
    expect(OKX_RATE_LIMIT_RULES['trade-batch-orders']!.limit).toBe(300);
    expect(OKX_RATE_LIMIT_RULES['asset-currencies']).toMatchObject({ limit: 6, windowMs: 1000 });
  });

  it('charges public endpoints per IP (instruments per IP and instType)', () => {
    expect(okxCostOf(request('GET', '/api/v5/market/history-candles?instId=BTC-USDT'))).toEqual({ charges: [{ rule: 'market-history-candles', bucket: 'ip:10.0.0.7', cost: 1 }] });
    expect(okxCostOf(request('GET', '/api/v5/public/instruments?instType=SWAP'))).toEqual({ charges: [{ rule: 'public-instruments', bucket: 'ip:10.0.0.7:SWAP', cost: 1 }] });
  });

  it('charges trading per user and instrument, queries per user; a one-order batch counts as a place order', () => {
    expect(okxCostOf(request('POST', '/api/v5/trade/order', '{"instId":"ETH-USDT"}'))).toEqual({ charges: [{ rule: 'trade-order', bucket: 'user:key-1:ETH-USDT', cost: 1 }] });
    expect(okxCostOf(request('GET', '/api/v5/trade/order?instId=BTC-USDT&ordId=1'))).toEqual({ charges: [{ rule: 'trade-order-details', bucket: 'user:key-1:BTC-USDT', cost: 1 }] });
    expect(okxCostOf(request('GET', '/api/v5/account/balance'))).toEqual({ charges: [{ rule: 'account-balance', bucket: 'user:key-1', cost: 1 }] });
    expect(okxCostOf(request('POST', '/api/v5/trade/batch-orders', '[{"instId":"BTC-USDT"}]'))).toEqual({ charges: [{ rule: 'trade-order', bucket: 'user:key-1:BTC-USDT', cost: 1 }] });
    expect(okxCostOf(request('POST', '/api/v5/trade/batch-orders', '[{"instId":"BTC-USDT"},{"instId":"BTC-USDT"},{"instId":"ETH-USDT"}]'))).toEqual({
      charges: [
        { rule: 'trade-batch-orders', bucket: 'user:key-1:BTC-USDT', cost: 2 },
        { rule: 'trade-batch-orders', bucket: 'user:key-1:ETH-USDT', cost: 1 },
      ],
    });
  });

  it('does not limit paths it does not serve', () => {
    expect(okxCostOf(request('GET', '/api/v5/market/index-candles'))).toBeNull();
  });
});
