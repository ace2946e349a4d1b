// Test helper: the real SimExchange the server tests' dialect reads (never started: tests push frames themselves or step it).
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';

export function testExchange(): SimExchange {
  return createSimExchange({ venue: 'binance', seed: 1, startMs: Date.UTC(2024, 0, 2) });
}
