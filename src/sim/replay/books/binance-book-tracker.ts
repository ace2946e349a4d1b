// Binance spot depth books of one recorded connection, grown from the recorded REST snapshots, and Binance's REST depth response.
import type { RecordedHttp } from '../../recording/recording-format.js';
import { LevelBook } from './level-book.js';
import { isZeroDecimal } from './decimal-text.js';
import type { ReplayBookTracker } from './replay-book-tracker.js';
import { pathAndQuery } from '../url-match.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly
 * Binance books have no stream snapshot: a client takes GET /api/v3/depth (lastUpdateId, bids,
 * asks) and applies the `depthUpdate` events with u > lastUpdateId. A recording holds the REST
 * snapshots its recorder took; the tracker starts each book from the first of them and applies
 * the stream's events as they go past, so once the stream has moved beyond that snapshot a depth
 * request gets the book as Binance would serve it then: lastUpdateId = the last u applied, the
 * best `limit` levels a side (default 100, at most 5000), levels as the venue wrote them. Before
 * that the recorded response is the right answer and is served as recorded. Reconnects do not
 * matter to Binance: the streams are in the URL and nothing is resubscribed.
 */

type BinanceLevel = [string, string];

interface DepthSnapshot {
  lastUpdateId: number;
  bids: BinanceLevel[];
  asks: BinanceLevel[];
}

interface DepthUpdate {
  e: string;
  s: string;
  U: number;
  u: number;
  b: BinanceLevel[];
  a: BinanceLevel[];
}

interface TrackedBook {
  levels: LevelBook<BinanceLevel>;
  /** The book's update id: the recorded snapshot's lastUpdateId, then the u of the last event applied. */
  updateId: number;
  /** An event beyond the recorded snapshot was applied: the recorded response is out of date. */
  movedPast: boolean;
}

const DEPTH_PATH = '/api/v3/depth';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 5000;

export class BinanceBookTracker implements ReplayBookTracker {
  private readonly books = new Map<string, TrackedBook | null>();
  readonly booksNeedSubscription = false;
  readonly connectionSequence = null;

  constructor(private readonly http: readonly RecordedHttp[]) {}

  observe(frame: string): string | null {
    if (!frame.includes('"depthUpdate"')) return null;
    const message = JSON.parse(frame) as { data?: DepthUpdate } & Partial<DepthUpdate>;
    // Combined streams wrap the event ({"stream":..,"data":{..}}); raw streams (/ws/<stream>) do not.
    const event = message.data ?? (message as DepthUpdate);
    if (event.e !== 'depthUpdate' || typeof event.s !== 'string') return null;
    const book = this.bookOf(event.s);
    if (book !== null && event.u > book.updateId) {
      for (const level of event.b) book.levels.set('bid', level[0], level, isZeroDecimal(level[1]));
      for (const level of event.a) book.levels.set('ask', level[0], level, isZeroDecimal(level[1]));
      book.updateId = event.u;
      book.movedPast = true;
    }
    return event.s;
  }

  readRequest(): null {
    return null;
  }

  acknowledge(): string[] {
    return [];
  }

  snapshotFrame(): string | null {
    return null;
  }

  corruptChecksum(): string | null {
    return null;
  }

  restDepth(path: string, query: URLSearchParams): string | null {
    if (path !== DEPTH_PATH) return null;
    const symbol = query.get('symbol')?.toUpperCase();
    const book = symbol === undefined ? undefined : this.books.get(symbol);
    if (book === undefined || book === null || !book.movedPast) return null;
    const requested = Number(query.get('limit') ?? DEFAULT_LIMIT);
    const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_LIMIT) : DEFAULT_LIMIT;
    const snapshot: DepthSnapshot = { lastUpdateId: book.updateId, bids: book.levels.top('bid', limit), asks: book.levels.top('ask', limit) };
    return JSON.stringify(snapshot);
  }

  /** The book of `symbol`, started from its first recorded REST snapshot; null when none was recorded. */
  private bookOf(symbol: string): TrackedBook | null {
    const known = this.books.get(symbol);
    if (known !== undefined) return known;
    const recorded = this.http.find((http) => {
      const { path, query } = pathAndQuery(http.url);
      return path === DEPTH_PATH && new URLSearchParams(query).get('symbol') === symbol;
    });
    let book: TrackedBook | null = null;
    if (recorded !== undefined) {
      const snapshot = JSON.parse(recorded.data) as DepthSnapshot;
      book = { levels: new LevelBook<BinanceLevel>(), updateId: snapshot.lastUpdateId, movedPast: false };
      for (const level of snapshot.bids) book.levels.set('bid', level[0], level, isZeroDecimal(level[1]));
      for (const level of snapshot.asks) book.levels.set('ask', level[0], level, isZeroDecimal(level[1]));
    }
    this.books.set(symbol, book);
    return book;
  }
}
