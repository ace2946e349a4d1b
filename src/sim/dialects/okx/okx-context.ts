// What the OKX dialect's handlers share: the exchange, the public market hub, ticker statistics and the dialect's own order records.
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import type { MarketHub } from './public-ws/market-hub.js';
import type { OrderRegistry, OkxOrderRecord } from './private-rest/order-registry.js';
import type { TickerStats } from './ticker-stats.js';

export interface OkxContext {
  readonly exchange: SimExchange;
  readonly hub: MarketHub;
  readonly tickers: TickerStats;
  readonly registry: OrderRegistry;
  /** Listings by OKX instId. */
  listing(instId: string): SimListing | undefined;
  /** The listing of a canonical symbol. */
  listingOfCanonical(canonical: string): SimListing | undefined;
  /** Called for orders the dialect made itself (post-only cancels), so the orders channel pushes them as OKX would. */
  onDialectOrder(record: OkxOrderRecord): void;
}
