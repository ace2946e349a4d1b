// The dashboard's Prometheus text parser on prom-client's own output (GatewayMetrics) and on the format's edge cases.
import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../../../../src/gateway/dashboard/client/prometheus-text.js';
import { feedHubCounterSource } from '../../../../src/gateway/metrics/engine-counter-sources.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';

describe('parsePrometheusText', () => {
  it('reads what GatewayMetrics renders: counters, gauges and histograms with their buckets', async () => {
    const metrics = new GatewayMetrics({ processMetrics: false });
    const hub = new FeedHub();
    metrics.addCounterSource(feedHubCounterSource(hub));
    metrics.onRequest('/v1/books/{instrument}', 'GET', 200, 0.0003);
    metrics.onRequest('/v1/books/{instrument}', 'GET', 200, 0.002);
    const { families, skippedLines } = parsePrometheusText(await metrics.render());
    hub.close();
    expect(skippedLines).toBe(0);
    expect(families.get('zvt_feed_connections')).toMatchObject({ type: 'gauge', samples: [{ name: 'zvt_feed_connections', value: 0 }] });
    const histogram = families.get('zvt_http_request_duration_seconds')!;
    expect(histogram.type).toBe('histogram');
    const count = histogram.samples.find((sample) => sample.name === 'zvt_http_request_duration_seconds_count');
    expect(count).toMatchObject({ value: 2, labels: { route: '/v1/books/{instrument}', method: 'GET', status: '200' } });
    const infinity = histogram.samples.find((sample) => sample.labels.le === '+Inf');
    expect(infinity?.value).toBe(2);
    expect(families.has('zvt_http_request_duration_seconds_bucket')).toBe(false);
  });

  it('handles escapes, special values, timestamps and untyped samples; skips lines that do not parse', () => {
    const text = [
      '# HELP odd A help with a \\\\ backslash and \\n newline',
      '# TYPE odd gauge',
      'odd{path="C:\\\\x",quote="say \\"hi\\"",line="a\\nb"} +Inf 1700000000000',
      'plain 3.5e2',
      'nan_metric NaN',
      'broken{unterminated="x} 1',
      'not a sample',
    ].join('\n');
    const { families, skippedLines } = parsePrometheusText(text);
    expect(families.get('odd')).toEqual({
      name: 'odd',
      type: 'gauge',
      help: 'A help with a \\ backslash and \n newline',
      samples: [{ name: 'odd', labels: { path: 'C:\\x', quote: 'say "hi"', line: 'a\nb' }, value: Number.POSITIVE_INFINITY }],
    });
    expect(families.get('plain')?.samples[0]?.value).toBe(350);
    expect(families.get('nan_metric')?.samples[0]?.value).toBeNaN();
    expect(skippedLines).toBe(2);
  });
});
