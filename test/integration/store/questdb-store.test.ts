// QuestDB store through the real @questdb/nodejs-client against a local ILP/HTTP endpoint that parses and checks every line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZvtError } from '../../../src/model/errors.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { auditLine, bookLines, candleLine, fillLine, orderLine, quoteLine, tradeLine } from '../../helpers/expected-ilp-lines.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';
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
