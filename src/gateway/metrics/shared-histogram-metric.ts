// A prom-client metric object rendering histograms whose buckets are counted elsewhere (shared memory), as Prometheus `_bucket`/`_sum`/`_count` series.
import type { SharedHistogramFamily, SharedHistogramSample } from './shared-counter-source.js';

interface RenderedValue {
  readonly value: number;
  readonly labels: Record<string, string | number>;
  readonly metricName: string;
}

/**
 * prom-client's Histogram only counts its own observe() calls; the engine's latency histograms
 * are counted by the hot path. The registry renders any object with name, help, type, aggregator
 * and get(); this one turns per-bucket counts into cumulative `le` buckets.
 */
export class SharedHistogramMetric {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(
    private readonly family: SharedHistogramFamily,
    private readonly samples: () => readonly SharedHistogramSample[],
  ) {
    this.name = family.name;
    this.help = family.help;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: RenderedValue[] } {
    const values: RenderedValue[] = [];
    for (const sample of this.samples()) {
      const labels = { ...(sample.labels ?? {}) };
      let cumulative = 0;
      this.family.bucketBounds.forEach((bound, index) => {
        cumulative += sample.bucketCounts[index] ?? 0;
        values.push({ value: cumulative, labels: { ...labels, le: bound }, metricName: `${this.name}_bucket` });
      });
      cumulative += sample.bucketCounts[this.family.bucketBounds.length] ?? 0;
      values.push({ value: cumulative, labels: { ...labels, le: '+Inf' }, metricName: `${this.name}_bucket` });
      values.push({ value: sample.sum, labels, metricName: `${this.name}_sum` });
      values.push({ value: cumulative, labels, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The counts live in the engine; nothing to reset here. */
  reset(): void {}
}
