// Health tables from /metrics scrapes: feed counters with rates, venue rows, histogram quantile bounds, and nothing for families that are absent.
import { describe, expect, it } from 'vitest';
import { quantileBound, summarizeHealth } from '../../../../src/gateway/dashboard/client/health-summary.js';
import { parsePrometheusText } from '../../../../src/gateway/dashboard/client/prometheus-text.js';

function scrape(text: string, atMs: number): { families: ReturnType<typeof parsePrometheusText>['families']; atMs: number } {
  return { families: parsePrometheusText(text).families, atMs };
}

describe('summarizeHealth', () => {
  it('shows feed totals with per-second rates between scrapes and one row per venue', () => {
    const first = scrape(['# TYPE zvt_feed_messages_sent_total counter', 'zvt_feed_messages_sent_total 1000', '# TYPE zvt_feed_connections gauge', 'zvt_feed_connections 2'].join('\n'), 0);
    const second = scrape(
      [
        '# TYPE zvt_feed_messages_sent_total counter',
        'zvt_feed_messages_sent_total 1500',
        '# TYPE zvt_feed_connections gauge',
        'zvt_feed_connections 3',
        '# TYPE zvt_venue_frames_total counter',
        'zvt_venue_frames_total{venue="okx"} 7',
        'zvt_venue_frames_total{venue="binance"} 9',
        '# TYPE zvt_venue_gaps_total counter',
        'zvt_venue_gaps_total{venue="binance"} 1',
      ].join('\n'),
      2_000,
    );
    const tables = summarizeHealth(second, first);
    expect(tables.map((table) => table.title)).toEqual(['Feed (gateway)', 'Venues']);
    expect(tables[0]!.rows).toEqual([
      ['connections open', '3', ''],
      ['messages sent', '1,500', '250/s'],
    ]);
    const venues = tables[1]!;
    expect(venues.rows.map((row) => row[0])).toEqual(['binance', 'okx']);
    expect(venues.rows[0]![venues.columns.indexOf('gaps')]).toBe('1');
    expect(venues.rows[1]![venues.columns.indexOf('gaps')]).toBe('–');
  });

  it('summarises histograms by bucket bounds, never inventing values between them', () => {
    const text = [
      '# TYPE zvt_feed_latency_seconds histogram',
      'zvt_feed_latency_seconds_bucket{hop="client_sent",le="0.00001"} 50',
      'zvt_feed_latency_seconds_bucket{hop="client_sent",le="0.0001"} 95',
      'zvt_feed_latency_seconds_bucket{hop="client_sent",le="0.001"} 100',
      'zvt_feed_latency_seconds_bucket{hop="client_sent",le="+Inf"} 100',
      'zvt_feed_latency_seconds_sum{hop="client_sent"} 0.002',
      'zvt_feed_latency_seconds_count{hop="client_sent"} 100',
    ].join('\n');
    const [table] = summarizeHealth(scrape(text, 0), null);
    expect(table!.title).toBe('Histograms (latency, GC …)');
    expect(table!.rows).toEqual([['zvt_feed_latency_seconds', 'hop=client_sent', '100', '20 µs', '10 µs', '100 µs', '1.00 ms']]);
    expect(quantileBound({ bounds: new Map([[1, 0]]), count: 0 }, 0.5)).toBeNull();
    expect(quantileBound({ bounds: new Map([[1, 1]]), count: 2 }, 0.99)).toBe(Number.POSITIVE_INFINITY);
  });

  it('answers no tables for an exposition without the families it knows', () => {
    expect(summarizeHealth(scrape('# TYPE something_else counter\nsomething_else 1', 0), null)).toEqual([]);
  });
});
