// Coinbase Advanced Trade `level2` books of one recorded connection, its `sequence_num`, and its snapshot and reply frames.
import { readClientJson } from '../client-json.js';
import { LevelBook } from './level-book.js';
import { isZeroDecimal } from './decimal-text.js';
import type { ReplayBookTracker, SubscriptionRequest } from './replay-book-tracker.js';

/*
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels:
 * `l2_data` messages hold `snapshot` (the whole book) and `update` events per product; each level
 * is {side: bid|offer, event_time, price_level, new_quantity}, quantity "0" deletes. Every message
 * of a connection carries `sequence_num`, counting up from 0 across channels, so a frame the
 * server inserts (a reply, a fresh snapshot) is numbered in line and the frames after it are
 * renumbered (the server does that with `connectionSequence`). A subscribe or unsubscribe is
 * answered by a `subscriptions` message listing everything the connection is subscribed to
 * (channels in alphabetical order; heartbeats listed as ["heartbeats"], as recorded).
 */

interface CoinbaseLevel {
  side: string;
  event_time: string;
  price_level: string;
  new_quantity: string;
}

interface CoinbaseBookEvent {
  type: string;
  product_id: string;
  updates: CoinbaseLevel[];
}

interface CoinbaseEnvelope {
  channel: string;
  timestamp: string;
  sequence_num: number;
  events: CoinbaseBookEvent[];
}

/** The envelope's `sequence_num` (it precedes `events`, so the first match is the envelope's). */
const SEQUENCE_NUMBER = /"sequence_num":(\d+)/;
const TIMESTAMP = /"timestamp":"([^"]+)"/;

export class CoinbaseBookTracker implements ReplayBookTracker {
  private readonly books = new Map<string, LevelBook<CoinbaseLevel>>();
  /** The last l2_data envelope seen (without its events): the template of a synthesised snapshot. */
  private template: Omit<CoinbaseEnvelope, 'events'> | null = null;
  /** The venue's time of the last message seen, for the messages the server writes. */
  private lastTimestamp: string;

  readonly booksNeedSubscription = true;

  readonly connectionSequence = {
    of(frame: string): number | null {
      const match = SEQUENCE_NUMBER.exec(frame);
      return match === null ? null : Number(match[1]);
    },
    rewrite(frame: string, value: number): string {
      return frame.replace(SEQUENCE_NUMBER, `"sequence_num":${value}`);
    },
  };

  constructor(recordedAt: number) {
    this.lastTimestamp = new Date(recordedAt * 1000).toISOString();
  }

  observe(frame: string): string | null {
    const timestamp = TIMESTAMP.exec(frame.slice(0, 200));
    if (timestamp !== null) this.lastTimestamp = timestamp[1]!;
    if (!frame.includes('"channel":"l2_data"')) return null;
    const message = JSON.parse(frame) as CoinbaseEnvelope;
    if (message.channel !== 'l2_data' || !Array.isArray(message.events)) return null;
    const { events: _events, ...envelope } = message;
    this.template = envelope;
    let symbol: string | null = null;
    for (const event of message.events) {
      let book = this.books.get(event.product_id);
      if (book === undefined) {
        book = new LevelBook<CoinbaseLevel>();
        this.books.set(event.product_id, book);
      }
      if (event.type === 'snapshot') book.clear();
      for (const level of event.updates) book.set(level.side === 'bid' ? 'bid' : 'ask', level.price_level, level, isZeroDecimal(level.new_quantity));
      symbol = event.product_id;
    }
    return symbol;
  }

  readRequest(frame: string): SubscriptionRequest | null {
    const message = readClientJson(frame, 'subscribe');
    if (message === null) return null;
    const request = message as { type?: unknown; channel?: unknown; product_ids?: unknown };
    if ((request.type !== 'subscribe' && request.type !== 'unsubscribe') || typeof request.channel !== 'string') return null;
    const channel = request.channel;
    const products = Array.isArray(request.product_ids) ? request.product_ids.filter((id): id is string => typeof id === 'string') : [];
    // Heartbeats belong to the connection, not to a product.
    const symbols = channel === 'heartbeats' ? ['heartbeats'] : products;
    return { operation: request.type, args: symbols.map((symbol) => ({ channel, symbol, book: channel === 'level2' || channel === 'l2_data' })) };
  }

  acknowledge(_request: SubscriptionRequest, _sessionId: string, subscriptions: ReadonlyMap<string, ReadonlySet<string>>): string[] {
    const listed: Record<string, string[]> = {};
    for (const channel of [...subscriptions.keys()].sort()) {
      const symbols = [...subscriptions.get(channel)!];
      if (symbols.length > 0) listed[channel] = symbols;
    }
    // sequence_num 0 is a placeholder: the server numbers inserted frames in line.
    return [JSON.stringify({ channel: 'subscriptions', timestamp: this.lastTimestamp, sequence_num: 0, events: [{ subscriptions: listed }] })];
  }

  snapshotFrame(symbol: string): string | null {
    const book = this.books.get(symbol);
    if (book === undefined || this.template === null) return null;
    const updates = [...book.top('bid', Infinity), ...book.top('ask', Infinity)];
    const event: CoinbaseBookEvent = { type: 'snapshot', product_id: symbol, updates };
    return JSON.stringify({ ...this.template, timestamp: this.lastTimestamp, sequence_num: 0, events: [event] });
  }

  corruptChecksum(): string | null {
    return null;
  }

  restDepth(): string | null {
    return null;
  }
}
