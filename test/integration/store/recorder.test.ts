// The recorder actor in a real worker, fed through a real ring, writing to a store that really blocks or dies:
// every row arrives exactly once. DuckDB with its file locked by another process, and engines SIGKILLed
// with the store down and in the middle of draining; a QuestDB endpoint that stalls, answers 503, is killed
// mid-request and comes back.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorSpec } from '../../../src/actors/actor.js';
import type { RecorderActorParams, RecorderFlushReply, RecorderStats } from '../../../src/actors/recorder-actor.js';
import { Supervisor } from '../../../src/actors/supervisor.js';
import { BatchJournal } from '../../../src/store/journal/batch-journal.js';
import { openStore } from '../../../src/store/open-store.js';
import type { QuoteRow, TradeRow } from '../../../src/store/store-rows.js';
import type { MarketSourceParams } from '../../fixtures/actors/market-source.js';
import { RECORDS_PER_FRAME, STREAM_BASE_NS, STREAM_REGISTRY } from '../../fixtures/actors/market-stream.js';
import { holdDuckDbLock } from '../../helpers/duckdb-lock.js';
import { quoteLine, tradeLine } from '../../helpers/expected-ilp-lines.js';
import { startEngineProcess } from '../../helpers/engine-process.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';
import type { IlpLine } from '../../helpers/ilp-line.js';
import { testConfig } from '../../helpers/test-config.js';

const SOURCE_MODULE = new URL('../../fixtures/actors/market-source.ts', import.meta.url).href;
const RECORDER_MODULE = new URL('../../../src/actors/recorder-actor.ts', import.meta.url).href;

const config = testConfig({
  log: { level: 'error' },
  runtime: {
    mailbox: { capacityBytes: 1 << 20, spinIterations: 1000, parkTimeoutMs: 10 },
    placement: { source: 'source-worker', recorder: 'recorder-worker' },
    supervisor: { maxRestarts: 0, windowMs: 60_000, backoffInitialMs: 10, backoffMaxMs: 100 },
  },
});
const logger = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, callback) => callback() }));

let supervisors: Supervisor[] = [];
let fakes: FakeQuestDb[] = [];
afterEach(async () => {
  for (const supervisor of supervisors) await supervisor.stop();
  for (const fake of fakes) await fake.close();
  supervisors = [];
  fakes = [];
});

/** Instruments of the stream as the test knows them: [venue, symbol, price decimals, size decimals]. */
const INSTRUMENTS: [string, string, number, number][] = [
  ['binance', 'BTC-USDT', 2, 5],
  ['bybit', 'ETH-USDT-PERP', 2, 2],
];

/** mantissa × 10^-decimals as canonical text, by string manipulation only. */
function plainDecimal(mantissa: number, decimals: number): string {
  const digits = String(mantissa).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** The rows the recorder must produce for records 0..count-1 of market-stream.ts, computed from its definition. */
function expectedRows(count: number): { trades: TradeRow[]; quotes: QuoteRow[] } {
  const trades: TradeRow[] = [];
  const quotes: QuoteRow[] = [];
  const perFrame = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const [venue, symbol, priceDecimals, sizeDecimals] = INSTRUMENTS[index % 2]!;
    const tsRecvNs = STREAM_BASE_NS + BigInt(Math.floor(index / RECORDS_PER_FRAME)) * 1_000n + 999n;
    if (index % 3 === 0) {
      trades.push({
        venue,
        symbol,
        tradeId: `t${index}`,
        price: plainDecimal(5_000_000 + index, priceDecimals),
        size: plainDecimal(1 + (index % 1000), sizeDecimals),
        side: index % 2 === 0 ? 'sell' : 'buy',
        tsEventNs: STREAM_BASE_NS + BigInt(index) * 1_000n,
        tsRecvNs,
        flags: 2,
      });
      continue;
    }
    const frameKey = `${index % 2}:${tsRecvNs}`;
    const seq = perFrame.get(frameKey) ?? 0;
    perFrame.set(frameKey, seq + 1);
    const noTime = index % 5 === 0;
    quotes.push({
      venue,
      symbol,
      bidPrice: plainDecimal(300_000 + index, priceDecimals),
      bidSize: plainDecimal(index % 500, sizeDecimals),
      askPrice: plainDecimal(300_001 + index, priceDecimals),
      askSize: plainDecimal(7, sizeDecimals),
      tsEventNs: noTime ? null : STREAM_BASE_NS + BigInt(index),
      tsRecvNs,
      seq,
      flags: noTime ? 4 : 0,
    });
  }
  return { trades, quotes };
}

function sortRows<T extends { venue: string; symbol: string }>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
const tradeKey = (row: TradeRow): string => `${row.venue}|${row.symbol}|${row.tsEventNs}|${row.tradeId}`;
const quoteKey = (row: QuoteRow): string => `${row.venue}|${row.symbol}|${row.tsRecvNs}|${String(row.seq).padStart(4, '0')}`;

/**
 * The recorder under test writes exactly the stream's trades and quotes: no live candles (their
 * wall clock would close a varying number of bars over these past trade times; candles are tested
 * in replay-recording.test.ts).
 */
function recorderSpec(params: Omit<RecorderActorParams, 'registry'>, withSource: boolean): ActorSpec {
  return { id: 'recorder', module: RECORDER_MODULE, inputs: withSource ? ['source'] : [], params: { registry: STREAM_REGISTRY.toData(), candleTimeframes: [], ...params }, usesEventLoop: true };
}

async function startEngine(specs: ActorSpec[]): Promise<Supervisor> {
  const ids = new Set(specs.map((spec) => spec.id));
  const placement = Object.fromEntries(Object.entries(config.runtime.placement).filter(([id]) => ids.has(id)));
  const supervisor = new Supervisor(specs, { ...config, runtime: { ...config.runtime, placement } }, logger);
  supervisors.push(supervisor);
  await supervisor.start();
  return supervisor;
}

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const recorderStats = (supervisor: Supervisor) => (): Promise<RecorderStats> => supervisor.request('recorder', 'stats') as Promise<RecorderStats>;

describe('recorder actor', () => {
  it('DuckDB locked by another process, then engines SIGKILLed twice (once with the store down, once mid-drain): every row stored exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvt-recorder-duckdb-'));
    const path = join(dir, 'store.duckdb');
    const journalDir = join(dir, 'journal');
    const store = `duckdb:${path}`;
    const count = 30_000;
    const expected = expectedRows(count);
    await (await openStore(store)).close();
    const lock = await holdDuckDbLock(path);
    const maxBufferedRows = 3000;
    const params = { store, journalDir, batchRows: 200, flushIntervalMs: 20, maxBufferedRows, retryInitialMs: 20, retryMaxMs: 100, stopDeadlineMs: 500 };
    const recorderOnly = { ...config, runtime: { ...config.runtime, placement: { recorder: 'recorder-worker' } } };

    // 1. The store is down from the start: what is read goes to memory, then (past maxBufferedRows) to the journal.
    const first = await startEngineProcess([{ id: 'source', module: SOURCE_MODULE, params: { count, ratePerSecond: 0 } satisfies MarketSourceParams }, recorderSpec(params, true)], config);
    const blocked = await until(() => first.recorderStats(), (stats) => stats.records.trades + stats.records.quotes === count && stats.writer.journal.pendingRows === count && stats.writer.openFailures > 1, 'all rows read and journaled, opens failing');
    expect(blocked.writer.writtenRows).toBe(0);
    expect(blocked.writer.bufferedRows).toBe(0);
    expect(blocked.writer.lastError).toMatch(/lock/);
    // Killed outright while the store is down: the journal is on disk (fsync'd), nothing else mattered.
    await first.kill();
    const onDisk = BatchJournal.open(journalDir);
    expect(onDisk.pendingRows).toBe(count);
    onDisk.close();

    // 2. The lock goes; a new engine writes the journal first, in order, and is killed halfway through.
    await lock.release();
    const second = await startEngineProcess([recorderSpec(params, false)], recorderOnly);
    const halfway = await until(() => second.recorderStats(), (stats) => stats.writer.writtenRows > 0 && stats.writer.journal.pendingBatches > 10, 'drain under way');
    await second.kill();
    expect(halfway.writer.writtenRows).toBeLessThan(count);

    // 3. A third engine finishes: the journal resumes after the last acked batch; a batch confirmed but not yet acked is written again, changing nothing.
    const third = await startEngineProcess([recorderSpec(params, false)], recorderOnly);
    const drained = await until(() => third.recorderStats(), (stats) => stats.writer.journal.pendingBatches === 0 && stats.writer.state === 'idle', 'journal drained');
    expect(drained.writer.rejectedRows).toBe(0);
    expect(drained.writer.writtenRows).toBeGreaterThan(0);
    expect(halfway.writer.writtenRows + drained.writer.writtenRows).toBeGreaterThanOrEqual(count);
    await third.stop();
    expect(existsSync(join(journalDir, 'journal.zvtj'))).toBe(false);

    const check = await openStore(store);
    try {
      expect(await check.count('trades')).toBe(expected.trades.length);
      expect(await check.count('quotes')).toBe(expected.quotes.length);
      expect(sortRows(await check.read('trades'), tradeKey)).toEqual(sortRows(expected.trades, tradeKey));
      expect(sortRows(await check.read('quotes'), quoteKey)).toEqual(sortRows(expected.quotes, quoteKey));
    } finally {
      await check.close();
    }
  }, 120_000);

  it('QuestDB that stalls, answers 503, then is killed mid-request and comes back: every row stored exactly once, re-sent rows deduplicated', async () => {
    const fake = await FakeQuestDb.start();
    fakes.push(fake);
    const dir = mkdtempSync(join(tmpdir(), 'zvt-recorder-questdb-'));
    const count = 40_000;
    const expected = expectedRows(count);
    const store = `questdb:${fake.clientConfig('retry_timeout=300;request_timeout=1000;')}`;
    const params = { store, journalDir: join(dir, 'journal'), batchRows: 500, flushIntervalMs: 20, maxBufferedRows: 2000, retryInitialMs: 20, retryMaxMs: 150 };
    const supervisor = await startEngine([{ id: 'source', module: SOURCE_MODULE, params: { count, ratePerSecond: 8000 } satisfies MarketSourceParams }, recorderSpec(params, true)]);
    const stats = recorderStats(supervisor);

    await until(stats, (value) => value.writer.writtenRows >= 2000, 'first rows written');
    // Slow: requests hang; the client gives up after retry_timeout; memory fills and spills.
    fake.mode = { kind: 'stall' };
    await until(stats, (value) => value.writer.journal.pendingBatches > 0 && value.writer.writeFailures > 0, 'spilled while stalled');
    // Failing: the hung requests and the retries are answered 503 (not committed).
    fake.mode = { kind: 'status', status: 503 };
    fake.releaseStalled();
    const failingSince = fake.writes.length;
    await until(() => Promise.resolve(fake.writes.slice(failingSince).filter((write) => write.status === 503).length), (failed) => failed >= 2, '503 answers');
    // Killed mid-request: the request in flight is committed but never answered, then the server is gone.
    fake.mode = { kind: 'stall' };
    await until(() => Promise.resolve(fake.writes.filter((write) => write.status === 0).length), (hung) => hung > 0, 'a request in flight');
    const committedBefore = fake.rowsOf('trades').length + fake.rowsOf('quotes').length;
    await fake.kill({ commitStalled: true });
    expect(fake.rowsOf('trades').length + fake.rowsOf('quotes').length).toBeGreaterThan(committedBefore);
    const down = await until(stats, (value) => value.writer.openFailures > 0, 'reopen attempts fail while down');
    await new Promise((resolve) => setTimeout(resolve, 500));
    fake.mode = { kind: 'accept' };
    await fake.restart();

    const done = await until(stats, (value) => value.records.trades + value.records.quotes === count && value.writer.journal.pendingBatches === 0 && value.writer.bufferedRows === 0 && value.writer.writtenRows === value.writer.enqueuedRows, 'everything written after the restart');
    const flushed = (await supervisor.request('recorder', { type: 'flush', timeoutMs: 10_000 })) as RecorderFlushReply;
    expect(flushed.done).toBe(true);
    expect(done.writer.journal.appendedBatches).toBeGreaterThan(0);
    expect(down.writer.writeFailures).toBeGreaterThan(0);
    expect(fake.lineErrors).toEqual([]);

    // Exactly once in the table, with exact content; more than once on the wire (the killed request was re-sent).
    const byKey = (lines: IlpLine[]): string[] => lines.map((line) => JSON.stringify(line, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).sort();
    expect(fake.rowsOf('trades')).toHaveLength(expected.trades.length);
    expect(fake.rowsOf('quotes')).toHaveLength(expected.quotes.length);
    expect(byKey(fake.rowsOf('trades'))).toEqual(byKey(expected.trades.map(tradeLine)));
    expect(byKey(fake.rowsOf('quotes'))).toEqual(byKey(expected.quotes.map(quoteLine)));
    const delivered = fake.writes.filter((write) => write.status === 204 || write.status === 0).reduce((sum, write) => sum + write.lines.length, 0);
    expect(delivered).toBeGreaterThan(count);
  }, 120_000);
});
