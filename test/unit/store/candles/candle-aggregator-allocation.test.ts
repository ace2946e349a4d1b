// Regression test: CandleAggregator.onTradeRecord allocates nothing per trade (V8 heap-number boxing of epoch ms once cost ~16 B/trade).
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createRecordStamps, setRecordStampsBig } from '../../../../src/model/record-header.js';
import { AggressorSide } from '../../../../src/model/record-types.js';
import { createRecordViews } from '../../../../src/model/record-views.js';
import { writeTrade } from '../../../../src/model/trade-record.js';
import { CandleAggregator } from '../../../../src/store/candles/candle-aggregator.js';
import { TIMEFRAMES } from '../../../../src/model/timeframe.js';

const RECORD_BYTES = 128;
const RECORDS = 64;

/** Minor (scavenge) collections while `action` runs; a young-generation allocation shows up here. */
async function minorCollectionsDuring(action: () => void): Promise<number> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  action();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  // GC entries carry { kind } in `detail` (not in @types/node 20's PerformanceEntry).
  return entries.filter((entry) => (entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR).length;
}

describe('CandleAggregator allocation', () => {
  it('runs millions of record trades that close no candle without a single scavenge', async () => {
    const views = createRecordViews(new ArrayBuffer(RECORD_BYTES * RECORDS));
    const stamps = createRecordStamps();
    const baseNs = BigInt(Date.parse('2024-05-01T00:00:00Z')) * 1_000_000n;
    for (let record = 0; record < RECORDS; record++) {
      // Real-sized numbers: epoch ms near 1.7e12 and mantissas past 2^31, none of which V8 keeps as small integers.
      setRecordStampsBig(stamps, baseNs + BigInt(record) * 900_000_123n, 0n);
      writeTrade(views, record * RECORD_BYTES, record % 8, 0, stamps, 6_511_430_000_000 + record, 3_000_000_000 + record, AggressorSide.BUY);
    }
    let closed = 0;
    const aggregator = new CandleAggregator({ timeframes: TIMEFRAMES, instrumentCount: 8, onCandle: () => closed++ });
    const run = (trades: number): void => {
      for (let trade = 0; trade < trades; trade++) aggregator.onTradeRecord(views, (trade % RECORDS) * RECORD_BYTES);
    };
    run(500_000); // opens every bucket and lets the JIT optimise
    const minor = await minorCollectionsDuring(() => run(6_000_000));
    expect(closed).toBe(0);
    expect(aggregator.acceptedTradeCount).toBe(6_500_000);
    // 16 bytes per trade would be ~100 MB here, dozens of scavenges; allow a stray one.
    expect(minor).toBeLessThanOrEqual(1);
  });
});
