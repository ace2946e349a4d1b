// Helpers of the feed integration tests: a hub + real uWS server on 127.0.0.1:0, polling waits, and a source that replays recorded book events into the hub.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import type { FeedHubOptions } from '../../../../src/gateway/feed/feed-hub-options.js';
import { FeedLevels } from '../../../../src/gateway/feed/feed-levels.js';
import { FeedServer } from '../../../../src/gateway/feed/feed-server.js';
import type { FeedFanoutMode } from '../../../../src/gateway/feed/feed-fanout.js';
import { createRecordStamps, setRecordStampsBig } from '../../../../src/model/record-header.js';
import { Random } from '../../../helpers/book-stream.js';
import { mantissaLevels, type RecordedBookEvent, type RecordedInstrument } from './recorded-book-events.js';

export interface RunningFeed {
  hub: FeedHub;
  server: FeedServer;
  url: string;
}

export async function startFeed(options: FeedHubOptions = {}, fanout: FeedFanoutMode = 'topics'): Promise<RunningFeed> {
  const hub = new FeedHub(options);
  const server = await FeedServer.start(hub, { fanout });
  return { hub, server, url: server.url };
}

/** Polls `condition` every few ms (for hub-side state no client message announces). */
export async function eventually(condition: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Feeds recorded book events to a hub as the engine would: snapshot → onBookSnapshot, update → onBookDelta. */
export class RecordedSource {
  readonly handles = new Map<string, number>();
  private readonly levels = new FeedLevels();
  private readonly stamps = createRecordStamps();
  private readonly byName: Map<string, RecordedInstrument>;
  private tick = 0n;

  constructor(
    private readonly hub: FeedHub,
    instruments: readonly RecordedInstrument[],
  ) {
    this.byName = new Map(instruments.map((instrument) => [instrument.instrument, instrument]));
    for (const instrument of instruments) this.handles.set(instrument.instrument, hub.addInstrument(instrument.instrument, instrument));
  }

  apply(event: RecordedBookEvent): void {
    const instrument = this.byName.get(event.instrument)!;
    const levels = this.levels;
    levels.clear();
    for (const [price, size] of mantissaLevels(event.bids, instrument)) levels.addBid(price, size);
    for (const [price, size] of mantissaLevels(event.asks, instrument)) levels.addAsk(price, size);
    this.tick++;
    setRecordStampsBig(this.stamps, 1_786_310_817_000_000_000n + this.tick * 1000n, 1_786_310_817_000_050_000n + this.tick * 1000n);
    const handle = this.handles.get(event.instrument)!;
    if (event.snapshot) this.hub.onBookSnapshot(handle, levels, this.stamps);
    else this.hub.onBookDelta(handle, levels, this.stamps);
  }

  /** All events, `perTurn` at a time, yielding to the event loop between turns so clients read as they go. */
  async applyAll(events: readonly RecordedBookEvent[], perTurn = 25, onTurn?: (applied: number) => void): Promise<void> {
    for (let index = 0; index < events.length; index++) {
      this.apply(events[index]!);
      if ((index + 1) % perTurn === 0) {
        onTurn?.(index + 1);
        await yieldToEventLoop();
      }
    }
  }
}

/** A seeded synthetic book source: a snapshot, then deltas of `levelsPerDelta` levels near a wandering mid (30 % deletes). */
export class RandomBookSource {
  readonly handle: number;
  private readonly levels = new FeedLevels();
  private readonly stamps = createRecordStamps();
  private readonly random: Random;
  private mid = 6_500_000;
  deltas = 0;

  constructor(
    private readonly hub: FeedHub,
    instrument: string,
    seed: number,
  ) {
    this.handle = hub.addInstrument(instrument, { priceDecimals: 2, sizeDecimals: 8 });
    this.random = new Random(seed);
    this.levels.clear();
    for (let offset = 1; offset <= 500; offset++) {
      this.levels.addBid(this.mid - offset, this.random.int(1, 10_000_000));
      this.levels.addAsk(this.mid + offset, this.random.int(1, 10_000_000));
    }
    hub.onBookSnapshot(this.handle, this.levels, this.stamps);
  }

  delta(levelsPerDelta: number): void {
    const random = this.random;
    this.mid += random.int(-2, 2);
    this.levels.clear();
    for (let index = 0; index < levelsPerDelta; index++) {
      const offset = random.int(1, 200);
      const size = random.chance(0.3) ? 0 : random.int(1, 10_000_000);
      if (random.chance(0.5)) this.levels.addBid(this.mid - offset, size);
      else this.levels.addAsk(this.mid + offset, size);
    }
    this.deltas++;
    this.hub.onBookDelta(this.handle, this.levels, this.stamps);
  }

  /** `count` deltas, `perTurn` per event-loop turn. */
  async deltasOverTurns(count: number, levelsPerDelta: number, perTurn = 20): Promise<void> {
    for (let index = 0; index < count; index++) {
      this.delta(levelsPerDelta);
      if ((index + 1) % perTurn === 0) await yieldToEventLoop();
    }
  }
}
