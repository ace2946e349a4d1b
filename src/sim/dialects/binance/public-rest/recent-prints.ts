// Participant fills printed as public trades, kept as they happen: the synthetic history does not hold them.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';

/*
 * Public trade ids (SimTrade): the history's trades of minute m are m × 1000 + k with k < 500;
 * prints of participant fills are m × 1000 + 500 + j. The REST trade lists merge the history's
 * trades with these, by id, as Binance lists trades by id.
 */
const PRINT_ID_FIRST = 500;
const TRADE_IDS_PER_MINUTE = 1000;
/** Prints kept per listing (oldest dropped first). */
const KEPT_PER_LISTING = 10_000;

export function isParticipantPrint(tradeId: number): boolean {
  return tradeId % TRADE_IDS_PER_MINUTE >= PRINT_ID_FIRST;
}

export class RecentPrints {
  private readonly byNative = new Map<string, SimTrade[]>();
  private readonly onTrade = (native: string, trade: SimTrade): void => {
    if (!isParticipantPrint(trade.tradeId)) return;
    let prints = this.byNative.get(native);
    if (prints === undefined) {
      prints = [];
      this.byNative.set(native, prints);
    }
    prints.push(trade);
    if (prints.length > KEPT_PER_LISTING) prints.splice(0, prints.length - KEPT_PER_LISTING);
  };

  constructor(private readonly exchange: SimExchange) {
    exchange.on('trade', this.onTrade);
  }

  /** Prints of a listing matching `keep`, oldest first. */
  of(native: string, keep: (trade: SimTrade) => boolean): SimTrade[] {
    return (this.byNative.get(native) ?? []).filter(keep);
  }

  close(): void {
    this.exchange.off('trade', this.onTrade);
  }
}

/** Two id-ordered trade lists merged by id (ties impossible: the id ranges differ). */
export function mergeById(left: readonly SimTrade[], right: readonly SimTrade[]): SimTrade[] {
  if (right.length === 0) return [...left];
  return [...left, ...right].sort((a, b) => a.tradeId - b.tradeId);
}
