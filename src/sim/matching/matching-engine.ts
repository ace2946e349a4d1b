// The simulator's matching engine: participant orders against synthetic liquidity and each other, settled in the ledger.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_EXCHANGE, ZVT_ERR_SIM_LEDGER } from '../errors.js';
import type { SimInstrument, SimTrade } from '../market/sim-market-types.js';
import { formatDecimalBig } from '../../model/fixed-point.js';
import { baseOf, ceilDiv, FEE_RATE_DENOMINATOR, feeCeil, feeRateOf, LEDGER_DECIMALS, notionalOf } from './ledger-units.js';
import type { SimLedger } from './ledger.js';
import type {
  SimCancelResult,
  SimFeeSchedule,
  SimFill,
  SimOrder,
  SimOrderRef,
  SimOrderRequest,
  SimOrderResult,
  SimRejectReason,
} from './matching-types.js';
import { checkRequest } from './order-validation.js';
import { isOpen, orderView, remainingLots, type OrderState } from './order-state.js';
import type { BookSide } from './resting-orders.js';
import {
  bestPublicPrice,
  oppositeSide,
  planTake,
  restingSide,
  withinLimit,
  type TakeBook,
  type TakePlan,
} from './take-plan.js';

/** One listing as the engine sees it: its synthetic book, its resting participant orders, its ledger units. */
export interface MatchingListing extends TakeBook {
  readonly native: string;
  readonly instrument: SimInstrument;
  /** Last trade id printed for a participant fill (minute × 1000 + 500 + j); 0 before the first. */
  lastPrintTradeId: number;
}

/** Where the engine reports, synchronously and in order. */
export interface MatchingSink {
  onOrder(order: SimOrder): void;
  onFill(fill: SimFill): void;
  onTrade(native: string, trade: SimTrade): void;
}

export interface MatchingEngineOptions {
  readonly ledger: SimLedger;
  readonly fees: SimFeeSchedule;
  readonly sink: MatchingSink;
  readonly firstOrderId: number;
  readonly firstFillId: number;
  /** The client order id given to an order placed without one. */
  readonly clientOrderIdOf: (orderId: number) => string;
}

const EMPTY_PLAN: TakePlan = { chunks: [], lots: 0, tickLots: 0n, notional: 0n };
const MINUTE_MS = 60_000;
/** Participant prints of minute m are m × 1000 + 500 … m × 1000 + 999 (sim-market-types.ts). */
const PRINT_ID_FIRST = 500;
const PRINT_IDS_PER_MINUTE = 1000;

function rejection(reason: SimRejectReason, message: string): SimOrderResult {
  return { ok: false, reason, message };
}

export class MatchingEngine {
  private readonly listings = new Map<string, MatchingListing>();
  private readonly orders = new Map<number, OrderState>();
  private readonly ordersByAccount = new Map<string, OrderState[]>();
  /** Open orders in placement order (Map keeps insertion order). */
  private readonly open = new Map<number, OrderState>();
  private readonly fillsByAccount = new Map<string, SimFill[]>();
  private readonly ledger: SimLedger;
  private readonly sink: MatchingSink;
  private readonly makerRate: bigint;
  private readonly takerRate: bigint;
  private readonly clientOrderIdOf: (orderId: number) => string;
  private nextOrderId: number;
  private nextFillId: number;

  constructor(options: MatchingEngineOptions) {
    this.ledger = options.ledger;
    this.sink = options.sink;
    const makerRate = feeRateOf(options.fees.makerBps);
    const takerRate = feeRateOf(options.fees.takerBps);
    if (makerRate === null || takerRate === null) {
      throw new ZvtError(
        ZVT_ERR_SIM_EXCHANGE,
        `Fee rates must be 0..10000 bps with at most two decimals (maker ${options.fees.makerBps}, taker ${options.fees.takerBps})`,
      );
    }
    this.makerRate = makerRate;
    this.takerRate = takerRate;
    this.clientOrderIdOf = options.clientOrderIdOf;
    this.nextOrderId = options.firstOrderId;
    this.nextFillId = options.firstFillId;
  }

  addListing(listing: MatchingListing): void {
    this.listings.set(listing.instrument.canonical, listing);
  }

  listingOf(canonical: string): MatchingListing | undefined {
    return this.listings.get(canonical);
  }

  place(accountId: string, request: SimOrderRequest, nowMs: number): SimOrderResult {
    this.requireAccount(accountId);
    const listing = this.listings.get(request.canonical);
    if (listing === undefined) return rejection('unknown_instrument', `Unknown instrument ${request.canonical}`);
    const checked = checkRequest(listing.instrument, listing.units, request);
    if ('reason' in checked) return rejection(checked.reason, checked.message);
    if (request.clientOrderId !== undefined && this.hasOpenClientOrderId(accountId, request.clientOrderId)) {
      return rejection('duplicate_client_order_id', `Client order id ${request.clientOrderId} is already used by an open order`);
    }
    const side = request.side;
    const takeSide = oppositeSide(side);
    const best = bestPublicPrice(listing, takeSide);

    let plan: TakePlan;
    if (request.type === 'limit') {
      const crosses = best !== null && withinLimit(side, best, checked.priceTicks);
      if (request.postOnly && crosses) return rejection('post_only_would_take', 'Post-only order would take liquidity');
      plan = crosses ? planTake(listing, side, checked.priceTicks, { lots: checked.sizeLots ?? 0 }) : EMPTY_PLAN;
    } else {
      if (request.postOnly) return rejection('post_only_would_take', 'A market order always takes liquidity');
      if (best === null) return rejection('no_liquidity', 'No liquidity on the opposite side of the book');
      if (checked.sizeLots !== null && notionalOf(listing.units, best, checked.sizeLots) < listing.units.minNotional) {
        return rejection('below_min_notional', `Order value is below the minimum notional ${listing.instrument.minNotional}`);
      }
      plan = planTake(listing, side, null, checked.quote !== null ? { quote: checked.quote } : { lots: checked.sizeLots ?? 0 });
      if (plan.lots === 0) return rejection('below_min_size', 'Quote size buys less than one lot at the best price');
    }
    const sizeLots = checked.sizeLots ?? plan.lots;
    const fillable = request.timeInForce !== 'FOK' || plan.lots === sizeLots;

    // What the order can cost at most: a limit buy at its price with the higher fee rate, a market
    // buy what its walk costs; a sell its size in base.
    const units = listing.units;
    const reserveAsset = side === 'buy' ? units.quote : units.base;
    let reserve: bigint;
    if (side === 'sell') {
      reserve = baseOf(units, request.type === 'limit' ? sizeLots : plan.lots);
    } else if (checked.priceTicks !== null) {
      const notional = notionalOf(units, checked.priceTicks, sizeLots);
      reserve = notional + feeCeil(notional, this.makerRate > this.takerRate ? this.makerRate : this.takerRate);
    } else {
      reserve = plan.notional + feeCeil(plan.notional, this.takerRate);
    }
    const affordable = fillable ? this.ledger.lock(accountId, reserveAsset, reserve) : this.ledger.free(accountId, reserveAsset) >= reserve;
    if (!affordable) return rejection('insufficient_balance', `Account has insufficient ${reserveAsset} balance for the requested action`);

    const orderId = this.nextOrderId++;
    const order: OrderState = {
      orderId,
      clientOrderId: request.clientOrderId ?? this.clientOrderIdOf(orderId),
      accountId,
      canonical: request.canonical,
      side,
      type: request.type,
      timeInForce: request.timeInForce,
      postOnly: request.postOnly,
      priceTicks: checked.priceTicks,
      quoteSize: request.quoteSize ?? null,
      createdMs: nowMs,
      sizeLots,
      filledLots: 0,
      filledTickLots: 0n,
      feeNumerator: 0n,
      feePaid: 0n,
      feeAsset: units.quote,
      status: 'new',
      updatedMs: nowMs,
      reserved: fillable ? reserve : 0n,
      reserveAsset,
      queueAhead: 0,
    };
    this.record(order);
    this.sink.onOrder(orderView(order));
    if (!fillable) {
      this.close(order, 'expired', nowMs);
      return { ok: true, order: orderView(order), fills: [] };
    }

    const fills = this.execute(listing, order, plan, nowMs);
    if (order.status === 'filled') this.close(order, 'filled', nowMs);
    else if (request.type === 'limit' && request.timeInForce === 'GTC') this.rest(listing, order);
    else this.close(order, 'expired', nowMs);
    return { ok: true, order: orderView(order), fills };
  }

  cancel(accountId: string, canonical: string, ref: SimOrderRef, nowMs: number): SimCancelResult {
    this.requireAccount(accountId);
    const listing = this.listings.get(canonical);
    if (listing === undefined) return { ok: false, reason: 'unknown_instrument', message: `Unknown instrument ${canonical}` };
    const order = this.find(accountId, canonical, ref);
    if (order === undefined || !isOpen(order)) return { ok: false, reason: 'unknown_order', message: 'Unknown order sent' };
    this.unrest(listing, order);
    this.close(order, 'canceled', nowMs);
    return { ok: true, order: orderView(order) };
  }

  /**
   * A synthetic print fills resting orders it reaches: at a better price than the order's (through
   * it) up to the print's size; at the order's price after the synthetic queue ahead of it.
   */
  onSyntheticTrade(listing: MatchingListing, trade: SimTrade): void {
    for (const side of ['bid', 'ask'] as const) {
      const resting = listing.resting.sideOf(side);
      let volume = trade.sizeLots;
      for (const priceTicks of resting.prices()) {
        if (volume === 0) break;
        const reached = side === 'bid' ? priceTicks >= trade.priceTicks : priceTicks <= trade.priceTicks;
        if (!reached) break;
        const queue = [...resting.at(priceTicks)];
        if (priceTicks !== trade.priceTicks) {
          for (const order of queue) {
            if (volume === 0) break;
            const lots = Math.min(remainingLots(order), volume);
            volume -= lots;
            this.fillMaker(listing, order, priceTicks, lots, trade.tsMs);
          }
          continue;
        }
        let syntheticPassed = 0;
        for (const order of queue) {
          if (volume === 0) break;
          const ahead = Math.min(Math.max(0, order.queueAhead - syntheticPassed), volume);
          syntheticPassed += ahead;
          volume -= ahead;
          const lots = Math.min(remainingLots(order), volume);
          if (lots === 0) continue;
          volume -= lots;
          this.fillMaker(listing, order, priceTicks, lots, trade.tsMs);
        }
        for (const order of resting.at(priceTicks)) order.queueAhead = Math.max(0, order.queueAhead - syntheticPassed);
      }
    }
  }

  /**
   * The synthetic book moved onto resting orders (its best opposite level at or through their
   * price): they fill at their own price, as makers, taking that synthetic liquidity.
   */
  crossResting(listing: MatchingListing, tsMs: number): void {
    this.crossSide(listing, 'bid', tsMs);
    this.crossSide(listing, 'ask', tsMs);
  }

  /** Synthetic liquidity that left a price leaves the queue ahead of the orders resting there. */
  settleQueues(listing: MatchingListing): void {
    for (const side of ['bid', 'ask'] as const) {
      const resting = listing.resting.sideOf(side);
      for (const priceTicks of resting.prices()) {
        const synthetic = listing.book.sizeAt(side, priceTicks);
        for (const order of resting.at(priceTicks)) order.queueAhead = Math.min(order.queueAhead, synthetic);
      }
    }
  }

  order(accountId: string, canonical: string, ref: SimOrderRef): SimOrder | undefined {
    const order = this.find(accountId, canonical, ref);
    return order === undefined ? undefined : orderView(order);
  }

  openOrders(accountId: string, canonical?: string): SimOrder[] {
    const result: SimOrder[] = [];
    for (const order of this.open.values()) {
      if (order.accountId === accountId && (canonical === undefined || order.canonical === canonical)) result.push(orderView(order));
    }
    return result;
  }

  orderHistory(accountId: string, canonical?: string): SimOrder[] {
    const orders = this.ordersByAccount.get(accountId) ?? [];
    return orders.filter((order) => canonical === undefined || order.canonical === canonical).map(orderView);
  }

  fills(accountId: string, canonical?: string): SimFill[] {
    const fills = this.fillsByAccount.get(accountId) ?? [];
    return fills.filter((fill) => canonical === undefined || fill.canonical === canonical);
  }

  private crossSide(listing: MatchingListing, side: BookSide, tsMs: number): void {
    const resting = listing.resting.sideOf(side);
    const syntheticSide: BookSide = side === 'bid' ? 'ask' : 'bid';
    for (const priceTicks of resting.prices()) {
      for (const order of [...resting.at(priceTicks)]) {
        while (isOpen(order)) {
          const level = listing.book.levels(syntheticSide, 1)[0];
          if (level === undefined || level.sizeLots <= 0) return;
          const crossed = side === 'bid' ? level.priceTicks <= priceTicks : level.priceTicks >= priceTicks;
          // Resting prices go best-first, so once the best synthetic level stops crossing one it crosses none after.
          if (!crossed) return;
          const lots = Math.min(remainingLots(order), level.sizeLots);
          this.consume(listing, syntheticSide, level.priceTicks, lots);
          this.fillMaker(listing, order, priceTicks, lots, tsMs);
        }
      }
    }
  }

  private execute(listing: MatchingListing, taker: OrderState, plan: TakePlan, nowMs: number): SimFill[] {
    const fills: SimFill[] = [];
    const takeSide = oppositeSide(taker.side);
    for (const chunk of plan.chunks) {
      const maker = chunk.maker;
      if (maker === null) this.consume(listing, takeSide, chunk.priceTicks, chunk.lots);
      const tradeId = this.print(listing, chunk.priceTicks, chunk.lots, taker.side, nowMs);
      fills.push(this.fill(listing, taker, chunk.priceTicks, chunk.lots, 'taker', tradeId, nowMs));
      if (maker !== null) this.fillResting(listing, maker, chunk.priceTicks, chunk.lots, tradeId, nowMs);
    }
    return fills;
  }

  /** A resting order fills as maker against liquidity that is not a participant's: prints the trade, then fills. */
  private fillMaker(listing: MatchingListing, order: OrderState, priceTicks: number, lots: number, tsMs: number): void {
    const tradeId = this.print(listing, priceTicks, lots, order.side === 'buy' ? 'sell' : 'buy', tsMs);
    this.fillResting(listing, order, priceTicks, lots, tradeId, tsMs);
  }

  private fillResting(listing: MatchingListing, order: OrderState, priceTicks: number, lots: number, tradeId: number, tsMs: number): void {
    this.fill(listing, order, priceTicks, lots, 'maker', tradeId, tsMs);
    if (order.status === 'filled') {
      this.unrest(listing, order);
      this.close(order, 'filled', tsMs);
    }
  }

  /** Takes synthetic liquidity; the queue ahead of resting orders at that price shrinks with it. */
  private consume(listing: MatchingListing, side: BookSide, priceTicks: number, lots: number): void {
    const taken = listing.book.consume(side, priceTicks, lots);
    if (taken !== lots) {
      throw new ZvtError(ZVT_ERR_SIM_LEDGER, `${listing.native}: the synthetic book gave ${taken} of ${lots} lots at ${priceTicks} it showed`);
    }
    for (const order of listing.resting.sideOf(side).at(priceTicks)) order.queueAhead = Math.max(0, order.queueAhead - lots);
  }

  /** Settles one fill of `order` in the ledger and reports it (fill, then the order's new state). */
  private fill(
    listing: MatchingListing,
    order: OrderState,
    priceTicks: number,
    lots: number,
    liquidity: 'maker' | 'taker',
    tradeId: number,
    tsMs: number,
  ): SimFill {
    const units = listing.units;
    const notional = notionalOf(units, priceTicks, lots);
    // The order's fees are ⌈Σ notional × rate⌉ as a whole, so rounding each fill up never sums
    // past what the reservation allowed for.
    order.feeNumerator += notional * (liquidity === 'maker' ? this.makerRate : this.takerRate);
    const feeTotal = ceilDiv(order.feeNumerator, FEE_RATE_DENOMINATOR);
    const fee = feeTotal - order.feePaid;
    order.feePaid = feeTotal;
    if (order.side === 'buy') {
      this.spendReserved(order, notional + fee);
      this.ledger.credit(order.accountId, units.base, baseOf(units, lots));
    } else {
      this.spendReserved(order, baseOf(units, lots));
      this.ledger.credit(order.accountId, units.quote, notional - fee);
    }
    order.filledLots += lots;
    order.filledTickLots += BigInt(priceTicks) * BigInt(lots);
    order.status = order.filledLots === order.sizeLots ? 'filled' : 'partially_filled';
    order.updatedMs = tsMs;
    const fill: SimFill = {
      fillId: this.nextFillId++,
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      accountId: order.accountId,
      canonical: order.canonical,
      side: order.side,
      priceTicks,
      sizeLots: lots,
      liquidity,
      fee: formatDecimalBig(fee, LEDGER_DECIMALS),
      feeAsset: order.feeAsset,
      tsMs,
    };
    let accountFills = this.fillsByAccount.get(order.accountId);
    if (accountFills === undefined) {
      accountFills = [];
      this.fillsByAccount.set(order.accountId, accountFills);
    }
    accountFills.push(fill);
    this.sink.onFill(fill);
    this.sink.onOrder(orderView(order));
    return fill;
  }

  private spendReserved(order: OrderState, amount: bigint): void {
    if (amount > order.reserved) {
      throw new ZvtError(ZVT_ERR_SIM_LEDGER, `Order ${order.orderId} spends ${amount} with ${order.reserved} reserved`);
    }
    order.reserved -= amount;
    this.ledger.spendLocked(order.accountId, order.reserveAsset, amount);
  }

  /** Prints a participant fill as a public trade; its id is the next free m × 1000 + 500 + j. */
  private print(listing: MatchingListing, priceTicks: number, lots: number, takerSide: 'buy' | 'sell', tsMs: number): number {
    const minuteFirst = Math.floor(tsMs / MINUTE_MS) * PRINT_IDS_PER_MINUTE + PRINT_ID_FIRST;
    let tradeId = Math.max(listing.lastPrintTradeId + 1, minuteFirst);
    // Past j = 499 a busy minute borrows the next minute's participant ids, never the synthetic ones.
    if (tradeId % PRINT_IDS_PER_MINUTE < PRINT_ID_FIRST) tradeId = tradeId - (tradeId % PRINT_IDS_PER_MINUTE) + PRINT_ID_FIRST;
    listing.lastPrintTradeId = tradeId;
    this.sink.onTrade(listing.native, { tradeId, tsMs, priceTicks, sizeLots: lots, takerSide });
    return tradeId;
  }

  private rest(listing: MatchingListing, order: OrderState): void {
    const side = restingSide(order.side);
    const priceTicks = order.priceTicks ?? 0;
    order.queueAhead = listing.book.sizeAt(side, priceTicks);
    listing.resting.sideOf(side).add(order, priceTicks);
  }

  private unrest(listing: MatchingListing, order: OrderState): void {
    if (order.priceTicks !== null) listing.resting.sideOf(restingSide(order.side)).remove(order, order.priceTicks);
  }

  /** Ends an order: releases what it still holds; reports it unless a fill just did (filled). */
  private close(order: OrderState, status: 'filled' | 'canceled' | 'expired', tsMs: number): void {
    this.ledger.release(order.accountId, order.reserveAsset, order.reserved);
    order.reserved = 0n;
    this.open.delete(order.orderId);
    if (status === 'filled') return;
    order.status = status;
    order.updatedMs = tsMs;
    this.sink.onOrder(orderView(order));
  }

  private record(order: OrderState): void {
    this.orders.set(order.orderId, order);
    this.open.set(order.orderId, order);
    let accountOrders = this.ordersByAccount.get(order.accountId);
    if (accountOrders === undefined) {
      accountOrders = [];
      this.ordersByAccount.set(order.accountId, accountOrders);
    }
    accountOrders.push(order);
  }

  private find(accountId: string, canonical: string, ref: SimOrderRef): OrderState | undefined {
    if ('orderId' in ref) {
      const order = this.orders.get(ref.orderId);
      return order !== undefined && order.accountId === accountId && order.canonical === canonical ? order : undefined;
    }
    const orders = this.ordersByAccount.get(accountId) ?? [];
    // The open one first (client ids are unique among open orders), else the latest closed one.
    let latest: OrderState | undefined;
    for (const order of orders) {
      if (order.canonical !== canonical || order.clientOrderId !== ref.clientOrderId) continue;
      if (isOpen(order)) return order;
      latest = order;
    }
    return latest;
  }

  private hasOpenClientOrderId(accountId: string, clientOrderId: string): boolean {
    for (const order of this.open.values()) {
      if (order.accountId === accountId && order.clientOrderId === clientOrderId) return true;
    }
    return false;
  }

  private requireAccount(accountId: string): void {
    if (!this.ledger.has(accountId)) throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `Unknown account ${accountId}`);
  }
}
