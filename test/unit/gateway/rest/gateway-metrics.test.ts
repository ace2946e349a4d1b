// GatewayMetrics exposition: shared-memory counter slots, a real FeedHub and TsBookEngine as counter sources, an async source, and a bucket histogram counted elsewhere.
import { describe, expect, it } from 'vitest';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { bookEngineCounterSource, feedHubCounterSource, typedArrayCounterSource, venueStatsCounterSource } from '../../../../src/gateway/metrics/engine-counter-sources.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { TsBookEngine } from '../../../../src/hotpath/book/ts-book-engine.js';
import { BookSide } from '../../../../src/model/record-types.js';
import { BookRing, flattenEvent, type FlatRecord } from '../../../helpers/book-records.js';

describe('GatewayMetrics', () => {
  it('renders counters written into a SharedArrayBuffer by Atomics, with labels', async () => {
    const slots = new BigInt64Array(new SharedArrayBuffer(16));
    const metrics = new GatewayMetrics({ processMetrics: false });
    metrics.addCounterSource(
      typedArrayCounterSource(
        [{ name: 'zvt_ring_records_total', help: 'Records through a ring', type: 'counter', labelNames: ['ring'] }],
        [
          { index: 0, name: 'zvt_ring_records_total', labels: { ring: 'venue:binance' } },
          { index: 1, name: 'zvt_ring_records_total', labels: { ring: 'venue:okx' } },
        ],
        slots,
      ),
    );
    Atomics.add(slots, 0, 41n);
    Atomics.add(slots, 1, 7n);
    let text = await metrics.render();
    expect(text).toContain('# TYPE zvt_ring_records_total counter');
    expect(text).toMatch(/^zvt_ring_records_total\{ring="venue:binance"\} 41$/m);
    Atomics.add(slots, 0, 1n);
    text = await metrics.render();
    expect(text).toMatch(/^zvt_ring_records_total\{ring="venue:binance"\} 42$/m);
    expect(text).toMatch(/^zvt_ring_records_total\{ring="venue:okx"\} 7$/m);
  });

  it('reads a FeedHub, a TsBookEngine and an async venue source on each scrape', async () => {
    const hub = new FeedHub();
    const engine = new TsBookEngine();
    engine.addBook({ instrumentId: 3, maxDepth: 10, tickSize: 1, priceDecimals: 2, sizeDecimals: 8 });
    const ring = new BookRing();
    const records: FlatRecord[] = [];
    const level = (side: BookSide, price: number): { side: BookSide; price: number; size: number; priceTextDecimals: number; sizeTextDecimals: number } => ({ side, price, size: 1, priceTextDecimals: 2, sizeTextDecimals: 8 });
    flattenEvent({ kind: 'snapshot', instrumentId: 3, sequence: 1, checksum: 0, levels: [level(BookSide.BID, 100), level(BookSide.ASK, 101)] }, records);
    flattenEvent({ kind: 'update', instrumentId: 3, sequence: 2, previousSequence: 1, checksum: 0, levels: [level(BookSide.BID, 99)] }, records);
    for (const record of records) ring.tryWrite(record);
    ring.publish();
    engine.applyBatch(ring.consumer, ring.types, ring.offsets, ring.gather(256), 1);
    ring.release();

    const metrics = new GatewayMetrics({ processMetrics: false });
    metrics.addCounterSource(feedHubCounterSource(hub));
    metrics.addCounterSource(bookEngineCounterSource(engine, [{ id: 'binance:BTC-USDT', numericId: 3 }]));
    metrics.addCounterSource(
      venueStatsCounterSource({
        venueStats: () => Promise.resolve([{ venue: 'okx', feed: { frames: 12, gaps: 1, resyncs: 1, reconnects: 0, venueErrors: 0, resyncTimeouts: 0 }, records: { bookUpdates: 30, trades: 4, droppedUpdates: 0, recorderDrops: 0 } }]),
      }),
    );
    const text = await metrics.render();
    expect(text).toMatch(/^zvt_feed_connections 0$/m);
    expect(text).toContain('# TYPE zvt_feed_connections gauge');
    expect(text).toMatch(/^zvt_feed_messages_published_total 0$/m);
    expect(text).toMatch(/^zvt_book_level_updates_total\{instrument="binance:BTC-USDT"\} 3$/m);
    expect(text).toMatch(/^zvt_book_snapshots_total\{instrument="binance:BTC-USDT"\} 1$/m);
    expect(text).toMatch(/^zvt_book_batches_total\{instrument="binance:BTC-USDT"\} 1$/m);
    expect(text).toMatch(/^zvt_venue_gaps_total\{venue="okx"\} 1$/m);
    expect(text).toMatch(/^zvt_venue_book_updates_total\{venue="okx"\} 30$/m);
    hub.close();
  });

  it('renders a histogram counted elsewhere as cumulative le buckets, sum and count', async () => {
    const metrics = new GatewayMetrics({ processMetrics: false });
    metrics.addHistogramSource({
      families: [{ name: 'zvt_book_apply_seconds', help: 'Venue receive to book applied', labelNames: ['venue'], bucketBounds: [0.00001, 0.0001, 0.001] }],
      read: () => [{ name: 'zvt_book_apply_seconds', labels: { venue: 'binance' }, bucketCounts: [5, 3, 1, 2], sum: 0.0123 }],
    });
    const text = await metrics.render();
    expect(text).toContain('# TYPE zvt_book_apply_seconds histogram');
    expect(text).toMatch(/^zvt_book_apply_seconds_bucket\{venue="binance",le="0.00001"\} 5$/m);
    expect(text).toMatch(/^zvt_book_apply_seconds_bucket\{venue="binance",le="0.0001"\} 8$/m);
    expect(text).toMatch(/^zvt_book_apply_seconds_bucket\{venue="binance",le="0.001"\} 9$/m);
    expect(text).toMatch(/^zvt_book_apply_seconds_bucket\{venue="binance",le="\+Inf"\} 11$/m);
    expect(text).toMatch(/^zvt_book_apply_seconds_sum\{venue="binance"\} 0.0123$/m);
    expect(text).toMatch(/^zvt_book_apply_seconds_count\{venue="binance"\} 11$/m);
  });

  it('refuses a metric name registered twice', () => {
    const metrics = new GatewayMetrics({ processMetrics: false });
    expect(() => metrics.addGauge('zvt_http_requests_total', 'again', () => 0)).toThrow('metric zvt_http_requests_total is registered twice');
  });
});
