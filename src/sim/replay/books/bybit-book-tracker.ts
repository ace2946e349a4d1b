// Bybit v5 `orderbook.<depth>.<symbol>` books of one recorded connection, and Bybit's snapshot and reply frames.
import { readClientJson } from '../client-json.js';
import { LevelBook } from './level-book.js';
import { isZeroDecimal } from './decimal-text.js';
import type { ReplayBookTracker, SubscriptionRequest } from './replay-book-tracker.js';

/*
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook: a subscription starts with a
 * `snapshot`, then `delta`s whose levels replace (size "0" deletes); `u` counts the book's updates
 * and `seq` is the cross sequence. A resubscription gets a new snapshot carrying the current `u`,
 * so the deltas that follow continue from it. Replies: {"success":true,"ret_msg":"","conn_id":..,
 * "req_id":..,"op":"subscribe"} (as recorded on the linear stream).
 */

type BybitLevel = [string, string];

interface BybitBookFrame {
  topic: string;
  type: string;
  ts?: number;
  data: { s: string; b: BybitLevel[]; a: BybitLevel[]; u: number; seq?: number };
  cts?: number;
}

interface TrackedBook {
  levels: LevelBook<BybitLevel>;
  /** The last frame of this book, levels and all: the template of a synthesised snapshot (same members, same order). */
  last: BybitBookFrame;
  depth: number;
}

const BOOK_TOPIC = /^orderbook\.(\d+)\.(.+)$/;

export class BybitBookTracker implements ReplayBookTracker {
  private readonly books = new Map<string, TrackedBook>();
  readonly booksNeedSubscription = true;
  readonly connectionSequence = null;

  observe(frame: string): string | null {
    if (!frame.includes('"orderbook.')) return null;
    const message = JSON.parse(frame) as BybitBookFrame;
    const topic = typeof message.topic === 'string' ? BOOK_TOPIC.exec(message.topic) : null;
    if (topic === null || typeof message.data !== 'object') return null;
    const symbol = topic[2]!;
    let book = this.books.get(symbol);
    if (book === undefined) {
      book = { levels: new LevelBook<BybitLevel>(), last: message, depth: Number(topic[1]) };
      this.books.set(symbol, book);
    }
    // u = 1 is a full book after a service restart, whatever its type (the documented rule).
    if (message.type === 'snapshot' || message.data.u === 1) book.levels.clear();
    for (const level of message.data.b) book.levels.set('bid', level[0], level, isZeroDecimal(level[1]));
    for (const level of message.data.a) book.levels.set('ask', level[0], level, isZeroDecimal(level[1]));
    book.last = message;
    return symbol;
  }

  readRequest(frame: string): SubscriptionRequest | null {
    const message = readClientJson(frame, 'subscribe');
    if (message === null) return null;
    const request = message as { op?: unknown; args?: unknown; req_id?: unknown };
    if ((request.op !== 'subscribe' && request.op !== 'unsubscribe') || !Array.isArray(request.args)) return null;
    const args = request.args.filter((arg): arg is string => typeof arg === 'string').map((topic) => {
      const dot = topic.lastIndexOf('.');
      return { channel: topic.slice(0, dot), symbol: topic.slice(dot + 1), book: BOOK_TOPIC.test(topic) };
    });
    return { operation: request.op, args, ...(typeof request.req_id === 'string' ? { requestId: request.req_id } : {}) };
  }

  acknowledge(request: SubscriptionRequest, sessionId: string): string[] {
    return [JSON.stringify({ success: true, ret_msg: '', conn_id: sessionId, req_id: request.requestId ?? '', op: request.operation })];
  }

  snapshotFrame(symbol: string): string | null {
    const book = this.books.get(symbol);
    if (book === undefined) return null;
    const { last } = book;
    const data = { ...last.data, b: book.levels.top('bid', book.depth), a: book.levels.top('ask', book.depth) };
    return JSON.stringify({ ...last, type: 'snapshot', data });
  }

  corruptChecksum(): string | null {
    return null;
  }

  restDepth(): string | null {
    return null;
  }
}
