// The latest public trades of each product: the live ones seen as exchange events, older ones from the synthetic history.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';

/*
 * The market_trades snapshot (recorded: the last 100 trades of the product) and the REST ticker
 * need "the last N trades". Live trades (synthetic prints and participant fills alike) are kept in
 * a ring per product; when the ring holds fewer, the rest comes from the history (which has the
 * synthetic prints only), walking back a window at a time, at most a day.
 */

const WINDOW_MS = 15 * 60_000;
const MAX_LOOKBACK_MS = 86_400_000;

export class RecentTrades {
  private readonly rings = new Map<string, SimTrade[]>();

  constructor(
    private readonly exchange: SimExchange,
    /** Trades kept per product. */
    readonly capacity = 1000,
  ) {}

  onTrade(native: string, trade: SimTrade): void {
    let ring = this.rings.get(native);
    if (ring === undefined) {
      ring = [];
      this.rings.set(native, ring);
    }
    ring.push(trade);
    // Trim in batches: one splice per `capacity` trades instead of a shift per trade.
    if (ring.length >= this.capacity * 2) ring.splice(0, ring.length - this.capacity);
  }

  /** The latest `count` (≤ capacity) trades at or before `nowMs`, oldest first. */
  latest(native: string, nowMs: number, count: number): SimTrade[] {
    const ring = this.rings.get(native) ?? [];
    let end = ring.length;
    while (end > 0 && ring[end - 1]!.tsMs > nowMs) end--;
    const live = ring.slice(Math.max(0, end - count), end);
    if (live.length >= count) return live;
    const seen = new Set(live.map((trade) => trade.tradeId));
    const oldestLiveMs = live[0]?.tsMs ?? nowMs;
    const history = this.exchange.history(native);
    const older: SimTrade[] = [];
    // Inclusive of the oldest live trade's millisecond: trades sharing it are told apart by id.
    let toMs = oldestLiveMs + 1;
    const floorMs = Math.max(history.originMs, oldestLiveMs - MAX_LOOKBACK_MS);
    while (older.length + live.length < count && toMs > floorMs) {
      const fromMs = Math.max(floorMs, toMs - WINDOW_MS);
      const batch = history.trades(fromMs, toMs, 1_000_000).filter((trade) => !seen.has(trade.tradeId));
      older.unshift(...batch);
      toMs = fromMs;
    }
    return [...older.slice(Math.max(0, older.length - (count - live.length))), ...live];
  }

  /** The last trade at or before `nowMs`, or null when the product has none within a day. */
  last(native: string, nowMs: number): SimTrade | null {
    return this.latest(native, nowMs, 1)[0] ?? null;
  }
}
