// FeedInstrument and FeedTopic: the hub's per-instrument state (book copy, last BBO and status) and per-topic sequence and subscribers.
import { createRecordStamps, type RecordStamps } from '../../model/record-header.js';
import { FeedBook } from './feed-book.js';
import type { FeedConnection } from './feed-connection.js';
import type { TopicKind } from './feed-topic-name.js';

export class FeedTopic {
  /** Seq of the last message published on the topic (0: none yet); the next one gets seq + 1. */
  seq = 0;
  /** Connections subscribed; an array because the publish loop walks it for every message. */
  readonly subscribers: FeedConnection[] = [];
  /** How many of the subscribers are conflated now. */
  conflatedSubscribers = 0;
  /** The name as bytes, for uWS publish (no string conversion per message). */
  readonly wireName: Uint8Array;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly kind: TopicKind,
    readonly instrument: FeedInstrument,
  ) {
    this.wireName = new TextEncoder().encode(name);
  }

  addSubscriber(connection: FeedConnection): void {
    this.subscribers.push(connection);
  }

  /** Cold path (unsubscribe, close): swap-remove. */
  removeSubscriber(connection: FeedConnection): void {
    const index = this.subscribers.indexOf(connection);
    if (index < 0) return;
    const last = this.subscribers.pop()!;
    if (index < this.subscribers.length) this.subscribers[index] = last;
  }
}

export class FeedInstrument {
  readonly book = new FeedBook();
  /** Stamps of the last book message (a Snapshot sent later carries them). */
  readonly bookStamps: RecordStamps = createRecordStamps();
  hasBbo = false;
  bidPrice = 0;
  bidSize = 0;
  askPrice = 0;
  askSize = 0;
  readonly bboStamps: RecordStamps = createRecordStamps();
  /** Last InstrumentStatus code; 0 = none reported yet. */
  status = 0;
  readonly statusStamps: RecordStamps = createRecordStamps();
  readonly bookTopic: FeedTopic;
  readonly bboTopic: FeedTopic;
  readonly tradesTopic: FeedTopic;
  readonly statusTopic: FeedTopic;

  constructor(
    /** Index in the hub: the handle FeedSource calls take. Topic ids are 4 × handle + kind. */
    readonly handle: number,
    readonly name: string,
    readonly priceDecimals: number,
    readonly sizeDecimals: number,
  ) {
    this.bookTopic = new FeedTopic(4 * handle, `book.${name}`, 'book', this);
    this.bboTopic = new FeedTopic(4 * handle + 1, `bbo.${name}`, 'bbo', this);
    this.tradesTopic = new FeedTopic(4 * handle + 2, `trades.${name}`, 'trades', this);
    this.statusTopic = new FeedTopic(4 * handle + 3, `status.${name}`, 'status', this);
  }

  topics(): FeedTopic[] {
    return [this.bookTopic, this.bboTopic, this.tradesTopic, this.statusTopic];
  }
}

/** Copies the four words of a RecordStamps. */
export function copyStamps(target: RecordStamps, source: RecordStamps): void {
  target[0] = source[0]!;
  target[1] = source[1]!;
  target[2] = source[2]!;
  target[3] = source[3]!;
}
