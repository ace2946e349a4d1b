// QuestDB Store: ILP over HTTP with one confirmed flush per batch, DDL and reads over /exec.
import { Sender, SenderOptions } from '@questdb/nodejs-client';
import type { Logger } from '../../config/logger.js';
import { isZvtError } from '../../model/errors.js';
import {
  describeError,
  storeError,
  ZVT_ERR_STORE_CLOSED,
  ZVT_ERR_STORE_OPEN,
  ZVT_ERR_STORE_QUERY,
  ZVT_ERR_STORE_UNSUPPORTED,
  ZVT_ERR_STORE_VALUE,
  ZVT_ERR_STORE_WRITE,
} from '../errors.js';
import { canonicalDecimal } from '../row-values.js';
import { resolveReadOptions, type ResolvedReadOptions } from '../read-options.js';
import type { CandleSeriesQuery, ReadOptions, Store, StoreWriteResult, TableRows, TradeRangeQuery } from '../store.js';
import { batchRowCount, type BookLevel, type StoreBatch } from '../store-rows.js';
import type { QuestDbStoreSpec } from '../store-spec.js';
import { keyOrder, TABLE_SPECS, TABLES, type ColumnSpec, type TableName, type TableSpec } from '../store-tables.js';
import { encodeIlpBatch } from './ilp-batch-encoder.js';
import { hasLevels, questDbCreateTable } from './questdb-ddl.js';
import { questDbExec, type QuestDbExecResponse } from './questdb-exec.js';

/** ILP protocol v3 is the first with DECIMAL (QuestDB 9.2); prices and sizes are never sent as doubles. */
const REQUIRED_PROTOCOL_VERSION = '3';

export interface QuestDbStoreOptions {
  logger?: Logger;
}

/**
 * Each `write` encodes the whole batch into the Sender's buffer and awaits one `flush()`: one HTTP
 * request, answered 204 only after QuestDB accepted every line. Until then nothing is confirmed,
 * and the caller keeps the rows (the client drops its buffer when a flush fails, so the rows are
 * re-encoded on the next attempt). DEDUP UPSERT KEYS on the natural keys make a re-sent batch
 * harmless. QuestDB commits the rows of one request per table, not across tables; with dedup a
 * retry converges either way.
 */
export class QuestDbStore implements Store {
  readonly kind = 'questdb';
  readonly description: string;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly spec: QuestDbStoreSpec,
    private readonly sender: Sender,
  ) {
    this.description = spec.description;
  }

  /**
   * Negotiates the ILP protocol (GET /settings, as Sender.fromConfig does; split here to check the
   * version and to force auto-flush off), then creates the tables over /exec. ZVT_ERR_STORE_OPEN
   * when the server does not answer or refuses the DDL; ZVT_ERR_STORE_UNSUPPORTED before QuestDB 9.2.
   */
  static async open(spec: QuestDbStoreSpec, options: QuestDbStoreOptions = {}): Promise<QuestDbStore> {
    const log = options.logger;
    let senderOptions: SenderOptions;
    try {
      senderOptions = await SenderOptions.fromConfig(spec.clientConfig, {
        log: (level, message) => {
          if (log === undefined) return;
          const text = message instanceof Error ? message.message : message;
          if (level === 'error') log.error({ store: spec.description }, text);
          else if (level === 'warn') log.warn({ store: spec.description }, text);
        },
      });
    } catch (error) {
      throw storeError(ZVT_ERR_STORE_OPEN, `cannot reach ${spec.description}: ${describeError(error)}`, { store: spec.description });
    }
    if (senderOptions.protocol_version !== REQUIRED_PROTOCOL_VERSION) {
      throw storeError(
        ZVT_ERR_STORE_UNSUPPORTED,
        `${spec.description} speaks ILP protocol version ${senderOptions.protocol_version ?? '?'}; the store needs version 3 (QuestDB 9.2 or later) for DECIMAL columns`,
        { store: spec.description, protocolVersion: senderOptions.protocol_version },
      );
    }
    senderOptions.auto_flush = false;
    for (const table of TABLE_SPECS) {
      const sql = questDbCreateTable(table).replace(/;$/, '');
      let answer: QuestDbExecResponse;
      let status: number;
      try {
        ({ status, body: answer } = await questDbExec(spec, sql));
      } catch (error) {
        throw storeError(ZVT_ERR_STORE_OPEN, `cannot create table ${table.table} on ${spec.description}: ${describeError(error)}`, { store: spec.description });
      }
      if (status !== 200 || answer.error !== undefined) {
        throw storeError(ZVT_ERR_STORE_OPEN, `${spec.description} refused CREATE TABLE ${table.table}: HTTP ${status} ${answer.error ?? ''}`, { store: spec.description, status });
      }
    }
    return new QuestDbStore(spec, new Sender(senderOptions));
  }

  write(batch: StoreBatch): Promise<StoreWriteResult> {
    return this.serialised(async () => {
      try {
        await encodeIlpBatch(this.sender, batch);
      } catch (error) {
        // Half a batch must never ride along with the next one.
        this.sender.reset();
        if (isZvtError(error, ZVT_ERR_STORE_VALUE)) throw error;
        throw storeError(ZVT_ERR_STORE_VALUE, `${this.description}: cannot encode the batch: ${describeError(error)}`);
      }
      try {
        await this.sender.flush();
      } catch (error) {
        this.sender.reset();
        throw storeError(ZVT_ERR_STORE_WRITE, `${this.description}: the batch was not confirmed: ${describeError(error)}`, { store: this.description });
      }
      return { rows: batchRowCount(batch), changedRows: null };
    });
  }

  count(table: TableName): Promise<number> {
    return this.serialised(async () => {
      const spec = TABLES[table];
      const sql = hasLevels(spec) ? `SELECT count() FROM (SELECT DISTINCT ${spec.key.join(', ')} FROM ${spec.table})` : `SELECT count() FROM ${spec.table}`;
      const dataset = await this.query(sql);
      const value = dataset[0]?.[0];
      if (typeof value !== 'number') throw storeError(ZVT_ERR_STORE_QUERY, `${this.description}: count of ${table} answered ${JSON.stringify(value)}`);
      return value;
    });
  }

  /**
   * WHERE on venue, symbol, timeframe and the designated timestamp (QuestDB skips the partitions
   * outside the range), ORDER BY the key (descending for `newest`, reversed here), LIMIT. Book
   * snapshots are several rows each (one per level), so their LIMIT cannot count rows: a first
   * query picks the snapshots' keys, the second reads only their levels.
   */
  read<T extends TableName>(table: T, options?: ReadOptions): Promise<TableRows[T][]> {
    return this.serialised(async () => {
      const read = resolveReadOptions(table, options);
      const spec = read.spec;
      const plain = spec.columns.filter((column) => column.type !== 'levels');
      const where = questDbWhere(read);
      const direction = read.newest ? ' DESC' : '';
      const keyOrderSql = keyOrder(spec).map((column) => `${column}${direction}`);
      const limit = read.limit === undefined ? '' : ` LIMIT ${read.limit}`;
      if (!hasLevels(spec)) {
        // Decimals as text: /exec would print them as JSON numbers, which JSON.parse turns into floats.
        const selected = plain.map((column) => (column.type === 'decimal' ? `CAST(${column.column} AS VARCHAR) ${column.column}` : column.column));
        const dataset = await this.query(`SELECT ${selected.join(', ')} FROM ${spec.table}${sqlWhere(where)} ORDER BY ${keyOrderSql.join(', ')}${limit}`);
        const rows = dataset.map((values) => rowFromValues(plain, values, this.description));
        return (read.newest ? rows.reverse() : rows) as unknown as TableRows[T][];
      }
      let wanted: Set<string> | undefined;
      if (read.limit !== undefined) {
        const keys = await this.query(`SELECT DISTINCT ${keyOrder(spec).join(', ')} FROM ${spec.table}${sqlWhere(where)} ORDER BY ${keyOrderSql.join(', ')}${limit}`);
        if (keys.length === 0) return [];
        const order = keyOrder(spec);
        const time = order.indexOf(spec.timestamp);
        const times = keys.map((values) => isoToEpochNs(values[time], this.description));
        const first = times.reduce((a, b) => (b < a ? b : a));
        const last = times.reduce((a, b) => (b > a ? b : a));
        where.push(`${spec.timestamp} >= '${epochNsToIso(first)}'`, `${spec.timestamp} <= '${epochNsToIso(last)}'`);
        wanted = new Set(keys.map((values, index) => order.map((column, at) => (at === time ? String(times[index]) : String(values[at]))).join('\u0000')));
      }
      const selected = [...plain.map((column) => (column.type === 'decimal' ? `CAST(${column.column} AS VARCHAR) ${column.column}` : column.column)), 'side', 'level', 'CAST(price AS VARCHAR) price', 'CAST(size AS VARCHAR) size'];
      const dataset = await this.query(`SELECT ${selected.join(', ')} FROM ${spec.table}${sqlWhere(where)} ORDER BY ${[...keyOrder(spec), 'side', 'level'].join(', ')}`);
      const rows = groupLevels(spec, plain, dataset, this.description);
      if (wanted === undefined) return rows as unknown as TableRows[T][];
      const fields = keyOrder(spec).map((name) => spec.columns.find((column) => column.column === name)!.field);
      const kept = rows.filter((row) => wanted.has(fields.map((field) => String(row[field])).join('\u0000')));
      return kept as unknown as TableRows[T][];
    });
  }

  candleOpenTimes(query: CandleSeriesQuery): Promise<bigint[]> {
    return this.serialised(async () => {
      const sql =
        `SELECT ts_open_ns FROM candles WHERE venue = ${sqlText(query.venue)} AND symbol = ${sqlText(query.symbol)}` +
        ` AND timeframe = ${sqlText(query.timeframe)} AND ts_open_ns >= '${epochNsToIso(query.fromNs)}' AND ts_open_ns < '${epochNsToIso(query.toNs)}'` +
        ' ORDER BY ts_open_ns';
      const dataset = await this.query(sql);
      return dataset.map((values) => isoToEpochNs(values[0], this.description));
    });
  }

  tradeTimeBounds(query: TradeRangeQuery): Promise<{ minNs: bigint; maxNs: bigint } | null> {
    return this.serialised(async () => {
      const sql =
        `SELECT min(ts_event_ns), max(ts_event_ns) FROM trades WHERE venue = ${sqlText(query.venue)} AND symbol = ${sqlText(query.symbol)}` +
        ` AND ts_event_ns >= '${epochNsToIso(query.fromNs)}' AND ts_event_ns < '${epochNsToIso(query.toNs)}'`;
      const [row] = await this.query(sql);
      if (row === undefined || row[0] === null || row[1] === null) return null;
      return { minNs: isoToEpochNs(row[0], this.description), maxNs: isoToEpochNs(row[1], this.description) };
    });
  }

  close(): Promise<void> {
    return this.serialised(async () => {
      this.closed = true;
      await this.sender.close();
    });
  }

  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.closed) throw storeError(ZVT_ERR_STORE_CLOSED, `${this.description} is closed`);
      return operation();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async query(sql: string): Promise<unknown[][]> {
    let status: number;
    let body: QuestDbExecResponse;
    try {
      ({ status, body } = await questDbExec(this.spec, sql));
    } catch (error) {
      throw storeError(ZVT_ERR_STORE_QUERY, `${this.description}: query failed: ${describeError(error)}`, { sql });
    }
    if (status !== 200 || body.error !== undefined || !Array.isArray(body.dataset)) {
      throw storeError(ZVT_ERR_STORE_QUERY, `${this.description}: query failed: HTTP ${status} ${body.error ?? 'no dataset'}`, { sql, status });
    }
    return body.dataset;
  }
}

/** The WHERE terms of a read: text escaped, time bounds as ISO nanosecond literals (exact, as QuestDB compares TIMESTAMP_NS). */
function questDbWhere(read: ResolvedReadOptions): string[] {
  const where: string[] = [];
  if (read.venue !== undefined) where.push(`venue = ${sqlText(read.venue)}`);
  if (read.symbol !== undefined) where.push(`symbol = ${sqlText(read.symbol)}`);
  if (read.timeframe !== undefined) where.push(`timeframe = ${sqlText(read.timeframe)}`);
  if (read.fromNs !== undefined) where.push(`${read.spec.timestamp} >= '${epochNsToIso(read.fromNs)}'`);
  if (read.toNs !== undefined) where.push(`${read.spec.timestamp} < '${epochNsToIso(read.toNs)}'`);
  return where;
}

function sqlWhere(where: readonly string[]): string {
  return where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function rowFromValues(columns: readonly ColumnSpec[], values: readonly unknown[], store: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    row[column.field] = fromQuestDbValue(column, values[index], store);
  });
  return row;
}

/** Per-level rows of one snapshot (same key) back into one row with bid and ask level lists. */
function groupLevels(spec: TableSpec, plain: readonly ColumnSpec[], dataset: readonly unknown[][], store: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const keyIndexes = spec.key.map((name) => plain.findIndex((column) => column.column === name));
  let current: Record<string, unknown> | undefined;
  let currentKey = '';
  for (const values of dataset) {
    const key = keyIndexes.map((index) => String(values[index])).join('\u0000');
    if (current === undefined || key !== currentKey) {
      current = rowFromValues(plain, values, store);
      for (const column of spec.columns) if (column.type === 'levels') current[column.field] = [];
      rows.push(current);
      currentKey = key;
    }
    const [side, , price, size] = values.slice(plain.length);
    const levelsColumn = spec.columns.find((column) => column.type === 'levels' && column.column === side);
    if (levelsColumn === undefined) throw storeError(ZVT_ERR_STORE_QUERY, `${store}: ${spec.table} has a level on side ${JSON.stringify(side)}`);
    (current[levelsColumn.field] as BookLevel[]).push([decimalFrom(price, store), decimalFrom(size, store)]);
  }
  return rows;
}

function fromQuestDbValue(column: ColumnSpec, value: unknown, store: string): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'decimal':
      return decimalFrom(value, store);
    case 'timestamp':
      return isoToEpochNs(value, store);
    case 'int':
    case 'long':
      if (typeof value !== 'number') throw unexpected(column, value, store);
      return value;
    default:
      if (typeof value !== 'string') throw unexpected(column, value, store);
      return value;
  }
}

function decimalFrom(value: unknown, store: string): string {
  if (typeof value !== 'string') throw storeError(ZVT_ERR_STORE_QUERY, `${store}: expected decimal text, got ${JSON.stringify(value)}`);
  return canonicalDecimal(value, () => {
    throw storeError(ZVT_ERR_STORE_QUERY, `${store}: ${JSON.stringify(value)} is not decimal text`);
  });
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** `2021-10-12T10:00:00.123456789Z` → epoch ns, digit by digit (Date would drop everything below a millisecond). */
function isoToEpochNs(value: unknown, store: string): bigint {
  const match = typeof value === 'string' ? ISO_TIMESTAMP.exec(value) : null;
  if (match === null) throw storeError(ZVT_ERR_STORE_QUERY, `${store}: expected an ISO timestamp, got ${JSON.stringify(value)}`);
  const seconds = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])) / 1000;
  return BigInt(seconds) * 1_000_000_000n + BigInt((match[7] ?? '').padEnd(9, '0'));
}

/** Epoch ns → `2021-10-12T10:00:00.123456789Z`, the literal QuestDB compares TIMESTAMP_NS columns with. */
function epochNsToIso(epochNs: bigint): string {
  const seconds = epochNs / 1_000_000_000n - (epochNs % 1_000_000_000n < 0n ? 1n : 0n);
  const nanos = epochNs - seconds * 1_000_000_000n;
  const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${date}.${nanos.toString().padStart(9, '0')}Z`;
}

function unexpected(column: ColumnSpec, value: unknown, store: string): Error {
  return storeError(ZVT_ERR_STORE_QUERY, `${store}: column ${column.column} answered ${JSON.stringify(value)}`);
}
