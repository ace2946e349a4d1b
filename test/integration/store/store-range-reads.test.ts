// Store.read's range options (fromNs/toNs, timeframe, newest+limit) applied by the database: DuckDB on a real file, QuestDB by the exact SQL sent to /exec.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isZvtError } from '../../../src/model/errors.js';
import { ZVT_ERR_STORE_READ_OPTION } from '../../../src/store/errors.js';
import { openStore } from '../../../src/store/open-store.js';
import type { ReadOptions, Store } from '../../../src/store/store.js';
import type { BookSnapshotRow, CandleRow, TradeRow } from '../../../src/store/store-rows.js';
import type { TableName } from '../../../src/store/store-tables.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';
import { SAMPLE_AUDIT, sampleTrade } from '../../helpers/store-rows.js';

const opened: Store[] = [];
const fakes: FakeQuestDb[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  for (const fake of fakes.splice(0)) await fake.close();
});

const MINUTE_NS = 60_000_000_000n;
const T0_NS = BigInt(Date.UTC(2025, 0, 1)) * 1_000_000n;

function candle(minute: number, overrides: Partial<CandleRow> = {}): CandleRow {
  return { venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: T0_NS + BigInt(minute) * MINUTE_NS, open: '1', high: '2', low: '1', close: `${minute}.5`, volume: '3', tradeCount: minute, ...overrides };
}

/** 1m candles at minutes 0..9 and 5m candles at 0 and 5 of okx BTC-USDT, plus neighbours in other series that no read below may return. */
const CANDLES: CandleRow[] = [
  ...Array.from({ length: 10 }, (_, minute) => candle(minute)),
  candle(0, { timeframe: '5m' }),
  candle(5, { timeframe: '5m' }),
  candle(3, { symbol: 'ETH-USDT' }),
  candle(2, { venue: 'binance' }),
];

/** Trades 0..5 at nanosecond-precise times, two of them (1003a, 1003b) at the same instant: the key's trade_id orders them. */
const TRADES: TradeRow[] = [
  ...[0, 1, 2, 3, 4, 5].map((index) => sampleTrade(index)),
  sampleTrade(3, { tradeId: '1003a' }),
  sampleTrade(3, { tradeId: '1003b' }),
  sampleTrade(1, { symbol: 'ETH-USDT' }),
];
const TRADES_IN_ORDER: TradeRow[] = [0, 1, 2, 3, 6, 7, 4, 5].map((index) => TRADES[index]!);

function book(index: number, overrides: Partial<BookSnapshotRow> = {}): BookSnapshotRow {
  return { venue: 'coinbase', symbol: 'BTC-USD', tsEventNs: null, tsRecvNs: T0_NS + BigInt(index) * 1_000_000_000n, depth: 2, bids: [[`${100 + index}`, '1']], asks: [[`${101 + index}`, '2']], flags: 0, ...overrides };
}

async function openDuckDb(): Promise<Store> {
  const store = await openStore(`duckdb:${join(mkdtempSync(join(tmpdir(), 'zvt-range-')), 'zvt.duckdb')}`);
  opened.push(store);
  return store;
}

async function expectReadOption(promise: Promise<unknown>, option: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isZvtError(error, ZVT_ERR_STORE_READ_OPTION), String(error)).toBe(true);
  expect((error as Error & { details: { option: string } }).details.option).toBe(option);
}

/** Options every backend must refuse before asking the database, with the option named. */
const BAD_OPTIONS: [TableName, ReadOptions, string][] = [
  ['trades', { timeframe: '1m' }, 'timeframe'],
  ['candles', { timeframe: '2m' }, 'timeframe'],
  ['audit', { venue: 'binance' }, 'venue'],
  ['audit', { symbol: 'BTC-USDT' }, 'symbol'],
  ['trades', { fromNs: 10n, toNs: 9n }, 'toNs'],
  ['trades', { fromNs: 1_000 as unknown as bigint }, 'fromNs'],
  ['trades', { limit: -1 }, 'limit'],
  ['trades', { limit: 1.5 }, 'limit'],
  ['trades', { newest: 'yes' as unknown as boolean }, 'newest'],
];

describe('Store.read ranges on DuckDB', () => {
  it('without the new options reads as before: whole table in key order, limit from the oldest', async () => {
    const store = await openDuckDb();
    await store.write({ trades: TRADES, candles: CANDLES });
    const btc = await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT' });
    expect(btc).toEqual(TRADES_IN_ORDER);
    expect(await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT', limit: 3 })).toEqual(TRADES_IN_ORDER.slice(0, 3));
    expect(await store.read('candles')).toHaveLength(CANDLES.length);
  });

  it('[fromNs, toNs) on the time column: from inclusive, to exclusive, to the nanosecond', async () => {
    const store = await openDuckDb();
    await store.write({ trades: TRADES, candles: CANDLES });
    const series = { venue: 'okx', symbol: 'BTC-USDT' };
    // Minutes 2 to 5 inclusive: the 1m candles and the 5m candle at minute 5, ordered by open time then timeframe.
    expect(await store.read('candles', { ...series, fromNs: candle(2).tsOpenNs, toNs: candle(6).tsOpenNs })).toEqual([candle(2), candle(3), candle(4), candle(5), candle(5, { timeframe: '5m' })]);
    expect(await store.read('candles', { ...series, fromNs: candle(2).tsOpenNs + 1n, toNs: candle(5).tsOpenNs })).toEqual([candle(3), candle(4)]);
    expect(await store.read('candles', { ...series, toNs: candle(1).tsOpenNs })).toEqual([candle(0), candle(0, { timeframe: '5m' })]);
    expect(await store.read('candles', { ...series, fromNs: candle(9).tsOpenNs })).toEqual([candle(9)]);
    expect(await store.read('candles', { ...series, fromNs: candle(4).tsOpenNs, toNs: candle(4).tsOpenNs })).toEqual([]);
    const trade3 = TRADES[3]!.tsEventNs;
    expect(await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT', fromNs: trade3, toNs: trade3 + 1n })).toEqual([TRADES[3], TRADES[6], TRADES[7]]);
    expect(await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT', fromNs: trade3 - 1n, toNs: trade3 })).toEqual([]);
  });

  it('timeframe selects one candle series', async () => {
    const store = await openDuckDb();
    await store.write({ candles: CANDLES });
    expect(await store.read('candles', { venue: 'okx', symbol: 'BTC-USDT', timeframe: '5m' })).toEqual([candle(0, { timeframe: '5m' }), candle(5, { timeframe: '5m' })]);
    expect(await store.read('candles', { venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', fromNs: candle(8).tsOpenNs })).toEqual([candle(8), candle(9)]);
    expect(await store.read('candles', { venue: 'okx', symbol: 'BTC-USDT', timeframe: '1h' })).toEqual([]);
  });

  it('newest + limit: the last rows of the range, returned oldest first; ties broken by the rest of the key', async () => {
    const store = await openDuckDb();
    await store.write({ trades: TRADES, candles: CANDLES });
    const btc = { venue: 'binance', symbol: 'BTC-USDT' };
    expect(await store.read('trades', { ...btc, limit: 3, newest: true })).toEqual(TRADES_IN_ORDER.slice(-3));
    expect(await store.read('trades', { ...btc, toNs: TRADES[4]!.tsEventNs, limit: 2, newest: true })).toEqual([TRADES[6], TRADES[7]]);
    expect(await store.read('trades', { ...btc, newest: true })).toEqual(TRADES_IN_ORDER);
    expect(await store.read('trades', { ...btc, limit: 0, newest: true })).toEqual([]);
    expect(await store.read('candles', { venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', fromNs: candle(2).tsOpenNs, toNs: candle(7).tsOpenNs, limit: 2, newest: true })).toEqual([candle(5), candle(6)]);
  });

  it('book snapshots: range and newest + limit count snapshots, levels regrouped', async () => {
    const store = await openDuckDb();
    const books = [0, 1, 2, 3].map((index) => book(index));
    await store.write({ bookSnapshots: books });
    expect(await store.read('book_snapshots', { fromNs: books[1]!.tsRecvNs, toNs: books[3]!.tsRecvNs })).toEqual([books[1], books[2]]);
    expect(await store.read('book_snapshots', { limit: 2, newest: true })).toEqual([books[2], books[3]]);
  });

  it('refuses options a table cannot take and malformed values with ZVT_ERR_STORE_READ_OPTION, and keeps answering', async () => {
    const store = await openDuckDb();
    await store.write({ trades: TRADES, audit: [SAMPLE_AUDIT] });
    for (const [table, options, option] of BAD_OPTIONS) await expectReadOption(store.read(table, options), option);
    expect(await store.read('audit')).toEqual([SAMPLE_AUDIT]);
    expect(await store.read('audit', { fromNs: SAMPLE_AUDIT.tsNs, toNs: SAMPLE_AUDIT.tsNs + 1n })).toEqual([SAMPLE_AUDIT]);
  });
});

describe('Store.read ranges on QuestDB (/exec)', () => {
  async function openQuestDb(): Promise<{ store: Store; fake: FakeQuestDb }> {
    const fake = await FakeQuestDb.start();
    fakes.push(fake);
    const store = await openStore(`questdb:${fake.clientConfig('')}`);
    opened.push(store);
    return { store, fake };
  }

  const TRADE_COLUMNS = 'ts_event_ns, venue, symbol, trade_id, side, CAST(price AS VARCHAR) price, CAST(size AS VARCHAR) size, ts_recv_ns, flags';
  const CANDLE_COLUMNS = 'ts_open_ns, venue, symbol, timeframe, CAST(open AS VARCHAR) open, CAST(high AS VARCHAR) high, CAST(low AS VARCHAR) low, CAST(close AS VARCHAR) close, CAST(volume AS VARCHAR) volume, trade_count';

  it('without the new options sends the same query as before', async () => {
    const { store, fake } = await openQuestDb();
    fake.onQuery = (sql) => (sql === `SELECT ${TRADE_COLUMNS} FROM trades WHERE venue = 'binance' ORDER BY venue, symbol, ts_event_ns, trade_id LIMIT 2` ? { status: 200, body: { dataset: [] } } : undefined);
    expect(await store.read('trades', { venue: 'binance', limit: 2 })).toEqual([]);
  });

  it('newest + limit + range: ISO nanosecond bounds, descending order and LIMIT in SQL; rows come back oldest first, exact to the nanosecond', async () => {
    const { store, fake } = await openQuestDb();
    fake.onQuery = (sql) =>
      sql ===
      `SELECT ${TRADE_COLUMNS} FROM trades WHERE venue = 'binance' AND symbol = 'BTC-USDT' AND ts_event_ns >= '2025-10-09T08:53:20.123456789Z' AND ts_event_ns < '2025-10-09T08:53:20.128456790Z'` +
        ' ORDER BY venue DESC, symbol DESC, ts_event_ns DESC, trade_id DESC LIMIT 2'
        ? {
            status: 200,
            body: {
              dataset: [
                ['2025-10-09T08:53:20.127456789Z', 'binance', 'BTC-USDT', '1004', 'buy', '60004.500000000000000000', '0.000123450000000000', '2025-10-09T08:53:20.127457566Z', 0],
                ['2025-10-09T08:53:20.126456789Z', 'binance', 'BTC-USDT', '1003b', 'sell', '60003.5', '0.00012345', '2025-10-09T08:53:20.126457566Z', 0],
              ],
            },
          }
        : undefined;
    const rows = await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT', fromNs: TRADES[0]!.tsEventNs, toNs: TRADES[5]!.tsEventNs + 1n, limit: 2, newest: true });
    expect(rows).toEqual([TRADES[7], TRADES[4]]);
  });

  it('timeframe and text values are escaped SQL literals; without newest the order stays ascending', async () => {
    const { store, fake } = await openQuestDb();
    fake.onQuery = (sql) =>
      sql ===
      `SELECT ${CANDLE_COLUMNS} FROM candles WHERE venue = 'okx' AND symbol = 'O''BRIEN-USDT' AND timeframe = '5m' AND ts_open_ns >= '2025-01-01T00:00:00.000000000Z' ORDER BY venue, symbol, ts_open_ns, timeframe LIMIT 1`
        ? { status: 200, body: { dataset: [['2025-01-01T00:05:00.000000Z', 'okx', "O'BRIEN-USDT", '5m', '1', '2', '1', '5.5', '3', 5]] } }
        : undefined;
    expect(await store.read('candles', { venue: 'okx', symbol: "O'BRIEN-USDT", timeframe: '5m', fromNs: T0_NS, limit: 1 })).toEqual([candle(5, { timeframe: '5m', symbol: "O'BRIEN-USDT" })]);
  });

  it('book snapshots with a limit: one query picks the snapshot keys, the second reads only their levels', async () => {
    const { store, fake } = await openQuestDb();
    const keysSql = `SELECT DISTINCT venue, symbol, ts_recv_ns FROM book_snapshots WHERE venue = 'coinbase' ORDER BY venue DESC, symbol DESC, ts_recv_ns DESC LIMIT 2`;
    const levelsSql =
      "SELECT ts_recv_ns, venue, symbol, ts_event_ns, depth, flags, side, level, CAST(price AS VARCHAR) price, CAST(size AS VARCHAR) size FROM book_snapshots WHERE venue = 'coinbase'" +
      " AND ts_recv_ns >= '2025-01-01T00:00:02.000000000Z' AND ts_recv_ns <= '2025-01-01T00:00:03.000000000Z' ORDER BY venue, symbol, ts_recv_ns, side, level";
    fake.onQuery = (sql) => {
      if (sql === keysSql) {
        return {
          status: 200,
          body: {
            dataset: [
              ['coinbase', 'BTC-USD', '2025-01-01T00:00:03.000000Z'],
              ['coinbase', 'BTC-USD', '2025-01-01T00:00:02.000000Z'],
            ],
          },
        };
      }
      if (sql === levelsSql) {
        // ADA-USD at second 2 lies in the time window but is not one of the picked snapshots (it sorts after them, descending).
        const levels = (index: number, symbol = 'BTC-USD'): unknown[][] => [
          [`2025-01-01T00:00:0${index}.000000Z`, 'coinbase', symbol, null, 2, 0, 'ask', 0, `${101 + index}`, '2'],
          [`2025-01-01T00:00:0${index}.000000Z`, 'coinbase', symbol, null, 2, 0, 'bid', 0, `${100 + index}`, '1'],
        ];
        return { status: 200, body: { dataset: [...levels(2, 'ADA-USD'), ...levels(2), ...levels(3)] } };
      }
      return undefined;
    };
    expect(await store.read('book_snapshots', { venue: 'coinbase', limit: 2, newest: true })).toEqual([book(2), book(3)]);
    expect(fake.queries.filter((sql) => sql.includes('book_snapshots') && !sql.startsWith('CREATE'))).toEqual([keysSql, levelsSql]);
  });

  it('refuses bad options before sending any query', async () => {
    const { store, fake } = await openQuestDb();
    const before = fake.queries.length;
    for (const [table, options, option] of BAD_OPTIONS) await expectReadOption(store.read(table, options), option);
    expect(fake.queries.length).toBe(before);
  });
});
