// SharedCounterSource / SharedHistogramSource: the engine's counters and histograms as metric families and samples, read on each /metrics scrape.
//
// The hot path keeps counters in shared memory (SharedArrayBuffer slots, book engine counter
// arrays, plain counter objects of the feed hub) and never talks to Prometheus. A source declares
// its families once (name, help, type, label names) and returns current values when read; the
// gateway reads every source once per scrape. read() must not block: it copies numbers.

export type SharedMetricType = 'counter' | 'gauge';

export interface SharedMetricFamily {
  /** Prometheus name, `zvt_` prefix, snake case; counters end in `_total`. */
  readonly name: string;
  readonly help: string;
  readonly type: SharedMetricType;
  readonly labelNames: readonly string[];
}

export interface SharedCounterSample {
  /** A family name of the source. */
  readonly name: string;
  readonly value: number;
  /** Values for the family's label names (all of them). */
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

export interface SharedCounterSource {
  readonly families: readonly SharedMetricFamily[];
  /** Current values; may resolve asynchronously (a worker answering a stats request). */
  read(): readonly SharedCounterSample[] | Promise<readonly SharedCounterSample[]>;
}

export interface SharedHistogramFamily {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Upper bounds of the buckets, ascending, in the unit of the name (`_seconds`); +Inf is implied. */
  readonly bucketBounds: readonly number[];
}

export interface SharedHistogramSample {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Observations per bucket, NOT cumulative: one entry per bound plus the last for +Inf. */
  readonly bucketCounts: readonly number[];
  readonly sum: number;
}

export interface SharedHistogramSource {
  readonly families: readonly SharedHistogramFamily[];
  read(): readonly SharedHistogramSample[] | Promise<readonly SharedHistogramSample[]>;
}
