// The store's logical tables as data: columns, natural keys, designated timestamps; both backends derive their DDL from it.
import type { StoreBatch } from './store-rows.js';

export const TABLE_NAMES = ['trades', 'quotes', 'book_snapshots', 'candles', 'orders', 'fills', 'audit'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/**
 * Logical column types. `symbol` is low-cardinality text (QuestDB SYMBOL, DuckDB VARCHAR, which
 * dictionary-compresses); `decimal` is DECIMAL(38,18); `timestamp` is epoch nanoseconds
 * (TIMESTAMP_NS); `int` a 32-bit and `long` a 64-bit integer held in a JS number; `levels` a list of
 * [price, size] (DuckDB: two DECIMAL lists; QuestDB: one row per level, see docs/storage.md).
 */
export type ColumnType = 'symbol' | 'text' | 'decimal' | 'timestamp' | 'int' | 'long' | 'levels';

export interface ColumnSpec {
  /** SQL column name (for `levels`, the prefix: `bid` → bid_prices, bid_sizes). */
  readonly column: string;
  /** Property of the row object. */
  readonly field: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

export interface TableSpec {
  readonly table: TableName;
  /** Property of StoreBatch holding this table's rows. */
  readonly batchKey: keyof StoreBatch;
  readonly columns: readonly ColumnSpec[];
  /** Natural key columns: writing a row whose key exists changes nothing (or replaces, see onConflict). */
  readonly key: readonly string[];
  /** Designated timestamp (QuestDB partitioning and order); always part of the key. */
  readonly timestamp: string;
  /**
   * What a second write of an existing key does. `keep` for facts that never change (a trade is a
   * trade): DuckDB ignores it, QuestDB's DEDUP UPSERT rewrites the identical row. `replace` for
   * rows that are revised (a candle until its bar closes): last write wins in both.
   */
  readonly onConflict: 'keep' | 'replace';
}

/** DECIMAL(38,18): 20 integer digits, 18 fraction digits, exact. */
export const DECIMAL_WIDTH = 38;
export const DECIMAL_SCALE = 18;

function column(column: string, field: string, type: ColumnType, nullable = false): ColumnSpec {
  return { column, field, type, nullable };
}

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  trades: {
    table: 'trades',
    batchKey: 'trades',
    columns: [
      column('ts_event_ns', 'tsEventNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('trade_id', 'tradeId', 'text'),
      column('side', 'side', 'symbol'),
      column('price', 'price', 'decimal'),
      column('size', 'size', 'decimal'),
      column('ts_recv_ns', 'tsRecvNs', 'timestamp'),
      column('flags', 'flags', 'int'),
    ],
    key: ['venue', 'symbol', 'trade_id', 'ts_event_ns'],
    timestamp: 'ts_event_ns',
    onConflict: 'keep',
  },
  quotes: {
    table: 'quotes',
    batchKey: 'quotes',
    columns: [
      column('ts_recv_ns', 'tsRecvNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('seq', 'seq', 'int'),
      column('bid_price', 'bidPrice', 'decimal'),
      column('bid_size', 'bidSize', 'decimal'),
      column('ask_price', 'askPrice', 'decimal'),
      column('ask_size', 'askSize', 'decimal'),
      column('ts_event_ns', 'tsEventNs', 'timestamp', true),
      column('flags', 'flags', 'int'),
    ],
    key: ['venue', 'symbol', 'ts_recv_ns', 'seq'],
    timestamp: 'ts_recv_ns',
    onConflict: 'keep',
  },
  book_snapshots: {
    table: 'book_snapshots',
    batchKey: 'bookSnapshots',
    columns: [
      column('ts_recv_ns', 'tsRecvNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('ts_event_ns', 'tsEventNs', 'timestamp', true),
      column('depth', 'depth', 'int'),
      column('bid', 'bids', 'levels'),
      column('ask', 'asks', 'levels'),
      column('flags', 'flags', 'int'),
    ],
    key: ['venue', 'symbol', 'ts_recv_ns'],
    timestamp: 'ts_recv_ns',
    onConflict: 'keep',
  },
  candles: {
    table: 'candles',
    batchKey: 'candles',
    columns: [
      column('ts_open_ns', 'tsOpenNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('timeframe', 'timeframe', 'symbol'),
      column('open', 'open', 'decimal'),
      column('high', 'high', 'decimal'),
      column('low', 'low', 'decimal'),
      column('close', 'close', 'decimal'),
      column('volume', 'volume', 'decimal'),
      column('trade_count', 'tradeCount', 'long', true),
    ],
    key: ['venue', 'symbol', 'timeframe', 'ts_open_ns'],
    timestamp: 'ts_open_ns',
    onConflict: 'replace',
  },
  orders: {
    table: 'orders',
    batchKey: 'orders',
    columns: [
      column('ts_event_ns', 'tsEventNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('client_order_id', 'clientOrderId', 'text'),
      column('venue_order_id', 'venueOrderId', 'text', true),
      column('revision', 'revision', 'int'),
      column('side', 'side', 'symbol'),
      column('order_type', 'orderType', 'symbol'),
      column('time_in_force', 'timeInForce', 'symbol', true),
      column('price', 'price', 'decimal', true),
      column('quantity', 'quantity', 'decimal'),
      column('filled_quantity', 'filledQuantity', 'decimal'),
      column('status', 'status', 'symbol'),
    ],
    key: ['venue', 'client_order_id', 'revision', 'ts_event_ns'],
    timestamp: 'ts_event_ns',
    onConflict: 'keep',
  },
  fills: {
    table: 'fills',
    batchKey: 'fills',
    columns: [
      column('ts_event_ns', 'tsEventNs', 'timestamp'),
      column('venue', 'venue', 'symbol'),
      column('symbol', 'symbol', 'symbol'),
      column('fill_id', 'fillId', 'text'),
      column('client_order_id', 'clientOrderId', 'text'),
      column('venue_order_id', 'venueOrderId', 'text', true),
      column('side', 'side', 'symbol'),
      column('price', 'price', 'decimal'),
      column('size', 'size', 'decimal'),
      column('fee', 'fee', 'decimal', true),
      column('fee_currency', 'feeCurrency', 'symbol', true),
      column('liquidity', 'liquidity', 'symbol'),
      column('ts_recv_ns', 'tsRecvNs', 'timestamp'),
    ],
    key: ['venue', 'symbol', 'fill_id', 'ts_event_ns'],
    timestamp: 'ts_event_ns',
    onConflict: 'keep',
  },
  audit: {
    table: 'audit',
    batchKey: 'audit',
    columns: [
      column('ts_ns', 'tsNs', 'timestamp'),
      column('source', 'source', 'symbol'),
      column('seq', 'seq', 'long'),
      column('event', 'event', 'symbol'),
      column('detail', 'detail', 'text'),
    ],
    key: ['source', 'seq', 'ts_ns'],
    timestamp: 'ts_ns',
    onConflict: 'keep',
  },
};

/** The tables in a fixed order (the order batches are written in). */
export const TABLE_SPECS: readonly TableSpec[] = TABLE_NAMES.map((name) => TABLES[name]);

/** ORDER BY of reads: venue and symbol (where the table has them), the designated timestamp, then the rest of the key. */
export function keyOrder(spec: TableSpec): string[] {
  const leading = ['venue', 'symbol'].filter((name) => spec.key.includes(name));
  const rest = spec.key.filter((name) => !leading.includes(name) && name !== spec.timestamp);
  return [...leading, spec.timestamp, ...rest];
}

export function isTableName(value: string): value is TableName {
  return (TABLE_NAMES as readonly string[]).includes(value);
}
