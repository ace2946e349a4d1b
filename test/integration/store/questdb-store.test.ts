// QuestDB store through the real @questdb/nodejs-client against a local ILP/HTTP endpoint that parses and checks every line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZvtError } from '../../../src/model/errors.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import type { AuditRow, BookSnapshotRow, CandleRow, FillRow, OrderRow, QuoteRow, TradeRow } from '../../../src/store/store-rows.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';
import type { IlpField, IlpLine } from '../../helpers/ilp-line.js';
import { SAMPLE_AUDIT, SAMPLE_BOOK, SAMPLE_CANDLE, SAMPLE_FILL, SAMPLE_ORDER, sampleBatch, sampleQuote, sampleTrade } from '../../helpers/store-rows.js';

let fake: FakeQuestDb;
const opened: Store[] = [];

beforeEach(async () => {
  fake = await FakeQuestDb.start();
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await fake.close();
});

async function open(extra = ''): Promise<Store> {
  const store = await openStore(`questdb:${fake.clientConfig(extra)}`);
  opened.push(store);
  return store;
}

// Expected ILP content, written out per table from the rows (not from the store's table specs).
const decimal = (value: string): IlpField => ({ type: 'decimal', value });
const int = (value: number): IlpField => ({ type: 'int', value: BigInt(value) });
const text = (value: string): IlpField => ({ type: 'string', value });
const nanos = (value: bigint): IlpField => ({ type: 'timestamp_ns', value });

function tradeLine(row: TradeRow): IlpLine {
  return {
    table: 'trades',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side },
    fields: { trade_id: text(row.tradeId), price: decimal(row.price), size: decimal(row.size), ts_recv_ns: nanos(row.tsRecvNs), flags: int(row.flags) },
    timestamp: row.tsEventNs,
  };
}

function quoteLine(row: QuoteRow): IlpLine {
  return {
    table: 'quotes',
    symbols: { venue: row.venue, symbol: row.symbol },
    fields: {
      seq: int(row.seq),
      bid_price: decimal(row.bidPrice),
      bid_size: decimal(row.bidSize),
      ask_price: decimal(row.askPrice),
      ask_size: decimal(row.askSize),
      // A quote without venue time leaves the column out: QuestDB stores NULL.
      ...(row.tsEventNs === null ? {} : { ts_event_ns: nanos(row.tsEventNs) }),
      flags: int(row.flags),
    },
    timestamp: row.tsRecvNs,
  };
}

function bookLines(row: BookSnapshotRow): IlpLine[] {
  const sides = [
    ['bid', row.bids],
    ['ask', row.asks],
  ] as const;
  return sides.flatMap(([side, levels]) =>
    levels.map((level, index) => ({
      table: 'book_snapshots',
      symbols: { venue: row.venue, symbol: row.symbol, side },
      fields: { ...(row.tsEventNs === null ? {} : { ts_event_ns: nanos(row.tsEventNs) }), depth: int(row.depth), flags: int(row.flags), level: int(index), price: decimal(level[0]), size: decimal(level[1]) },
      timestamp: row.tsRecvNs,
    })),
  );
}

function candleLine(row: CandleRow): IlpLine {
  return {
    table: 'candles',
    symbols: { venue: row.venue, symbol: row.symbol, timeframe: row.timeframe },
    fields: { open: decimal(row.open), high: decimal(row.high), low: decimal(row.low), close: decimal(row.close), volume: decimal(row.volume), trade_count: int(row.tradeCount) },
    timestamp: row.tsOpenNs,
  };
}

function orderLine(row: OrderRow): IlpLine {
  return {
    table: 'orders',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side, order_type: row.orderType, ...(row.timeInForce === null ? {} : { time_in_force: row.timeInForce }), status: row.status },
    fields: {
      client_order_id: text(row.clientOrderId),
      ...(row.venueOrderId === null ? {} : { venue_order_id: text(row.venueOrderId) }),
      revision: int(row.revision),
      ...(row.price === null ? {} : { price: decimal(row.price) }),
      quantity: decimal(row.quantity),
      filled_quantity: decimal(row.filledQuantity),
    },
    timestamp: row.tsEventNs,
  };
}

function fillLine(row: FillRow): IlpLine {
  return {
    table: 'fills',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side, ...(row.feeCurrency === null ? {} : { fee_currency: row.feeCurrency }), liquidity: row.liquidity },
    fields: {
      fill_id: text(row.fillId),
      client_order_id: text(row.clientOrderId),
      ...(row.venueOrderId === null ? {} : { venue_order_id: text(row.venueOrderId) }),
      price: decimal(row.price),
      size: decimal(row.size),
      ...(row.fee === null ? {} : { fee: decimal(row.fee) }),
      ts_recv_ns: nanos(row.tsRecvNs),
    },
    timestamp: row.tsEventNs,
  };
}

function auditLine(row: AuditRow): IlpLine {
  return { table: 'audit', symbols: { source: row.source, event: row.event }, fields: { seq: int(row.seq), detail: text(row.detail) }, timestamp: row.tsNs };
}

describe('QuestDbStore', () => {
  it('creates every table over /exec with a designated timestamp, SYMBOL columns, daily partitions and DEDUP UPSERT KEYS', async () => {
    await open();
    expect([...fake.tables.keys()]).toEqual(['trades', 'quotes', 'book_snapshots', 'candles', 'orders', 'fills', 'audit']);
    const trades = fake.tables.get('trades')!;
    expect(trades.timestamp).toBe('ts_event_ns');
    expect(trades.dedupKeys).toEqual(['ts_event_ns', 'venue', 'symbol', 'trade_id']);
    expect(Object.fromEntries(trades.columns)).toEqual({
      ts_event_ns: 'TIMESTAMP_NS',
      venue: 'SYMBOL',
      symbol: 'SYMBOL',
      trade_id: 'VARCHAR',
      side: 'SYMBOL',
      price: 'DECIMAL(38, 18)',
      size: 'DECIMAL(38, 18)',
      ts_recv_ns: 'TIMESTAMP_NS',
      flags: 'INT',
    });
    expect(fake.tables.get('quotes')!.dedupKeys).toEqual(['ts_recv_ns', 'venue', 'symbol', 'seq']);
    expect(fake.tables.get('book_snapshots')!.dedupKeys).toEqual(['ts_recv_ns', 'venue', 'symbol', 'side', 'level']);
    expect(fake.tables.get('candles')!.dedupKeys).toEqual(['ts_open_ns', 'venue', 'symbol', 'timeframe']);
    for (const ddl of fake.ddl) expect(ddl).toContain('PARTITION BY DAY WAL');
  });

  it('sends a batch as one confirmed request whose every line is exactly the rows: symbols, decimals as text, ns timestamps, nulls left out', async () => {
    const store = await open();
    const batch = sampleBatch(3, 3);
    expect(await store.write(batch)).toEqual({ rows: 11, changedRows: null });
    expect(fake.lineErrors).toEqual([]);
    expect(fake.writes).toHaveLength(1);
    expect(fake.writes[0]!.status).toBe(204);
    expect(fake.writes[0]!.lines).toEqual([
      ...batch.trades!.map(tradeLine),
      ...batch.quotes!.map(quoteLine),
      ...bookLines(SAMPLE_BOOK),
      candleLine(SAMPLE_CANDLE),
      orderLine(SAMPLE_ORDER),
      fillLine(SAMPLE_FILL),
      auditLine(SAMPLE_AUDIT),
    ]);
    expect(await store.count('trades')).toBe(3);
  });

  it('escapes what ILP needs escaped: symbols with spaces, commas and equals signs, ids with quotes and backslashes', async () => {
    const store = await open();
    const odd = sampleTrade(0, { venue: 'sim', symbol: 'A B,C=D', tradeId: 'id "1" \\ x, y=z' });
    await store.write({ trades: [odd] });
    expect(fake.lineErrors).toEqual([]);
    expect(fake.writes[0]!.lines).toEqual([tradeLine(odd)]);
  });

  it('writing a batch again changes nothing in the tables (DEDUP UPSERT KEYS), though it goes over the wire twice', async () => {
    const store = await open();
    const batch = { trades: [sampleTrade(0), sampleTrade(1)], quotes: [sampleQuote(0), sampleQuote(0, { seq: 1 })] };
    await store.write(batch);
    await store.write(batch);
    expect(fake.acceptedLineCount()).toBe(8);
    expect(fake.rowsOf('trades')).toEqual(batch.trades.map(tradeLine));
    expect(fake.rowsOf('quotes')).toEqual(batch.quotes.map(quoteLine));
  });

  it('on 400 reports ZVT_ERR_STORE_WRITE, commits nothing, and keeps nothing in the client buffer; the caller re-sends the rows', async () => {
    const store = await open();
    const batch = { trades: [sampleTrade(0), sampleTrade(1)] };
    fake.mode = { kind: 'status', status: 400 };
    const error = await store.write(batch).catch((caught: unknown) => caught);
    expect(isZvtError(error, 'ZVT_ERR_STORE_WRITE')).toBe(true);
    expect(String(error)).toContain('400');
    expect(fake.rowsOf('trades')).toEqual([]);
    fake.mode = { kind: 'accept' };
    await store.write(batch);
    // The retry carries the batch once: the failed request left nothing behind in the Sender.
    expect(fake.writes.at(-1)!.lines).toEqual(batch.trades.map(tradeLine));
    expect(fake.rowsOf('trades')).toEqual(batch.trades.map(tradeLine));
  });

  it('on 500 the client retries until retry_timeout, then ZVT_ERR_STORE_WRITE; nothing committed', async () => {
    const store = await open('retry_timeout=300;');
    fake.mode = { kind: 'status', status: 500 };
    const started = Date.now();
    await expect(store.write({ trades: [sampleTrade(0)] })).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_WRITE' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(fake.writes.length).toBeGreaterThan(1);
    expect(fake.writes.every((write) => write.status === 500)).toBe(true);
    expect(fake.rowsOf('trades')).toEqual([]);
  });

  it('refuses a value before sending anything (ZVT_ERR_STORE_VALUE) and leaves the buffer clean', async () => {
    const store = await open();
    await expect(store.write({ trades: [sampleTrade(0), sampleTrade(1, { size: '0.0000000000000000001' })] })).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_VALUE' });
    expect(fake.writes).toHaveLength(0);
    await store.write({ trades: [sampleTrade(2)] });
    expect(fake.writes[0]!.lines).toEqual([tradeLine(sampleTrade(2))]);
  });

  it('refuses a QuestDB without ILP v3 (no DECIMAL before 9.2), an unreachable server, TCP and auto_flush=on', async () => {
    fake.protocolVersions = [1, 2];
    await expect(openStore(`questdb:${fake.clientConfig()}`)).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_UNSUPPORTED' });
    const port = fake.port;
    await fake.kill({ commitStalled: false });
    await expect(openStore(`questdb:http::addr=127.0.0.1:${port};request_timeout=500;`)).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_OPEN' });
    await expect(openStore('questdb:tcp::addr=127.0.0.1:9009;')).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_SPEC' });
    await expect(openStore(`questdb:http::addr=127.0.0.1:${port};auto_flush=on;`)).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_SPEC' });
  });

  it('reads rows back through /exec: decimals cast to text, ISO nanosecond timestamps, per-level book rows regrouped', async () => {
    const store = await open();
    fake.onQuery = (sql) => {
      if (sql === "SELECT ts_recv_ns, venue, symbol, seq, CAST(bid_price AS VARCHAR) bid_price, CAST(bid_size AS VARCHAR) bid_size, CAST(ask_price AS VARCHAR) ask_price, CAST(ask_size AS VARCHAR) ask_size, ts_event_ns, flags FROM quotes WHERE venue = 'bybit' ORDER BY venue, symbol, ts_recv_ns, seq LIMIT 2") {
        return { status: 200, body: { dataset: [['2025-10-09T08:53:20.123456789Z', 'bybit', 'ETH-USDT-PERP', 0, '3000.010000000000000000', '12.500000000000000000', '3000.02', '0.001', null, 2]] } };
      }
      if (sql.startsWith('SELECT ts_recv_ns, venue, symbol, ts_event_ns, depth, flags, side, level, CAST(price AS VARCHAR) price')) {
        return {
          status: 200,
          body: {
            dataset: [
              ['2025-10-09T08:53:20.1Z', 'coinbase', 'BTC-USD', null, 3, 0, 'ask', 0, '101.0', '1'],
              ['2025-10-09T08:53:20.1Z', 'coinbase', 'BTC-USD', null, 3, 0, 'bid', 0, '100.5', '1'],
              ['2025-10-09T08:53:20.1Z', 'coinbase', 'BTC-USD', null, 3, 0, 'bid', 1, '100.25', '2'],
            ],
          },
        };
      }
      return undefined;
    };
    expect(await store.read('quotes', { venue: 'bybit', limit: 2 })).toEqual([sampleQuote(0, { tsRecvNs: 1_760_000_000_123_456_789n })]);
    expect(await store.read('book_snapshots')).toEqual([
      { venue: 'coinbase', symbol: 'BTC-USD', tsEventNs: null, tsRecvNs: 1_760_000_000_100_000_000n, depth: 3, flags: 0, bids: [['100.5', '1'], ['100.25', '2']], asks: [['101', '1']] },
    ]);
  });
});
