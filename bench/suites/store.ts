// `store` suite: DuckDB batch writes, ILP encoding through the real QuestDB Sender, and the recorder end to end (ring → recorder → DuckDB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sender } from '@questdb/nodejs-client';
import type { ActorSpec } from '../../src/actors/actor.js';
import { siblingModuleUrl } from '../../src/actors/module-worker.js';
import type { RecorderActorParams, RecorderStats } from '../../src/actors/recorder-actor.js';
import { Supervisor } from '../../src/actors/supervisor.js';
import { CONFIG_DEFAULTS } from '../../src/config/config-defaults.js';
import { reviveConfig } from '../../src/config/freeze-config.js';
import { createLogger } from '../../src/config/logger.js';
import { InstrumentRegistry } from '../../src/model/instrument-registry.js';
import { openStore } from '../../src/store/open-store.js';
import { encodeIlpBatch } from '../../src/store/questdb/ilp-batch-encoder.js';
import type { QuoteRow, StoreBatch, TradeRow } from '../../src/store/store-rows.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import type { StoreSourceParams } from './store-source.js';

/** Rows per batch: the recorder's default batch size. */
const BATCH_ROWS = 5000;
const DUCKDB_ROWS = 200_000;
const ILP_ROWS = 300_000;
const RECORDER_RECORDS = 300_000;
const BASE_NS = 1_760_000_000_000_000_000n;

const REGISTRY = new InstrumentRegistry([
  { venue: 'binance', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.00001' },
  { venue: 'bybit', kind: 'perpetual', base: 'ETH', quote: 'USDT', settle: 'USDT', native: 'ETHUSDT', tickSize: '0.01', lotSize: '0.01', contractSize: '1' },
]);

/** Batches of one third trades, two thirds quotes (the mix of the recorded sessions' trade and ticker channels, roughly). */
function rowBatches(rows: number): StoreBatch[] {
  const batches: StoreBatch[] = [];
  for (let start = 0; start < rows; start += BATCH_ROWS) {
    const trades: TradeRow[] = [];
    const quotes: QuoteRow[] = [];
    for (let index = start; index < Math.min(rows, start + BATCH_ROWS); index++) {
      const tsRecvNs = BASE_NS + BigInt(index) * 1000n + 17n;
      if (index % 3 === 0) {
        trades.push({ venue: 'binance', symbol: 'BTC-USDT', tradeId: String(index), price: `${60000 + (index % 1000)}.${index % 100}`, size: `0.${String(index % 99_999).padStart(5, '0')}`, side: index % 2 === 0 ? 'buy' : 'sell', tsEventNs: tsRecvNs - 5_000_000n, tsRecvNs, flags: 0 });
      } else {
        quotes.push({ venue: 'bybit', symbol: 'ETH-USDT-PERP', bidPrice: `3000.${index % 100}`, bidSize: `${index % 500}.5`, askPrice: '3001', askSize: '7', tsEventNs: tsRecvNs - 3_000_000n, tsRecvNs, seq: 0, flags: 0 });
      }
    }
    batches.push({ trades, quotes });
  }
  return batches;
}

async function duckDbRowsPerSecond(log: (line: string) => void): Promise<{ fresh: number; duplicate: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zvt-bench-store-'));
  try {
    const batches = rowBatches(DUCKDB_ROWS);
    const store = await openStore(`duckdb:${join(dir, 'bench.duckdb')}`);
    const fresh = performance.now();
    for (const batch of batches) await store.write(batch);
    const freshSeconds = (performance.now() - fresh) / 1000;
    // The same rows again: what replaying a journal costs (every key exists, nothing is written).
    const duplicate = performance.now();
    for (const batch of batches) await store.write(batch);
    const duplicateSeconds = (performance.now() - duplicate) / 1000;
    const stored = (await store.count('trades')) + (await store.count('quotes'));
    await store.close();
    if (stored !== DUCKDB_ROWS) throw new Error(`DuckDB holds ${stored} rows, expected ${DUCKDB_ROWS}`);
    log(`duckdb: ${DUCKDB_ROWS} rows in ${batches.length} batches, ${freshSeconds.toFixed(2)} s new, ${duplicateSeconds.toFixed(2)} s again (all duplicates)`);
    return { fresh: Math.round(DUCKDB_ROWS / freshSeconds), duplicate: Math.round(DUCKDB_ROWS / duplicateSeconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Encoding only: the real Sender, protocol v3 set explicitly (no /settings request), never flushed, reset after each batch. */
async function ilpEncodeRowsPerSecond(log: (line: string) => void): Promise<number> {
  const batches = rowBatches(ILP_ROWS);
  const sender = await Sender.fromConfig('http::addr=127.0.0.1:9;protocol_version=3;auto_flush=off;init_buf_size=4194304;');
  for (const batch of batches.slice(0, 5)) {
    await encodeIlpBatch(sender, batch);
    sender.reset();
  }
  const started = performance.now();
  let lines = 0;
  for (const batch of batches) {
    lines += await encodeIlpBatch(sender, batch);
    sender.reset();
  }
  const seconds = (performance.now() - started) / 1000;
  await sender.close();
  if (lines !== ILP_ROWS) throw new Error(`encoded ${lines} lines, expected ${ILP_ROWS}`);
  log(`ilp encode: ${ILP_ROWS} rows in ${seconds.toFixed(2)} s`);
  return Math.round(ILP_ROWS / seconds);
}

/**
 * A source actor writes TRADE/BBO records into the recorder's ring as fast as it takes them; the
 * clock stops when DuckDB confirmed the last row. With `maxBufferedRows` above the record count the
 * backlog stays in memory; with a small one it goes through the journal (the store-is-behind path).
 */
async function recorderRowsPerSecond(log: (line: string) => void, maxBufferedRows: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'zvt-bench-recorder-'));
  const config = reviveConfig({
    ...structuredClone(CONFIG_DEFAULTS),
    log: { level: 'error' },
    runtime: { ...structuredClone(CONFIG_DEFAULTS.runtime), placement: { source: 'source', recorder: 'recorder' } },
  });
  const recorderParams: RecorderActorParams = { registry: REGISTRY.toData(), store: `duckdb:${join(dir, 'bench.duckdb')}`, journalDir: join(dir, 'journal'), maxBufferedRows };
  const specs: ActorSpec[] = [
    { id: 'source', module: siblingModuleUrl(import.meta.url, 'store-source').href, params: { count: RECORDER_RECORDS, instruments: REGISTRY.size } satisfies StoreSourceParams },
    { id: 'recorder', module: siblingModuleUrl(import.meta.url, '../../src/actors/recorder-actor').href, inputs: ['source'], params: recorderParams, usesEventLoop: true, mailboxBytes: 8 * 1024 * 1024 },
  ];
  const supervisor = new Supervisor(specs, config, createLogger(config, { component: 'bench' }));
  try {
    // Timed from running actors (worker start-up excluded) to the last row confirmed by DuckDB.
    await supervisor.start();
    const started = performance.now();
    let stats: RecorderStats;
    for (;;) {
      stats = (await supervisor.request('recorder', 'stats')) as RecorderStats;
      if (stats.writer.writtenRows >= RECORDER_RECORDS) break;
      if (performance.now() - started > 300_000) throw new Error(`recorder wrote ${stats.writer.writtenRows} of ${RECORDER_RECORDS} rows in 300 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    log(`recorder (memory bound ${maxBufferedRows} rows): ${RECORDER_RECORDS} records ring → DuckDB in ${seconds.toFixed(2)} s (${stats.writer.writtenBatches} batches, ${stats.writer.journal.appendedBatches} through the journal)`);
    return Math.round(RECORDER_RECORDS / seconds);
  } finally {
    await supervisor.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storeSuite: BenchSuite = {
  name: 'store',
  description: 'DuckDB batch writes (5000-row batches of trades and quotes), ILP encoding through the real QuestDB Sender, recorder end to end (ring → recorder worker → DuckDB; backlog in memory, and through the journal)',
  async run(log): Promise<Metrics> {
    const duckdb = await duckDbRowsPerSecond(log);
    const ilp = await ilpEncodeRowsPerSecond(log);
    const recorder = await recorderRowsPerSecond(log, RECORDER_RECORDS * 2);
    const recorderSpilled = await recorderRowsPerSecond(log, 20_000);
    return {
      duckdb_rows_per_s: metric(duckdb.fresh, 'rows/s', 'higher'),
      duckdb_duplicate_rows_per_s: metric(duckdb.duplicate, 'rows/s', 'higher'),
      ilp_encode_rows_per_s: metric(ilp, 'rows/s', 'higher'),
      recorder_rows_per_s: metric(recorder, 'rows/s', 'higher'),
      recorder_journal_rows_per_s: metric(recorderSpilled, 'rows/s', 'higher'),
    };
  },
};
