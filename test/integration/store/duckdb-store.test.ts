// DuckDB store against a real database file: DDL on open, exact round trip, idempotent writes, atomic batches, lock errors.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isZvtError } from '../../../src/model/errors.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { holdDuckDbLock } from '../../helpers/duckdb-lock.js';
import { SAMPLE_AUDIT, SAMPLE_BOOK, SAMPLE_CANDLE, SAMPLE_FILL, SAMPLE_ORDER, sampleBatch, sampleQuote, sampleTrade } from '../../helpers/store-rows.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
});

async function open(path: string): Promise<Store> {
  const store = await openStore(`duckdb:${path}`);
  opened.push(store);
  return store;
}

function tempPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'zvt-duckdb-')), 'nested', 'dir', 'zvt.duckdb');
}

describe('DuckDbStore', () => {
  it('creates the file, its directories and every table on open', async () => {
    const path = tempPath();
    const store = await open(path);
    expect(existsSync(path)).toBe(true);
    for (const table of ['trades', 'quotes', 'book_snapshots', 'candles', 'orders', 'fills', 'audit'] as const) expect(await store.count(table)).toBe(0);
  });

  it('reads back exactly what it wrote in every table: decimals at full DECIMAL(38,18) range, nanosecond timestamps, nulls', async () => {
    const store = await open(tempPath());
    const batch = sampleBatch(5, 4);
    const result = await store.write(batch);
    expect(result).toEqual({ rows: 5 + 4 + 5, changedRows: 5 + 4 + 5 });
    expect(await store.read('trades')).toEqual(batch.trades);
    expect(await store.read('quotes')).toEqual([...batch.quotes!].sort((a, b) => Number(a.tsRecvNs - b.tsRecvNs)));
    expect(await store.read('book_snapshots')).toEqual([SAMPLE_BOOK]);
    expect(await store.read('candles')).toEqual([SAMPLE_CANDLE]);
    expect(await store.read('orders')).toEqual([SAMPLE_ORDER]);
    expect(await store.read('fills')).toEqual([SAMPLE_FILL]);
    expect(await store.read('audit')).toEqual([SAMPLE_AUDIT]);
    expect(await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT', limit: 2 })).toEqual(batch.trades!.slice(0, 2));
    expect(await store.read('trades', { venue: 'okx' })).toEqual([]);
  });

  it('never duplicates a natural key: a replayed batch adds nothing, duplicates inside one batch collapse', async () => {
    const path = tempPath();
    const store = await open(path);
    const batch = sampleBatch(100, 50);
    await store.write(batch);
    // Only the candle, a `replace` row, is rewritten; every fact is ignored.
    expect(await store.write(batch)).toEqual({ rows: 155, changedRows: 1 });
    // The same trade id at another time is another trade; the same key in one batch is one row.
    const sameIdLater = sampleTrade(0, { tsEventNs: sampleTrade(0).tsEventNs + 1n });
    expect(await store.write({ trades: [sameIdLater, sameIdLater, sampleTrade(1)], quotes: [sampleQuote(0), sampleQuote(0, { seq: 1 })] })).toEqual({ rows: 5, changedRows: 2 });
    expect(await store.count('trades')).toBe(101);
    expect(await store.count('quotes')).toBe(51);
    // First write wins for facts: a second row with an existing key (even different content) is ignored.
    await store.write({ trades: [sampleTrade(2, { price: '1' })] });
    expect((await store.read('trades')).find((row) => row.tradeId === '1002')!.price).toBe('60002.5');
    await store.close();
    const reopened = await open(path);
    expect(await reopened.count('trades')).toBe(101);
  });

  it('replaces a candle written again (a bar is revised until it closes); the last revision in one batch wins', async () => {
    const store = await open(tempPath());
    await store.write({ candles: [SAMPLE_CANDLE] });
    await store.write({ candles: [{ ...SAMPLE_CANDLE, close: '2.25', tradeCount: 43 }, { ...SAMPLE_CANDLE, close: '2.5', high: '2.5', tradeCount: 44 }] });
    expect(await store.read('candles')).toEqual([{ ...SAMPLE_CANDLE, close: '2.5', high: '2.5', tradeCount: 44 }]);
  });

  it('rejects a value that does not fit (ZVT_ERR_STORE_VALUE) and writes nothing of that batch', async () => {
    const store = await open(tempPath());
    const tooPrecise = sampleTrade(1, { price: '1.0000000000000000001' });
    const error = await store.write({ trades: [sampleTrade(0), tooPrecise], quotes: [sampleQuote(0)] }).catch((caught: unknown) => caught);
    expect(isZvtError(error, 'ZVT_ERR_STORE_VALUE')).toBe(true);
    expect(String(error)).toContain('trades.price');
    for (const bad of [{ price: '1e5' }, { price: '' }, { size: '123456789012345678901' }, { tsEventNs: -1n }, { flags: 1.5 }]) {
      const caught = await store.write({ trades: [sampleTrade(2, bad as never)] }).catch((thrown: unknown) => thrown);
      expect(isZvtError(caught, 'ZVT_ERR_STORE_VALUE'), JSON.stringify(bad, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).toBe(true);
    }
    // Trailing zeros beyond the scale are exact, not rounding: accepted and stored canonically.
    await store.write({ trades: [sampleTrade(3, { price: '007.50000000000000000000' })] });
    expect(await store.read('trades')).toEqual([sampleTrade(3, { price: '7.5' })]);
    expect(await store.count('quotes')).toBe(0);
  });

  it('fails to open with ZVT_ERR_STORE_OPEN (locked) while another process holds the file, and opens once it lets go', async () => {
    const path = tempPath();
    const first = await open(path);
    await first.write({ trades: [sampleTrade(0)] });
    await first.close();
    const lock = await holdDuckDbLock(path);
    try {
      const error = await openStore(`duckdb:${path}`).catch((caught: unknown) => caught);
      expect(isZvtError(error, 'ZVT_ERR_STORE_OPEN')).toBe(true);
      expect((error as { details: { locked: boolean } }).details.locked).toBe(true);
    } finally {
      await lock.release();
    }
    const store = await open(path);
    expect(await store.read('trades')).toEqual([sampleTrade(0)]);
  });

  it('refuses calls after close with ZVT_ERR_STORE_CLOSED', async () => {
    const store = await openStore('duckdb::memory:');
    await store.close();
    await expect(store.count('trades')).rejects.toMatchObject({ code: 'ZVT_ERR_STORE_CLOSED' });
  });
});
