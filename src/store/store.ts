// The Store: the cold-path, batch-oriented, asynchronous interface both database backends implement.
import type { AuditRow, BookSnapshotRow, CandleRow, FillRow, OrderRow, QuoteRow, StoreBatch, TradeRow } from './store-rows.js';
import type { TableName } from './store-tables.js';

export type StoreKind = 'duckdb' | 'questdb';

export interface StoreWriteResult {
  /** Rows in the batch. */
  rows: number;
  /**
   * Rows that changed the database: new keys, plus replaced rows in `replace` tables (candles);
   * a replayed batch of facts gives 0. Null when the backend cannot tell (QuestDB dedups on the server).
   */
  changedRows: number | null;
}

/** Rows of each table, as `read` returns them. */
export interface TableRows {
  trades: TradeRow;
  quotes: QuoteRow;
  book_snapshots: BookSnapshotRow;
  candles: CandleRow;
  orders: OrderRow;
  fills: FillRow;
  audit: AuditRow;
}

/**
 * What `read` selects; the database applies every option (WHERE, ORDER BY, LIMIT), so a range of a
 * long series never crosses a thread or the network whole. Absent options select everything.
 * Options a table cannot take reject with ZVT_ERR_STORE_READ_OPTION.
 *
 * The time column `fromNs`/`toNs` compare against is the table's designated timestamp:
 * trades, orders, fills: ts_event_ns (tsEventNs, the venue's time); quotes and book_snapshots:
 * ts_recv_ns (tsRecvNs: their event time may be null); candles: ts_open_ns (tsOpenNs); audit: ts_ns (tsNs).
 */
export interface ReadOptions {
  /** Not on `audit` (no venue column). */
  venue?: string;
  /** Not on `audit` (no symbol column). */
  symbol?: string;
  /** Inclusive start on the table's time column, epoch ns. */
  fromNs?: bigint;
  /** Exclusive end on the table's time column, epoch ns; not before `fromNs` (equal: nothing). */
  toNs?: bigint;
  /** Candles of this timeframe only (`1m` … `1M`); `candles` only. */
  timeframe?: string;
  /** At most this many rows: a non-negative safe integer. From the oldest unless `newest`. */
  limit?: number;
  /** With `limit`: the last `limit` rows of the selection instead of the first; rows still come oldest first. */
  newest?: boolean;
}

/** One candle series and a time range, for `candleOpenTimes`. */
export interface CandleSeriesQuery {
  venue: string;
  symbol: string;
  timeframe: string;
  /** Inclusive start, epoch ns. */
  fromNs: bigint;
  /** Exclusive end, epoch ns. */
  toNs: bigint;
}

/** One instrument's trades in a time range, for `tradeTimeBounds`. */
export interface TradeRangeQuery {
  venue: string;
  symbol: string;
  fromNs: bigint;
  toNs: bigint;
}

/**
 * One database. Every method is cold path and may take milliseconds to seconds: call it from an
 * event loop that does nothing time-critical (the recorder actor), never from the hot path.
 *
 * Calls are serialised inside the store (one at a time, in call order), so a caller may issue a
 * read right after a write and see it.
 */
export interface Store {
  readonly kind: StoreKind;
  /** The store spec without credentials, for logs and errors. */
  readonly description: string;
  /**
   * Writes a batch. Resolves once the database confirmed it: DuckDB committed the transaction,
   * QuestDB answered the ILP/HTTP request with 204. Rejects with ZVT_ERR_STORE_WRITE (nothing
   * confirmed: retry later; natural keys make a retry of a batch that did land harmless) or
   * ZVT_ERR_STORE_VALUE (a row cannot be stored as it is: retrying will not help).
   */
  write(batch: StoreBatch): Promise<StoreWriteResult>;
  /** Rows in a table. */
  count(table: TableName): Promise<number>;
  /** Rows of a table in key order (venue, symbol, designated timestamp, rest of the key), selected by the database (ReadOptions). */
  read<T extends TableName>(table: T, options?: ReadOptions): Promise<TableRows[T][]>;
  /**
   * Open times (epoch ns, ascending) of the stored candles of one series in [fromNs, toNs): what
   * backfill resumes from and gap detection compares against, without reading whole rows.
   */
  candleOpenTimes(query: CandleSeriesQuery): Promise<bigint[]>;
  /**
   * Earliest and latest tsEventNs of the stored trades of one instrument in [fromNs, toNs), or
   * null when there are none: where an interrupted trade backfill resumes.
   */
  tradeTimeBounds(query: TradeRangeQuery): Promise<{ minNs: bigint; maxNs: bigint } | null>;
  /** Flushes and releases the database; further calls reject with ZVT_ERR_STORE_CLOSED. */
  close(): Promise<void>;
}
