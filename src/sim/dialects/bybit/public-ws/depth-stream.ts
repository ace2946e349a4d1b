// One Bybit orderbook.{depth}.{symbol} stream: the top-N view of a listing's book, its update id u, snapshots and deltas.
import type { SimLevel } from '../../../market/sim-market-types.js';
import type { BookMirror } from '../../common/book-mirror.js';

/*
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook:
 *   - A subscription first receives a snapshot of the current top N, then deltas: the levels of
 *     the top N whose size changed, size "0" for a level that left it (filled, cancelled, or
 *     pushed below level N). Snapshot bids are sorted high → low and asks low → high; deltas are
 *     written in the same order.
 *   - u is the update id of the stream: +1 per message, the same for every subscriber, carried on
 *     from where the stream is when someone subscribes (the recorded snapshots have u = 15076952,
 *     62505424, ..., the next delta u + 1). "Occasionally, you'll receive "u"=1, which is a
 *     snapshot data due to the restart of the service": restart() starts the count again at 1.
 *   - Level 1 streams send only snapshots; "if 3 seconds have elapsed without a change in the
 *     orderbook, a snapshot message will be pushed again, and the field u will be the same as that
 *     in the previous message".
 * A stream pushes once per exchange book update that changes its top N (the exchange ticks every
 * 100 ms by default, Bybit's cadence of the linear 200-level stream).
 */

export const LEVEL1_REPUSH_MS = 3000;

export interface DepthMessage {
  readonly type: 'snapshot' | 'delta';
  /** Snapshot: the top N; delta: the changed levels (sizeLots 0 = removed). Bids high → low. */
  readonly bids: readonly SimLevel[];
  /** Asks low → high. */
  readonly asks: readonly SimLevel[];
  readonly u: number;
  /** Cross sequence of the listing at this state. */
  readonly seq: number;
  /** Matching-engine time of this state (ms). */
  readonly tsMs: number;
}

function diffSide(view: Map<number, number>, top: readonly SimLevel[], descending: boolean): SimLevel[] {
  const changes: SimLevel[] = [];
  const present = new Set<number>();
  for (const level of top) {
    present.add(level.priceTicks);
    if (view.get(level.priceTicks) !== level.sizeLots) changes.push(level);
  }
  for (const priceTicks of view.keys()) if (!present.has(priceTicks)) changes.push({ priceTicks, sizeLots: 0 });
  if (changes.length > 1) changes.sort((left, right) => (descending ? right.priceTicks - left.priceTicks : left.priceTicks - right.priceTicks));
  view.clear();
  for (const level of top) view.set(level.priceTicks, level.sizeLots);
  return changes;
}

export class DepthStream {
  private readonly bidView = new Map<number, number>();
  private readonly askView = new Map<number, number>();
  private u: number;
  private seq: number;
  private tsMs: number;
  /** When the stream last pushed (level-1 re-push clock). */
  private pushedMs: number;

  constructor(
    readonly depth: number,
    private readonly mirror: BookMirror,
    firstUpdateId: number,
    seq: number,
  ) {
    this.u = firstUpdateId;
    this.seq = seq;
    this.tsMs = mirror.tsMs;
    this.pushedMs = mirror.tsMs;
    for (const level of mirror.top('bid', depth)) this.bidView.set(level.priceTicks, level.sizeLots);
    for (const level of mirror.top('ask', depth)) this.askView.set(level.priceTicks, level.sizeLots);
  }

  get updateId(): number {
    return this.u;
  }

  /**
   * After the mirror applied an update at tsMs: the message this stream pushes, or null when its
   * top N did not change (level 1: the unchanged snapshot again once 3 s passed since the last push).
   */
  advance(tsMs: number, seq: number): DepthMessage | null {
    const bids = diffSide(this.bidView, this.mirror.top('bid', this.depth), true);
    const asks = diffSide(this.askView, this.mirror.top('ask', this.depth), false);
    if (bids.length === 0 && asks.length === 0) {
      if (this.depth !== 1 || tsMs - this.pushedMs < LEVEL1_REPUSH_MS) return null;
      this.pushedMs = tsMs;
      return this.snapshot();
    }
    this.u++;
    this.seq = seq;
    this.tsMs = tsMs;
    this.pushedMs = tsMs;
    if (this.depth === 1) return this.snapshot();
    return { type: 'delta', bids, asks, u: this.u, seq, tsMs };
  }

  /** The current top N as a snapshot (what a new subscriber receives first). */
  snapshot(): DepthMessage {
    return { type: 'snapshot', bids: this.mirror.top('bid', this.depth), asks: this.mirror.top('ask', this.depth), u: this.u, seq: this.seq, tsMs: this.tsMs };
  }

  /** Bybit's service restart: u starts again at 1 with a snapshot every subscriber must take as its book. */
  restart(): DepthMessage {
    this.u = 1;
    return this.snapshot();
  }
}
