// What the REST API reads and drives, behind small interfaces the integrator wires to the live engine: instruments, books, the store, order entry, balances, readiness.
import type { InstrumentRegistry } from '../../model/instrument-registry.js';
import type { VenueId } from '../../model/venue.js';
import type { Store } from '../../store/store.js';
import type { OrderEntryHandler } from '../orders/order-entry-handler.js';

/** One price level as decimal text: [price, size]. */
export type BookLevelText = readonly [price: string, size: string];

export type BookStateName = 'empty' | 'snapshotting' | 'synced' | 'resyncing';
export type CrossStateName = 'none' | 'locked' | 'crossed';

/** Top levels of one venue's book. */
export interface VenueBookView {
  /** `<venue>:<canonical>`. */
  readonly instrument: string;
  readonly state: BookStateName;
  readonly cross: CrossStateName;
  /** The venue sequence of the last applied update; null before the first. */
  readonly sequence: number | null;
  /** When the last update was applied, epoch ns as integer text; null before the first. */
  readonly updatedNs: string | null;
  /** Best first. */
  readonly bids: readonly BookLevelText[];
  readonly asks: readonly BookLevelText[];
}

/** One level of the consolidated book: the total and each contributing venue instrument's size. */
export interface ConsolidatedLevelText {
  readonly price: string;
  readonly size: string;
  /** Venue instrument id → size at this price (only members that quote it). */
  readonly venues: Readonly<Record<string, string>>;
}

/** The cross-venue book of one canonical symbol (the feed's `all:<canonical>`). */
export interface ConsolidatedBookView {
  /** `all:<canonical>`. */
  readonly instrument: string;
  readonly members: readonly string[];
  /** Members left out now (not synced, or stale). */
  readonly excluded: readonly string[];
  readonly bids: readonly ConsolidatedLevelText[];
  readonly asks: readonly ConsolidatedLevelText[];
}

/** Books as the REST API sees them. Calls are synchronous snapshots taken between engine batches. */
export interface BookProvider {
  /** undefined: no book for that venue instrument. */
  venueBook(instrumentId: string, depth: number): VenueBookView | undefined;
  /** undefined: no consolidated group for that canonical symbol. */
  consolidatedBook(canonical: string, depth: number): ConsolidatedBookView | undefined;
  /** False while the books are not served yet (startup); /readyz reports 503. */
  ready(): boolean;
}

export interface BalanceText {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/** Balances of a trading account at its venue (optional: the portfolio lists them when given). */
export interface BalanceProvider {
  balances(accountId: string): readonly BalanceText[] | Promise<readonly BalanceText[]>;
}

/** One condition /readyz checks besides the store and the books. */
export interface ReadinessProbe {
  readonly name: string;
  check(): boolean | Promise<boolean>;
}

export interface RestContext {
  readonly instruments: InstrumentRegistry;
  readonly books: BookProvider;
  /** Trades and candles are read from it and ingested into it; audit rows go to it through the audit writer. */
  readonly store: Store;
  /**
   * Order entry (create, cancel); its events feed the order list, positions and portfolio. Null or
   * absent: no execution path (create and cancel answer 503 ZVT_ERR_REST_ORDERS_UNAVAILABLE; lists are empty).
   */
  readonly orders?: OrderEntryHandler | null | undefined;
  /** The venue the order handler trades on: positions are marked at the mid of `<orderVenue>:<symbol>`, else of `all:<symbol>`. */
  readonly orderVenue: VenueId;
  readonly balances?: BalanceProvider | undefined;
  readonly readiness?: readonly ReadinessProbe[] | undefined;
}
