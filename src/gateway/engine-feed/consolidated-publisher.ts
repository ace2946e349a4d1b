// ConsolidatedPublisher: publishes one canonical's consolidated book (`all:<canonical>`) and its BBO from the bridge's replica engine.
import { BBO_ASK_PRICE, BBO_ASK_SIZE, BBO_BID_PRICE, BBO_BID_SIZE, BBO_FIELDS, type BookEngine } from '../../hotpath/book/book-engine.js';
import { createRecordStamps } from '../../model/record-header.js';
import { InstrumentStatus } from '../../model/record-types.js';
import { FeedDepthDiffer } from '../feed/feed-depth-differ.js';
import { FeedLevels } from '../feed/feed-levels.js';
import type { FeedSource } from '../feed/feed-source.js';

/*
 * The consolidated book is read as "the best N aggregated levels now" (copyConsolidatedTop) after
 * the updates of a gather; FeedDepthDiffer turns successive views into deltas. The first view is
 * sent as a snapshot. Stamps carry our receive time only (a consolidated view has no venue event).
 */
export class ConsolidatedPublisher {
  private readonly differ: FeedDepthDiffer;
  private readonly bidPrices: Float64Array;
  private readonly bidSizes: Float64Array;
  private readonly askPrices: Float64Array;
  private readonly askSizes: Float64Array;
  private readonly memberSizes: Float64Array;
  private readonly levels = new FeedLevels();
  private readonly bbo = new Float64Array(BBO_FIELDS);
  private readonly lastBbo = new Float64Array(4).fill(-1);
  private readonly stamps = createRecordStamps();
  private started = false;

  constructor(
    private readonly engine: BookEngine,
    private readonly groupId: number,
    readonly members: readonly number[],
    private readonly handle: number,
    private readonly feed: FeedSource,
    private readonly depth: number,
  ) {
    this.differ = new FeedDepthDiffer(depth);
    this.bidPrices = new Float64Array(depth);
    this.bidSizes = new Float64Array(depth);
    this.askPrices = new Float64Array(depth);
    this.askSizes = new Float64Array(depth);
    this.memberSizes = new Float64Array(depth * members.length);
  }

  publish(nowNs: number): void {
    const bids = this.engine.copyConsolidatedTop(this.groupId, 0, this.depth, nowNs, this.bidPrices, this.bidSizes, this.memberSizes);
    const asks = this.engine.copyConsolidatedTop(this.groupId, 1, this.depth, nowNs, this.askPrices, this.askSizes, this.memberSizes);
    writeNow(this.stamps);
    if (!this.started) {
      if (bids + asks === 0) return;
      this.started = true;
      this.differ.update(this.bidPrices, this.bidSizes, bids, this.askPrices, this.askSizes, asks, this.levels);
      this.levels.clear();
      for (let i = 0; i < bids; i++) this.levels.addBid(this.bidPrices[i]!, this.bidSizes[i]!);
      for (let i = 0; i < asks; i++) this.levels.addAsk(this.askPrices[i]!, this.askSizes[i]!);
      this.feed.onBookSnapshot(this.handle, this.levels, this.stamps);
      this.feed.onStatus(this.handle, InstrumentStatus.SYNCED, this.stamps);
    } else if (this.differ.update(this.bidPrices, this.bidSizes, bids, this.askPrices, this.askSizes, asks, this.levels)) {
      this.feed.onBookDelta(this.handle, this.levels, this.stamps);
    }
    this.publishBbo(nowNs);
  }

  private publishBbo(nowNs: number): void {
    const bbo = this.bbo;
    this.engine.consolidatedBbo(this.groupId, nowNs, bbo);
    const bidPrice = Number.isFinite(bbo[BBO_BID_PRICE]!) ? bbo[BBO_BID_PRICE]! : 0;
    const bidSize = bidPrice === 0 ? 0 : bbo[BBO_BID_SIZE]!;
    const askPrice = Number.isFinite(bbo[BBO_ASK_PRICE]!) ? bbo[BBO_ASK_PRICE]! : 0;
    const askSize = askPrice === 0 ? 0 : bbo[BBO_ASK_SIZE]!;
    const last = this.lastBbo;
    if (last[0] === bidPrice && last[1] === bidSize && last[2] === askPrice && last[3] === askSize) return;
    last[0] = bidPrice;
    last[1] = bidSize;
    last[2] = askPrice;
    last[3] = askSize;
    this.feed.onBbo(this.handle, bidPrice, bidSize, askPrice, askSize, this.stamps);
  }
}

/** Epoch ns now into the receive-time words of `stamps` (event time 0: not a venue event). */
function writeNow(stamps: Uint32Array): void {
  const nowNs = Date.now() * 1e6;
  stamps[0] = 0;
  stamps[1] = 0;
  stamps[2] = nowNs % 2 ** 32;
  stamps[3] = Math.floor(nowNs / 2 ** 32);
}
