// Plans what a taking order would take from one listing's public book (synthetic levels + resting participant orders).
import type { SyntheticBook } from '../market/market-contract.js';
import { notionalOf, type LedgerUnits } from './ledger-units.js';
import type { SimSide } from './matching-types.js';
import { remainingLots, type OrderState } from './order-state.js';
import type { BookSide, RestingOrders } from './resting-orders.js';

/** Depth asked of the synthetic book when every level matters (it keeps far fewer). */
export const ALL_LEVELS = 100_000;

/** One piece of a take: lots at one price from the synthetic liquidity (maker null) or from one resting order. */
export interface TakeChunk {
  readonly priceTicks: number;
  readonly lots: number;
  readonly maker: OrderState | null;
}

export interface TakePlan {
  readonly chunks: readonly TakeChunk[];
  readonly lots: number;
  /** Σ price × lots of the chunks. */
  readonly tickLots: bigint;
  /** Quote amount of the chunks, ledger units. */
  readonly notional: bigint;
}

/** What the taker wants: a number of lots, or as many lots as a quote amount (ledger units) pays for. */
export type TakeBudget = { readonly lots: number } | { readonly quote: bigint };

export interface TakeBook {
  readonly book: SyntheticBook;
  readonly resting: RestingOrders;
  readonly units: LedgerUnits;
}

/** The book side a taker of `side` takes from. */
export function oppositeSide(side: SimSide): BookSide {
  return side === 'buy' ? 'ask' : 'bid';
}

/** The book side an order of `side` rests on. */
export function restingSide(side: SimSide): BookSide {
  return side === 'buy' ? 'bid' : 'ask';
}

/** Best price of the public book's side (synthetic or participant), or null when the side is empty. */
export function bestPublicPrice(target: TakeBook, side: BookSide): number | null {
  const synthetic = target.book.levels(side, 1)[0]?.priceTicks ?? null;
  const participant = target.resting.sideOf(side).best();
  if (synthetic === null) return participant;
  if (participant === null) return synthetic;
  return side === 'bid' ? Math.max(synthetic, participant) : Math.min(synthetic, participant);
}

/** True when a taker of `side` at `limitTicks` (null: any price) may take at `priceTicks`. */
export function withinLimit(side: SimSide, priceTicks: number, limitTicks: number | null): boolean {
  return limitTicks === null || (side === 'buy' ? priceTicks <= limitTicks : priceTicks >= limitTicks);
}

/**
 * Walks the opposite side best-first. At one price the queue is: the synthetic lots ahead of each
 * resting order (its queueAhead), that order, ..., then the synthetic lots behind them all, so a
 * participant taker meets resting participant orders where their queue position puts them.
 * Reads only; executing the plan (consume, fills) is the engine's job.
 */
export function planTake(target: TakeBook, side: SimSide, limitTicks: number | null, budget: TakeBudget): TakePlan {
  const bookSide = oppositeSide(side);
  const resting = target.resting.sideOf(bookSide);
  const chunks: TakeChunk[] = [];
  let lots = 0;
  let tickLots = 0n;
  let notional = 0n;
  let lotsLeft = 'lots' in budget ? budget.lots : Number.MAX_SAFE_INTEGER;
  let quoteLeft = 'quote' in budget ? budget.quote : -1n;

  const capacityAt = (priceTicks: number): number => {
    if (quoteLeft < 0n) return lotsLeft;
    const perLot = notionalOf(target.units, priceTicks, 1);
    const affordable = quoteLeft / perLot;
    return affordable > BigInt(lotsLeft) ? lotsLeft : Number(affordable);
  };
  const take = (priceTicks: number, chunkLots: number, maker: OrderState | null): void => {
    chunks.push({ priceTicks, lots: chunkLots, maker });
    lots += chunkLots;
    lotsLeft -= chunkLots;
    tickLots += BigInt(priceTicks) * BigInt(chunkLots);
    const chunkNotional = notionalOf(target.units, priceTicks, chunkLots);
    notional += chunkNotional;
    if (quoteLeft >= 0n) quoteLeft -= chunkNotional;
  };

  for (const priceTicks of mergedPrices(target, bookSide)) {
    if (!withinLimit(side, priceTicks, limitTicks)) break;
    if (capacityAt(priceTicks) === 0) break;
    const synthetic = target.book.sizeAt(bookSide, priceTicks);
    let syntheticTaken = 0;
    for (const maker of resting.at(priceTicks)) {
      const ahead = Math.min(Math.max(0, maker.queueAhead - syntheticTaken), synthetic - syntheticTaken, capacityAt(priceTicks));
      if (ahead > 0) {
        take(priceTicks, ahead, null);
        syntheticTaken += ahead;
      }
      const fromMaker = Math.min(remainingLots(maker), capacityAt(priceTicks));
      if (fromMaker > 0) take(priceTicks, fromMaker, maker);
      if (capacityAt(priceTicks) === 0) break;
    }
    const behind = Math.min(synthetic - syntheticTaken, capacityAt(priceTicks));
    if (behind > 0) take(priceTicks, behind, null);
  }
  return { chunks, lots, tickLots, notional };
}

/** Prices of one side with synthetic or participant liquidity, best first. */
function mergedPrices(target: TakeBook, side: BookSide): number[] {
  const prices = new Set<number>();
  for (const level of target.book.levels(side, ALL_LEVELS)) if (level.sizeLots > 0) prices.add(level.priceTicks);
  for (const price of target.resting.sideOf(side).prices()) prices.add(price);
  const sorted = [...prices];
  return side === 'bid' ? sorted.sort((a, b) => b - a) : sorted.sort((a, b) => a - b);
}
