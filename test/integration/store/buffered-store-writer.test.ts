// BufferedStoreWriter against a QuestDB endpoint that fails: write order kept across memory, journal and retries;
// invalid batches set aside, not retried forever; flush and close semantics.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BufferedStoreWriter } from '../../../src/store/buffered-store-writer.js';
import { BatchJournal } from '../../../src/store/journal/batch-journal.js';
import { openStore } from '../../../src/store/open-store.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';
import { sampleTrade } from '../../helpers/store-rows.js';

const logger = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
let fake: FakeQuestDb | undefined;
let writer: BufferedStoreWriter | undefined;
afterEach(async () => {
  await writer?.close(100);
  await fake?.close();
  writer = undefined;
  fake = undefined;
});

function startWriter(store: string, journalDir: string, maxBufferedRows: number): BufferedStoreWriter {
  return new BufferedStoreWriter({ openStore: () => openStore(store), journalDir, maxBufferedRows, retryInitialMs: 10, retryMaxMs: 50, logger });
}

/** Trade ids of the batches as the server first committed them (a re-sent batch counts once). */
function committedOrder(server: FakeQuestDb): number[] {
  const seen = new Set<string>();
  const order: number[] = [];
  for (const write of server.writes) {
    if (write.status !== 204) continue;
    for (const line of write.lines) {
      const id = line.fields.trade_id!.value as string;
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(Number(id));
    }
  }
  return order;
}

describe('BufferedStoreWriter', () => {
  it('writes batches in enqueue order through failures, spills and the journal; flush answers false while down, true once confirmed', async () => {
    fake = await FakeQuestDb.start();
    const journalDir = join(mkdtempSync(join(tmpdir(), 'zvt-writer-')), 'journal');
    writer = startWriter(`questdb:${fake.clientConfig('retry_timeout=50;')}`, journalDir, 25);
    writer.enqueue({ trades: [sampleTrade(0), sampleTrade(1)] });
    expect(await writer.flush(5000)).toBe(true);
    fake.mode = { kind: 'status', status: 503 };
    // 40 batches of 2 rows: 25 rows fit in memory, the rest goes to the journal, in order.
    for (let batch = 1; batch <= 40; batch++) writer.enqueue({ trades: [sampleTrade(batch * 2), sampleTrade(batch * 2 + 1)] });
    expect(await writer.flush(300)).toBe(false);
    const down = writer.stats();
    expect(down.journal.pendingBatches).toBe(40);
    expect(down.bufferedRows).toBe(0);
    expect(down.writeFailures).toBeGreaterThan(0);
    fake.mode = { kind: 'accept' };
    expect(await writer.flush(10_000)).toBe(true);
    expect(committedOrder(fake)).toEqual(Array.from({ length: 82 }, (_, index) => 1000 + index));
    expect(writer.stats()).toMatchObject({ writtenRows: 82, enqueuedRows: 82, bufferedRows: 0, journal: { pendingBatches: 0 } });
  });

  it('sets an invalid batch aside in rejected/ and goes on (the store would refuse it forever)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvt-writer-'));
    const path = join(dir, 'store.duckdb');
    writer = startWriter(`duckdb:${path}`, join(dir, 'journal'), 1000);
    const bad = { trades: [sampleTrade(1, { price: '1.0000000000000000001' })] };
    writer.enqueue({ trades: [sampleTrade(0)] });
    writer.enqueue(bad);
    writer.enqueue({ trades: [sampleTrade(2)] });
    expect(await writer.flush(10_000)).toBe(true);
    expect(writer.stats()).toMatchObject({ writtenRows: 2, rejectedBatches: 1, rejectedRows: 1 });
    await writer.close(1000);
    writer = undefined;
    const rejected = BatchJournal.open(join(dir, 'journal', 'rejected'));
    expect(rejected.peek()).toEqual(bad);
    rejected.close();
    const store = await openStore(`duckdb:${path}`);
    expect((await store.read('trades')).map((row) => row.tradeId)).toEqual(['1000', '1002']);
    await store.close();
  });

  it('close() with the store down journals everything unconfirmed, and a later writer for the store writes it first', async () => {
    fake = await FakeQuestDb.start();
    const journalDir = join(mkdtempSync(join(tmpdir(), 'zvt-writer-')), 'journal');
    const store = `questdb:${fake.clientConfig('retry_timeout=50;')}`;
    fake.mode = { kind: 'status', status: 503 };
    writer = startWriter(store, journalDir, 1000);
    for (let batch = 0; batch < 5; batch++) writer.enqueue({ trades: [sampleTrade(batch)] });
    await writer.close(200);
    writer.enqueue({ trades: [sampleTrade(5)] });
    writer = undefined;
    const onDisk = BatchJournal.open(journalDir);
    expect(onDisk.pendingRows).toBe(6);
    onDisk.close();
    fake.mode = { kind: 'accept' };
    writer = startWriter(store, journalDir, 1000);
    writer.enqueue({ trades: [sampleTrade(6)] });
    expect(await writer.flush(10_000)).toBe(true);
    expect(committedOrder(fake)).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006]);
  });

  // Regression: a writer restarted over an earlier run's journal answered flush() true at once, before the recovered batches were written.
  it('flush() on a writer that recovered an earlier journal waits for the recovered batches, even with nothing enqueued', async () => {
    fake = await FakeQuestDb.start();
    const journalDir = join(mkdtempSync(join(tmpdir(), 'zvt-writer-')), 'journal');
    const store = `questdb:${fake.clientConfig('retry_timeout=50;')}`;
    fake.mode = { kind: 'status', status: 503 };
    writer = startWriter(store, journalDir, 1000);
    for (let batch = 0; batch < 3; batch++) writer.enqueue({ trades: [sampleTrade(batch)] });
    await writer.close(200);
    writer = undefined;
    // Still down when the next run starts: its flush must not claim the recovered rows are stored.
    writer = startWriter(store, journalDir, 1000);
    expect(await writer.flush(300)).toBe(false);
    fake.mode = { kind: 'accept' };
    expect(await writer.flush(10_000)).toBe(true);
    expect(committedOrder(fake)).toEqual([1000, 1001, 1002]);
  });
});
