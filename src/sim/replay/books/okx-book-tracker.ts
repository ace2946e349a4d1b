// OKX v5 `books` order books of one recorded connection, with OKX's checksum, snapshot and reply frames.
import { crc32 } from '../../../hotpath/crc32.js';
import { readClientJson } from '../client-json.js';
import { LevelBook } from './level-book.js';
import { isZeroDecimal } from './decimal-text.js';
import type { ReplayBookTracker, SubscriptionRequest } from './replay-book-tracker.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel: a
 * subscription starts with `action: "snapshot"` (prevSeqId -1), then `update`s whose prevSeqId is
 * the previous seqId; a level is [price, size, "0", order count], size "0" deletes. `checksum` is
 * the CRC32 (signed) of the best 25 bids and asks as `price:size` text as sent, bid and ask
 * alternately. A resubscription gets a fresh snapshot whose seqId is the book's current one, so
 * the updates that follow chain onto it. Replies: {"event":"subscribe","arg":{..},"connId":..}.
 */

type OkxLevel = [string, string, string, string];

interface OkxBookData {
  asks: OkxLevel[];
  bids: OkxLevel[];
  ts?: string;
  checksum?: number;
  prevSeqId: number;
  seqId: number;
}

interface OkxBookPush {
  arg: { channel: string; instId: string };
  action?: string;
  data: OkxBookData[];
}

interface TrackedBook {
  levels: LevelBook<OkxLevel>;
  /** The last push of this book: the template of a synthesised snapshot (same members, same order). */
  last: OkxBookPush;
}

/** Channels with the snapshot/update/checksum protocol, and their depth. */
const BOOK_CHANNEL_DEPTH: ReadonlyMap<string, number> = new Map([
  ['books', 400],
  ['books-l2-tbt', 400],
  ['books50-l2-tbt', 50],
]);
const CHECKSUM_LEVELS = 25;
const CHECKSUM_MEMBER = /"checksum":(-?\d+)/;

/** OKX's checksum of a book from its best levels' text (the documented rule). */
export function okxBookChecksum(bids: readonly OkxLevel[], asks: readonly OkxLevel[]): number {
  const parts: string[] = [];
  for (let row = 0; row < CHECKSUM_LEVELS; row++) {
    const bid = bids[row];
    const ask = asks[row];
    if (bid !== undefined) parts.push(`${bid[0]}:${bid[1]}`);
    if (ask !== undefined) parts.push(`${ask[0]}:${ask[1]}`);
  }
  const bytes = new TextEncoder().encode(parts.join(':'));
  return crc32(bytes, 0, bytes.length) | 0;
}

export class OkxBookTracker implements ReplayBookTracker {
  private readonly books = new Map<string, TrackedBook>();
  readonly booksNeedSubscription = true;
  readonly connectionSequence = null;

  observe(frame: string): string | null {
    if (!frame.includes('"books')) return null;
    const message = JSON.parse(frame) as OkxBookPush;
    if (typeof message.arg !== 'object' || !BOOK_CHANNEL_DEPTH.has(message.arg.channel) || !Array.isArray(message.data)) return null;
    const symbol = message.arg.instId;
    let book = this.books.get(symbol);
    if (book === undefined) {
      book = { levels: new LevelBook<OkxLevel>(), last: message };
      this.books.set(symbol, book);
    }
    for (const data of message.data) {
      if (message.action === 'snapshot') book.levels.clear();
      for (const level of data.bids) book.levels.set('bid', level[0], level, isZeroDecimal(level[1]));
      for (const level of data.asks) book.levels.set('ask', level[0], level, isZeroDecimal(level[1]));
    }
    book.last = message;
    return symbol;
  }

  readRequest(frame: string): SubscriptionRequest | null {
    const message = readClientJson(frame, 'subscribe');
    if (message === null) return null;
    const request = message as { op?: unknown; args?: unknown; id?: unknown };
    if ((request.op !== 'subscribe' && request.op !== 'unsubscribe') || !Array.isArray(request.args)) return null;
    const args = request.args
      .filter((arg): arg is { channel: string; instId?: string } => typeof arg === 'object' && arg !== null && typeof (arg as { channel?: unknown }).channel === 'string')
      .map((arg) => ({ channel: arg.channel, symbol: typeof arg.instId === 'string' ? arg.instId : arg.channel, book: BOOK_CHANNEL_DEPTH.has(arg.channel) }));
    return { operation: request.op, args, ...(typeof request.id === 'string' ? { requestId: request.id } : {}) };
  }

  /** One reply per channel argument, as OKX sends them. */
  acknowledge(request: SubscriptionRequest, sessionId: string): string[] {
    return request.args.map((arg) =>
      JSON.stringify({
        ...(request.requestId !== undefined ? { id: request.requestId } : {}),
        event: request.operation,
        arg: arg.channel === arg.symbol ? { channel: arg.channel } : { channel: arg.channel, instId: arg.symbol },
        connId: sessionId,
      }),
    );
  }

  snapshotFrame(symbol: string): string | null {
    const book = this.books.get(symbol);
    const last = book?.last.data[book.last.data.length - 1];
    if (book === undefined || last === undefined) return null;
    const depth = BOOK_CHANNEL_DEPTH.get(book.last.arg.channel) ?? 400;
    const bids = book.levels.top('bid', depth);
    const asks = book.levels.top('ask', depth);
    const data: OkxBookData = { ...last, asks, bids, checksum: okxBookChecksum(bids, asks), prevSeqId: -1, seqId: last.seqId };
    return JSON.stringify({ ...book.last, action: 'snapshot', data: [data] });
  }

  /** The checksum's bits flipped: never equal to the right one, never 0 ("not sent"). */
  corruptChecksum(frame: string): string | null {
    const match = CHECKSUM_MEMBER.exec(frame);
    if (match === null) return null;
    const wrong = (Number(match[1]) ^ 0x5a5a5a5a) | 0;
    return frame.replace(CHECKSUM_MEMBER, `"checksum":${wrong === 0 ? 1 : wrong}`);
  }

  restDepth(): string | null {
    return null;
  }
}
