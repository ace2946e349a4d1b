// Registry of the simulator's venue dialects: one factory per venue, each dialect module adds its one line here.
import { createBinanceDialect } from './dialects/binance/create-binance-dialect.js';
import { createBybitDialect } from './dialects/bybit/create-bybit-dialect.js';
import { createCoinbaseDialect } from './dialects/coinbase/create-coinbase-dialect.js';
import { createOkxDialect } from './dialects/okx/create-okx-dialect.js';
import type { SimExchange } from './exchange/sim-exchange-contract.js';
import type { SimVenue } from './market/sim-market-types.js';
import type { SimDialect, SimRateLimitRule } from './server/sim-dialect.js';

/** What a dialect factory is given besides its exchange; every member optional. */
export interface SimDialectOptions {
  /**
   * Overrides of the dialect's rate-limit rules by rule name, merged field by field over its
   * defaults (mergeRateLimitRules in server/rate-limiter.ts); a rule name the dialect lacks is an error.
   */
  rateLimits?: Readonly<Record<string, Partial<SimRateLimitRule>>>;
}

export type SimDialectFactory = (exchange: SimExchange, options: SimDialectOptions) => SimDialect;

/** The venues the simulator can speak today; a venue without an entry is skipped by startSimulator. */
export const SIM_DIALECT_FACTORIES: Partial<Record<SimVenue, SimDialectFactory>> = {
  binance: createBinanceDialect,
  bybit: createBybitDialect,
  coinbase: createCoinbaseDialect,
  okx: createOkxDialect,
};
