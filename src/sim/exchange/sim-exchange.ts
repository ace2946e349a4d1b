// The simulated venue: listings with synthetic markets, the matching engine, accounts, and the events dialects stream.
import { EventEmitter } from 'node:events';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_EXCHANGE } from '../errors.js';
import type { SyntheticBook, SyntheticMarketHistory } from '../market/market-contract.js';
import { createMarketHistory } from '../market/market-history.js';
import { simListings } from '../market/sim-catalog.js';
import type { SimTrade, SimVenue } from '../market/sim-market-types.js';
import { createSyntheticBook } from '../market/synthetic-book.js';
import { SimLedger } from '../matching/ledger.js';
import { ledgerUnitsOf } from '../matching/ledger-units.js';
import { MatchingEngine, type MatchingListing } from '../matching/matching-engine.js';
import type {
  SimAccountSpec,
  SimBalance,
  SimCancelResult,
  SimFeeSchedule,
  SimFill,
  SimOrder,
  SimOrderRef,
  SimOrderRequest,
  SimOrderResult,
} from '../matching/matching-types.js';
import { RestingOrders } from '../matching/resting-orders.js';
import { simDemoAccounts } from './demo-accounts.js';
import { PublicBook } from './public-book.js';
import { seededAlphanumeric, seededInteger } from './seeded-text.js';
import type { SimBookSnapshot, SimExchange, SimExchangeEvents, SimListing } from './sim-exchange-contract.js';

/** How a listing's synthetic market is made; the defaults are the market module's factories. */
export interface SimMarketFactories {
  readonly createHistory: (venue: SimVenue, listing: SimListing, options: { seed: number; originMs?: number }) => SyntheticMarketHistory;
  readonly createBook: (
    venue: SimVenue,
    listing: SimListing,
    history: SyntheticMarketHistory,
    options: { seed: number; startMs: number },
  ) => SyntheticBook;
}

export interface SimExchangeOptions {
  readonly venue: SimVenue;
  readonly seed: number;
  /** Default: simListings(venue). */
  readonly listings?: readonly SimListing[];
  /** Default: simDemoAccounts(venue, seed). */
  readonly accounts?: readonly SimAccountSpec[];
  /** Default: maker 8 bps, taker 10 bps. */
  readonly fees?: SimFeeSchedule;
  /** Period of start()'s timer, ms (default 100). */
  readonly tickIntervalMs?: number;
  /** Model origin of the market histories (default: the market module's, 2024-01-01). */
  readonly originMs?: number;
  /** Simulation start (default Date.now()). */
  readonly startMs?: number;
  /** Default: createMarketHistory / createSyntheticBook. Tests pass small scripted markets. */
  readonly market?: SimMarketFactories;
}

export const SIM_DEFAULT_FEES: SimFeeSchedule = Object.freeze({ makerBps: 8, takerBps: 10 });
const DEFAULT_TICK_INTERVAL_MS = 100;
/** Ids start at a seeded point above 10^9 so they look like a real venue's, not like 1, 2, 3. */
const ORDER_ID_BASE = 1_000_000_000;
const FILL_ID_BASE = 100_000_000;
const ID_SPREAD = 900_000_000;
/** history.trades() page size while catching up (one page covers minutes of trades). */
const TRADE_PAGE = 10_000;
const DEFAULT_MARKET: SimMarketFactories = { createHistory: createMarketHistory, createBook: createSyntheticBook };

interface ListingRuntime extends MatchingListing {
  readonly listing: SimListing;
  readonly history: SyntheticMarketHistory;
  readonly published: PublicBook;
}

/**
 * The exchange names listings by `native` (book events, snapshots, history), so it must be unique.
 * Bybit lists the spot pair and the USDT perpetual under one symbol (BTCUSDT in category spot and
 * in linear): a listing whose native symbol an earlier listing already has is renamed
 * `<category>:<native>` ("linear:BTCUSDT"). Its dialect writes the wire symbol from the instrument.
 */
function uniqueNatives(listings: readonly SimListing[]): SimListing[] {
  const seen = new Set<string>();
  return listings.map((listing) => {
    const renamed = seen.has(listing.native) ? Object.freeze({ ...listing, native: `${listing.category}:${listing.native}` }) : listing;
    seen.add(renamed.native);
    return renamed;
  });
}

export function createSimExchange(options: SimExchangeOptions): SimExchange {
  return new SimulatedExchange(options);
}

class SimulatedExchange extends EventEmitter<SimExchangeEvents> implements SimExchange {
  readonly venue: SimVenue;
  readonly listings: readonly SimListing[];
  readonly fees: SimFeeSchedule;
  readonly accounts: readonly SimAccountSpec[];
  private readonly byNative = new Map<string, ListingRuntime>();
  private readonly byCanonical = new Map<string, ListingRuntime>();
  private readonly byApiKey = new Map<string, SimAccountSpec>();
  private readonly ledger: SimLedger;
  private readonly engine: MatchingEngine;
  private readonly tickIntervalMs: number;
  private now: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: SimExchangeOptions) {
    super();
    this.venue = options.venue;
    this.listings = Object.freeze(uniqueNatives(options.listings ?? simListings(options.venue)));
    this.accounts = Object.freeze([...(options.accounts ?? simDemoAccounts(options.venue, options.seed))]);
    this.fees = Object.freeze({ ...(options.fees ?? SIM_DEFAULT_FEES) });
    this.tickIntervalMs = options.tickIntervalMs ?? DEFAULT_TICK_INTERVAL_MS;
    if (!(this.tickIntervalMs > 0)) throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `tickIntervalMs must be positive, got ${this.tickIntervalMs}`);
    this.now = options.startMs ?? Date.now();
    for (const account of this.accounts) this.byApiKey.set(account.apiKey, account);
    this.ledger = new SimLedger(this.accounts);
    const seed = options.seed;
    const salt = `${options.venue}`;
    this.engine = new MatchingEngine({
      ledger: this.ledger,
      fees: this.fees,
      firstOrderId: ORDER_ID_BASE + seededInteger(seed, `${salt}:order-id`, ID_SPREAD),
      firstFillId: FILL_ID_BASE + seededInteger(seed, `${salt}:fill-id`, ID_SPREAD),
      clientOrderIdOf: (orderId) => seededAlphanumeric(seed, `${salt}:client-order-id:${orderId}`, 22),
      sink: {
        onOrder: (order) => this.emit('order', order),
        onFill: (fill) => this.emit('fill', fill),
        onTrade: (native, trade) => this.emit('trade', native, trade),
      },
    });
    const market = options.market ?? DEFAULT_MARKET;
    for (const listing of this.listings) {
      if (this.byNative.has(listing.native) || this.byCanonical.has(listing.instrument.canonical)) {
        throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `Duplicate listing ${listing.native} (${listing.instrument.canonical}) on ${options.venue}`);
      }
      const historyOptions = options.originMs === undefined ? { seed } : { seed, originMs: options.originMs };
      const history = market.createHistory(options.venue, listing, historyOptions);
      const book = market.createBook(options.venue, listing, history, { seed, startMs: this.now });
      const runtime: ListingRuntime = {
        listing,
        native: listing.native,
        instrument: listing.instrument,
        units: ledgerUnitsOf(listing.instrument),
        history,
        book,
        resting: new RestingOrders(),
        published: new PublicBook(listing.native, this.now),
        lastPrintTradeId: 0,
      };
      // The book as created is the state of updateId 0; the first update is 1.
      runtime.published.publish(book, runtime.resting, this.now);
      runtime.published.updateId = 0;
      this.byNative.set(listing.native, runtime);
      this.byCanonical.set(listing.instrument.canonical, runtime);
      this.engine.addListing(runtime);
    }
  }

  listing(native: string): SimListing | undefined {
    return this.byNative.get(native)?.listing;
  }

  history(native: string): SyntheticMarketHistory {
    return this.runtimeOf(native).history;
  }

  snapshot(native: string, depth: number): SimBookSnapshot {
    const runtime = this.runtimeOf(native);
    const published = runtime.published;
    return {
      native,
      updateId: published.updateId,
      tsMs: published.tsMs,
      bids: published.levels('bid', depth),
      asks: published.levels('ask', depth),
    };
  }

  nowMs(): number {
    return this.now;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.stepTo(Date.now()), this.tickIntervalMs);
    // A running simulator must not keep a process alive on its own; its servers do that.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  stepTo(tsMs: number): void {
    if (!(tsMs > this.now)) return;
    const previousMs = this.now;
    this.now = tsMs;
    for (const runtime of this.byNative.values()) {
      // Prints in (previous, tsMs] in time order, each with the resting fills it causes; then the
      // book moves to tsMs and fills what it crosses; then one book update for all of it.
      for (const trade of this.tradesBetween(runtime.history, previousMs, tsMs)) {
        this.emit('trade', runtime.native, trade);
        this.engine.onSyntheticTrade(runtime, trade);
        this.flushBalances();
      }
      runtime.book.advance(tsMs);
      this.engine.crossResting(runtime, tsMs);
      this.flushBalances();
      this.engine.settleQueues(runtime);
      this.publish(runtime, tsMs);
    }
  }

  accountByApiKey(apiKey: string): SimAccountSpec | undefined {
    return this.byApiKey.get(apiKey);
  }

  placeOrder(accountId: string, request: SimOrderRequest): SimOrderResult {
    const result = this.engine.place(accountId, request, this.now);
    this.afterAction(request.canonical);
    return result;
  }

  cancelOrder(accountId: string, canonical: string, ref: SimOrderRef): SimCancelResult {
    const result = this.engine.cancel(accountId, canonical, ref, this.now);
    this.afterAction(canonical);
    return result;
  }

  order(accountId: string, canonical: string, ref: SimOrderRef): SimOrder | undefined {
    return this.engine.order(accountId, canonical, ref);
  }

  openOrders(accountId: string, canonical?: string): SimOrder[] {
    return this.engine.openOrders(accountId, canonical);
  }

  orderHistory(accountId: string, canonical?: string): SimOrder[] {
    return this.engine.orderHistory(accountId, canonical);
  }

  balances(accountId: string): SimBalance[] {
    return this.ledger.balances(accountId);
  }

  fills(accountId: string, canonical?: string): SimFill[] {
    return this.engine.fills(accountId, canonical);
  }

  private afterAction(canonical: string): void {
    this.flushBalances();
    const runtime = this.byCanonical.get(canonical);
    if (runtime === undefined) return;
    this.engine.settleQueues(runtime);
    this.publish(runtime, this.now);
  }

  private publish(runtime: ListingRuntime, tsMs: number): void {
    const changes = runtime.published.publish(runtime.book, runtime.resting, tsMs);
    if (changes.length > 0) this.emit('book', { native: runtime.native, updateId: runtime.published.updateId, tsMs, changes });
  }

  private flushBalances(): void {
    for (const [accountId, assets] of this.ledger.takeChanges()) {
      this.emit('balance', accountId, [...assets].map((asset) => this.ledger.render(accountId, asset)));
    }
  }

  private *tradesBetween(history: SyntheticMarketHistory, afterMs: number, untilMs: number): Generator<SimTrade> {
    // history.trades is [from, to): (afterMs, untilMs] in whole ms is [afterMs + 1, untilMs + 1).
    // A full page may end inside a millisecond with more prints: the next page starts at that
    // millisecond again and skips the ids already seen.
    let fromMs = afterMs + 1;
    let lastId = -1;
    for (;;) {
      const page = history.trades(fromMs, untilMs + 1, TRADE_PAGE);
      for (const trade of page) if (trade.tradeId > lastId) yield trade;
      if (page.length < TRADE_PAGE) return;
      const last = page[page.length - 1]!;
      if (last.tsMs === fromMs && page[0]!.tsMs === fromMs) {
        throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `More than ${TRADE_PAGE} prints in one millisecond at ${fromMs}`);
      }
      fromMs = last.tsMs;
      lastId = last.tradeId;
    }
  }

  private runtimeOf(native: string): ListingRuntime {
    const runtime = this.byNative.get(native);
    if (runtime === undefined) throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `Unknown listing ${native} on ${this.venue}`);
    return runtime;
  }
}
