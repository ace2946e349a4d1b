// One simulated venue as its dialect sees it: listings, history, live book and trade events, accounts and orders.
import type { EventEmitter } from 'node:events';
import type { SyntheticMarketHistory } from '../market/market-contract.js';
import type { SimInstrument, SimLevel, SimLevelChange, SimTrade, SimVenue } from '../market/sim-market-types.js';
import type {
  SimAccountSpec,
  SimBalance,
  SimFeeSchedule,
  SimCancelResult,
  SimFill,
  SimOrder,
  SimOrderRef,
  SimOrderRequest,
  SimOrderResult,
} from '../matching/matching-types.js';

/** An instrument as one venue lists it. */
export interface SimListing {
  readonly instrument: SimInstrument;
  /** The venue's own symbol: `BTCUSDT` (Binance, Bybit), `BTC-USDT` / `BTC-USDT-SWAP` (OKX), `BTC-USD` (Coinbase). */
  readonly native: string;
  /** Venue market category: Bybit `spot` | `linear`; OKX `SPOT` | `SWAP`; Binance/Coinbase `spot`. */
  readonly category: string;
}

/**
 * One book update of one listing. `updateId` increases by exactly 1 per update of that listing
 * (first update after start = 1); dialects derive their sequence fields from it (Binance U/u,
 * OKX seqId/prevSeqId, Bybit u). The book snapshot carries the updateId it includes.
 */
export interface SimBookUpdate {
  readonly native: string;
  readonly updateId: number;
  readonly tsMs: number;
  /** Never empty. */
  readonly changes: readonly SimLevelChange[];
}

export interface SimBookSnapshot {
  readonly native: string;
  /** The last update included. */
  readonly updateId: number;
  readonly tsMs: number;
  readonly bids: readonly SimLevel[];
  readonly asks: readonly SimLevel[];
}

export interface SimExchangeEvents {
  /** Public book change of one listing (synthetic liquidity moving, participant orders added/removed/filled). */
  book: [SimBookUpdate];
  /** Public trade of one listing: synthetic prints and participant fills alike. */
  trade: [native: string, trade: SimTrade];
  /** Any change of a participant order (accepted, filled, canceled, expired). */
  order: [SimOrder];
  fill: [SimFill];
  /** The account's balances after any change (the assets that changed). */
  balance: [accountId: string, balances: readonly SimBalance[]];
}

/**
 * The simulated venue. Wall time drives it (start(): a timer every tickIntervalMs), or a test
 * drives it (stepTo). All methods are synchronous; events are emitted synchronously in order.
 */
export interface SimExchange extends EventEmitter<SimExchangeEvents> {
  readonly venue: SimVenue;
  readonly listings: readonly SimListing[];
  listing(native: string): SimListing | undefined;
  history(native: string): SyntheticMarketHistory;
  /** The current public book (synthetic liquidity + resting participant orders), best `depth` levels per side. */
  snapshot(native: string, depth: number): SimBookSnapshot;
  /** Current time of the simulation (the last stepTo / timer tick), epoch ms. */
  nowMs(): number;
  start(): void;
  stop(): void;
  /** Advances the simulation to tsMs: book changes, trades, fills of resting orders, in time order. */
  stepTo(tsMs: number): void;

  /** The fees the matching engine charges (dialects report them: Binance commission rates, Coinbase fee tier). */
  readonly fees: SimFeeSchedule;
  /** Demo accounts (SimConfig); lookup by API key for the dialects' authentication. */
  readonly accounts: readonly SimAccountSpec[];
  accountByApiKey(apiKey: string): SimAccountSpec | undefined;
  placeOrder(accountId: string, request: SimOrderRequest): SimOrderResult;
  cancelOrder(accountId: string, canonical: string, ref: SimOrderRef): SimCancelResult;
  /** An order of the account, open or not (kept for the session). */
  order(accountId: string, canonical: string, ref: SimOrderRef): SimOrder | undefined;
  openOrders(accountId: string, canonical?: string): SimOrder[];
  /** Every order of the account this session, open and closed, oldest first. */
  orderHistory(accountId: string, canonical?: string): SimOrder[];
  balances(accountId: string): SimBalance[];
  fills(accountId: string, canonical?: string): SimFill[];
}
