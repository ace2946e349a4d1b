// /metrics of a real engine run (Binance simulator → engine → FeedBridge → FeedHub) and a FIX order flow: latency histograms with plausible values and counts that match what the engine reports.
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { orderAckLatencySource } from '../../../../src/gateway/metrics/latency-histogram-source.js';
import { registerEngineMetrics } from '../../../../src/gateway/metrics/register-engine-metrics.js';
import { startEngineFeedChain, type EngineFeedChain } from '../engine-feed/engine-feed-chain.js';
import { FixTestVenue } from '../fix/fix-test-venue.js';
import { sleep, SYMBOLS, waitFor, waitForSyncedBooks } from '../../sim/binance/binance-sim-harness.js';

let chain: EngineFeedChain | undefined;
let fixVenue: FixTestVenue | undefined;

afterEach(async () => {
  await chain?.close();
  await fixVenue?.close();
  chain = undefined;
  fixVenue = undefined;
});

/** Value of one exposition line `<series> <value>` (exact label text), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The `_bucket` lines of a histogram series, in order: [le, cumulative count]. */
function buckets(text: string, name: string, labels: string): [string, number][] {
  const prefix = `${name}_bucket{${labels === '' ? '' : `${labels},`}le="`;
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => {
      const close = line.indexOf('"', prefix.length);
      return [line.slice(prefix.length, close), Number(line.slice(line.lastIndexOf(' ') + 1))];
    });
}

function expectHistogram(text: string, name: string, labels: string, count: number): void {
  const lines = buckets(text, name, labels);
  expect(lines.length, `${name}{${labels}} buckets`).toBe(58);
  for (let i = 1; i < lines.length; i++) expect(lines[i]![1], `${name} le=${lines[i]![0]}`).toBeGreaterThanOrEqual(lines[i - 1]![1]);
  expect(lines.at(-1)).toEqual(['+Inf', count]);
  const series = labels === '' ? '' : `{${labels}}`;
  expect(sample(text, `${name}_count${series}`)).toBe(count);
  const sum = sample(text, `${name}_sum${series}`)!;
  expect(sum).toBeGreaterThan(0);
  // Mean between 1 µs and 1 s: loopback, a loaded 2-core box.
  expect(sum / count).toBeGreaterThan(1e-6);
  expect(sum / count).toBeLessThan(1);
}

describe('engine metrics', () => {
  it('shows book-apply and feed-publish latency of a simulator run, one value per applied update / published delta', async () => {
    chain = await startEngineFeedChain({ topics: Object.values(SYMBOLS).map((canonical) => `book.binance:${canonical}`) });
    const { simulator, engine: running, hub, bridge: feedBridge } = chain;
    await waitForSyncedBooks(running);
    await waitFor('deltas published', () => feedBridge.stats.deltas, (deltas) => deltas >= 200);
    // Stop the source, let the rings drain: then the counts stand still and can be compared.
    simulator.exchange.stop();
    let settled = -1;
    await waitFor(
      'the engine to settle',
      async () => {
        const batches = (await running.instrumentCounters()).flatMap((actor) => actor.books).reduce((total, book) => total + book.batches, 0);
        const previous = settled;
        settled = batches + feedBridge.stats.records;
        await sleep(200);
        return previous === settled;
      },
      (stable) => stable,
    );

    const metrics = new GatewayMetrics({ processMetrics: false });
    registerEngineMetrics(metrics, { engine: running, hub, bridge: feedBridge });
    const text = await metrics.render();

    const counters = await running.instrumentCounters();
    const applied = counters.flatMap((actor) => actor.books).reduce((total, book) => total + book.batches, 0);
    expect(applied).toBeGreaterThan(200);
    expectHistogram(text, 'zvt_book_apply_latency_seconds', 'venue="binance"', applied);
    const published = feedBridge.stats.deltas + feedBridge.stats.truncationSnapshots;
    expectHistogram(text, 'zvt_feed_publish_latency_seconds', 'venue="binance"', published);

    // Every value ≥ 0 and none clamped: nothing crosses threads and a JSON parse in under 256 ns (the lowest bound).
    const applySnapshot = running.latencyHistograms.bookApplyByVenue().get('binance')!;
    const publishSnapshot = running.latencyHistograms.feedPublishByVenue().get('binance')!;
    expect(buckets(text, 'zvt_book_apply_latency_seconds', 'venue="binance"')[0]).toEqual(['2.56e-7', 0]);
    expect(applySnapshot.minNs).toBeGreaterThan(0);
    expect(publishSnapshot.minNs).toBeGreaterThan(0);
    // A delta reaches the hub after its book was applied, so the feed's median is not below the book's.
    expect(publishSnapshot.valueAtPercentileNs(50)).toBeGreaterThanOrEqual(applySnapshot.valueAtPercentileNs(50) * 0.9);
    console.log(
      `engine metrics: ${applied} updates applied, p50 ${(applySnapshot.valueAtPercentileNs(50) / 1e3).toFixed(1)} µs, p99 ${(applySnapshot.valueAtPercentileNs(99) / 1e3).toFixed(1)} µs; ` +
        `${published} deltas published, p50 ${(publishSnapshot.valueAtPercentileNs(50) / 1e3).toFixed(1)} µs, p99 ${(publishSnapshot.valueAtPercentileNs(99) / 1e3).toFixed(1)} µs`,
    );

    // The counters beside them: per book, per venue actor, the feed.
    const btc = counters.flatMap((actor) => actor.books).find((book) => book.id === 'binance:BTC-USDT')!;
    expect(sample(text, 'zvt_book_batches_total{instrument="binance:BTC-USDT"}')).toBe(btc.batches);
    expect(sample(text, 'zvt_book_checksum_failures_total{instrument="binance:BTC-USDT"}')).toBe(0);
    expect(sample(text, 'zvt_venue_gaps_total{venue="binance"}')).toBe(0);
    expect(sample(text, 'zvt_feed_bridge_deltas_total')).toBe(feedBridge.stats.deltas);
    expect(sample(text, 'zvt_feed_slow_consumer_drops_total')).toBe(0);
    expect(sample(text, 'zvt_gateway_records_dropped_total{canonical="BTC-USDT"}')).toBe(0);
  }, 60_000);

  it('counts one FIX order-ack latency per NewOrderSingle, answered or rejected', async () => {
    fixVenue = await FixTestVenue.start();
    const fixClient = fixVenue.client();
    await fixClient.ready;
    const { bid, price } = fixVenue.touch();
    const order = (clientOrderId: string, quantity: number, limit: string): Record<string, unknown> => ({
      ClOrdID: clientOrderId,
      Instrument: { Symbol: 'BTC-USDT' },
      Side: '1',
      TransactTime: new Date(),
      OrderQtyData: { OrderQty: quantity },
      OrdType: '2',
      Price: Number(limit),
      TimeInForce: '1',
    });
    fixClient.send('D', order('rest-1', 0.001, price(bid - 100)));
    fixClient.send('D', order('rest-2', 0.001, price(bid - 200)));
    // Refused by the venue (too big) and by the acceptor itself (a price off the grid): both answered.
    fixClient.send('D', order('too-big', 100, price(bid - 100)));
    fixClient.send('D', { ...order('stop', 0.001, price(bid - 100)), OrdType: '3', StopPx: 1 });
    for (const id of ['rest-1', 'rest-2', 'too-big', 'stop']) await fixClient.waitFor((message) => message.msgType === '8' && message.fields.get(11) === id);
    // Cancels are not new orders: no value.
    fixClient.send('F', { OrigClOrdID: 'rest-1', ClOrdID: 'cancel-1', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.001 } });
    await fixClient.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'cancel-1');

    const metrics = new GatewayMetrics({ processMetrics: false });
    metrics.addHistogramSource(orderAckLatencySource(fixVenue.acceptor.orderAckLatency));
    const text = await metrics.render();
    expectHistogram(text, 'zvt_fix_order_ack_latency_seconds', '', 4);
    expect(fixVenue.acceptor.orderAckLatency.pendingCount).toBe(0);
    await fixClient.logout();
  }, 30_000);
});
