// A configured fee schedule is what the exchange charges and what it reports to the dialects (SimExchange.fees).
import { describe, expect, it } from 'vitest';
import { createSimExchange, SIM_DEFAULT_FEES } from '../../../../src/sim/exchange/sim-exchange.js';

describe('SimExchange.fees', () => {
  it('defaults to the simulator schedule and reports a configured one, which the fills charge', () => {
    expect(createSimExchange({ venue: 'binance', seed: 1, startMs: Date.UTC(2025, 0, 1) }).fees).toEqual(SIM_DEFAULT_FEES);
    const exchange = createSimExchange({ venue: 'binance', seed: 1, startMs: Date.UTC(2025, 0, 1), fees: { makerBps: 2, takerBps: 25 } });
    expect(exchange.fees).toEqual({ makerBps: 2, takerBps: 25 });
    const [account] = exchange.accounts;
    const result = exchange.placeOrder(account!.accountId, { canonical: 'BTC-USDT', side: 'buy', type: 'market', timeInForce: 'IOC', postOnly: false, sizeLots: 1000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [fill] = result.fills;
    // Taker fee = notional × 25 bp, in the quote asset: notional = price × size = ticks × 0.01 × lots × 0.00001.
    const notional = (fill!.priceTicks * fill!.sizeLots) / 1e7;
    expect(Number(fill!.fee)).toBeCloseTo(notional * 0.0025, 8);
    expect(fill!.liquidity).toBe('taker');
  });
});
