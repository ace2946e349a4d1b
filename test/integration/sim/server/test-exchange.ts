// Test helper: the SimExchange the server tests' dialect reads (a real createSimExchange once it lands).
import { EventEmitter } from 'node:events';
import type { SimExchange, SimExchangeEvents } from '../../../../src/sim/exchange/sim-exchange-contract.js';

/** TEMPORARY until src/sim/exchange/sim-exchange.ts lands: only what the test dialect reads. */
export function testExchange(): SimExchange {
  const emitter = new EventEmitter<SimExchangeEvents>();
  return Object.assign(emitter, {
    venue: 'binance' as const,
    listings: [],
    listing: (native: string) => (native === 'BTCUSDT' ? ({ native } as never) : undefined),
    snapshot: (native: string, depth: number) => ({ native, updateId: 7, tsMs: 0, bids: Array.from({ length: Math.min(depth, 3) }, () => ({ priceTicks: 1, sizeLots: 1 })), asks: [] }),
  }) as unknown as SimExchange;
}
