// Turns two successive /metrics scrapes into the health panel's tables: feed, venues, FIX, latency histograms, process — only families that exist.
import type { MetricFamily, MetricSample } from './prometheus-text.js';

export interface HealthTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface MetricsScrape {
  readonly families: ReadonlyMap<string, MetricFamily>;
  /** Page clock at the scrape, ms (performance.now or Date.now: only differences are used). */
  readonly atMs: number;
}

/** Quantiles shown for every histogram, as the upper bound of the bucket that holds them. */
const QUANTILES = [0.5, 0.9, 0.99] as const;
/** A histogram family with more label sets than this is shown as one row summed over them (HTTP routes × statuses). */
const MAX_HISTOGRAM_ROWS_PER_FAMILY = 6;

const FEED_ROWS: readonly [metric: string, label: string][] = [
  ['zvt_feed_connections', 'connections open'],
  ['zvt_feed_conflated_connections', 'conflated now'],
  ['zvt_feed_messages_published_total', 'messages published'],
  ['zvt_feed_messages_sent_total', 'messages sent'],
  ['zvt_feed_bytes_sent_total', 'bytes sent'],
  ['zvt_feed_messages_skipped_total', 'skipped (conflated)'],
  ['zvt_feed_conflations_total', 'conflations'],
  ['zvt_feed_slow_consumer_drops_total', 'slow-consumer drops'],
  ['zvt_feed_sends_refused_total', 'sends refused'],
  ['zvt_feed_control_errors_total', 'control errors'],
];

const VENUE_COLUMNS: readonly [metric: string, label: string][] = [
  ['zvt_venue_frames_total', 'frames'],
  ['zvt_venue_book_updates_total', 'book updates'],
  ['zvt_venue_trades_total', 'trades'],
  ['zvt_venue_gaps_total', 'gaps'],
  ['zvt_venue_resyncs_total', 'resyncs'],
  ['zvt_venue_reconnects_total', 'reconnects'],
  ['zvt_venue_errors_total', 'errors'],
  ['zvt_venue_dropped_updates_total', 'dropped'],
  ['zvt_venue_recorder_drops_total', 'recorder drops'],
];

const FIX_ROWS: readonly [metric: string, label: string][] = [
  ['zvt_fix_open_connections', 'open connections'],
  ['zvt_fix_logons_accepted_total', 'logons accepted'],
  ['zvt_fix_logons_refused_total', 'logons refused'],
  ['zvt_fix_rejects_sent_total', 'session rejects sent'],
  ['zvt_fix_garbled_frames_total', 'garbled frames'],
  ['zvt_fix_slow_consumers_total', 'slow consumers'],
];

const PROCESS_ROWS: readonly [metric: string, label: string, unit: 'bytes' | 'seconds' | 'count'][] = [
  ['zvt_process_resident_memory_bytes', 'resident memory', 'bytes'],
  ['zvt_nodejs_heap_size_used_bytes', 'heap used', 'bytes'],
  ['zvt_nodejs_eventloop_lag_p99_seconds', 'event-loop lag p99', 'seconds'],
  ['zvt_nodejs_active_handles_total', 'active handles', 'count'],
  ['zvt_audit_rows_pending', 'audit rows pending', 'count'],
  ['zvt_auth_replay_entries', 'replay-guard entries', 'count'],
];

/** The panel's tables, in display order; a table is left out when /metrics has none of its families. */
export function summarizeHealth(current: MetricsScrape, previous: MetricsScrape | null): HealthTable[] {
  const tables: HealthTable[] = [];
  const rate = rateReader(current, previous);
  const counterRows = (rows: readonly [string, string][]): string[][] =>
    rows.flatMap(([metric, label]) => {
      const family = current.families.get(metric);
      if (family === undefined || family.samples.length === 0) return [];
      const value = sum(family.samples);
      const perSecond = family.type === 'counter' ? rate(metric, family.samples) : null;
      return [[label, formatCount(value), perSecond === null ? '' : `${formatRate(perSecond)}/s`]];
    });
  const feed = counterRows(FEED_ROWS);
  if (feed.length > 0) tables.push({ title: 'Feed (gateway)', columns: ['', 'total', 'rate'], rows: feed });
  const venues = venueRows(current.families, rate);
  if (venues.length > 0) tables.push({ title: 'Venues', columns: ['venue', ...VENUE_COLUMNS.map(([, label]) => label)], rows: venues });
  const fix = counterRows(FIX_ROWS);
  if (fix.length > 0) tables.push({ title: 'FIX acceptor', columns: ['', 'total', 'rate'], rows: fix });
  const latency = histogramRows(current.families);
  if (latency.length > 0) tables.push({ title: 'Histograms (latency, GC …)', columns: ['histogram', 'labels', 'count', 'mean', 'p50 ≤', 'p90 ≤', 'p99 ≤'], rows: latency });
  const process = processRows(current.families, rate);
  if (process.length > 0) tables.push({ title: 'Process', columns: ['', 'value'], rows: process });
  return tables;
}

type RateReader = (metric: string, samples: readonly MetricSample[]) => number | null;

function rateReader(current: MetricsScrape, previous: MetricsScrape | null): RateReader {
  return (metric, samples) => {
    const before = previous?.families.get(metric);
    if (previous === null || before === undefined) return null;
    const seconds = (current.atMs - previous.atMs) / 1000;
    const delta = sum(samples) - sum(before.samples);
    // A counter that went down was reset (process restart): no rate rather than a negative one.
    return seconds <= 0 || delta < 0 ? null : delta / seconds;
  };
}

function venueRows(families: ReadonlyMap<string, MetricFamily>, rate: RateReader): string[][] {
  const venues = new Set<string>();
  for (const [metric] of VENUE_COLUMNS) for (const sample of families.get(metric)?.samples ?? []) if (sample.labels.venue !== undefined) venues.add(sample.labels.venue);
  return [...venues].sort().map((venue) => [
    venue,
    ...VENUE_COLUMNS.map(([metric]) => {
      const samples = (families.get(metric)?.samples ?? []).filter((sample) => sample.labels.venue === venue);
      if (samples.length === 0) return '–';
      const perSecond = metric === 'zvt_venue_frames_total' ? rate(`${metric}`, samples) : null;
      return perSecond === null ? formatCount(sum(samples)) : `${formatCount(sum(samples))} (${formatRate(perSecond)}/s)`;
    }),
  ]);
}

function processRows(families: ReadonlyMap<string, MetricFamily>, rate: RateReader): string[][] {
  const rows: string[][] = [];
  const cpu = families.get('zvt_process_cpu_seconds_total');
  if (cpu !== undefined) {
    const perSecond = rate(cpu.name, cpu.samples);
    rows.push(['CPU', perSecond === null ? `${sum(cpu.samples).toFixed(1)} s total` : `${(perSecond * 100).toFixed(0)} % of a core`]);
  }
  for (const [metric, label, unit] of PROCESS_ROWS) {
    const family = families.get(metric);
    if (family === undefined || family.samples.length === 0) continue;
    const value = sum(family.samples);
    rows.push([label, unit === 'bytes' ? formatBytes(value) : unit === 'seconds' ? formatSeconds(value) : formatCount(value)]);
  }
  return rows;
}

interface Buckets {
  labels: string;
  bounds: Map<number, number>;
  sum: number;
  count: number;
}

function histogramRows(families: ReadonlyMap<string, MetricFamily>): string[][] {
  const rows: string[][] = [];
  for (const family of [...families.values()].sort((left, right) => left.name.localeCompare(right.name))) {
    if (family.type !== 'histogram') continue;
    const series = new Map<string, Buckets>();
    for (const sample of family.samples) {
      const { le, ...rest } = sample.labels;
      const key = Object.entries(rest)
        .map(([name, value]) => `${name}=${value}`)
        .join(',');
      let buckets = series.get(key);
      if (buckets === undefined) {
        buckets = { labels: key, bounds: new Map(), sum: 0, count: 0 };
        series.set(key, buckets);
      }
      if (sample.name.endsWith('_bucket') && le !== undefined) buckets.bounds.set(boundOf(le), sample.value);
      else if (sample.name.endsWith('_sum')) buckets.sum = sample.value;
      else if (sample.name.endsWith('_count')) buckets.count = sample.value;
    }
    const shown = series.size > MAX_HISTOGRAM_ROWS_PER_FAMILY ? [mergeBuckets([...series.values()])] : [...series.values()];
    const unit = unitOf(family.name);
    for (const buckets of shown) {
      const quantiles = QUANTILES.map((quantile) => quantileBound(buckets, quantile));
      rows.push([
        family.name,
        buckets.labels === '' ? '' : buckets.labels,
        formatCount(buckets.count),
        buckets.count === 0 ? '–' : formatValue(buckets.sum / buckets.count, unit),
        ...quantiles.map((bound) => (bound === null ? '–' : bound === Number.POSITIVE_INFINITY ? '> last bucket' : formatValue(bound, unit))),
      ]);
    }
  }
  return rows;
}

function mergeBuckets(all: readonly Buckets[]): Buckets {
  const merged: Buckets = { labels: `all ${all.length} series`, bounds: new Map(), sum: 0, count: 0 };
  for (const buckets of all) {
    merged.sum += buckets.sum;
    merged.count += buckets.count;
    for (const [bound, count] of buckets.bounds) merged.bounds.set(bound, (merged.bounds.get(bound) ?? 0) + count);
  }
  return merged;
}

/** Upper bound of the first cumulative bucket holding `quantile` of the observations; null when empty. */
export function quantileBound(buckets: { bounds: ReadonlyMap<number, number>; count: number }, quantile: number): number | null {
  if (buckets.count <= 0) return null;
  const target = quantile * buckets.count;
  for (const [bound, cumulative] of [...buckets.bounds.entries()].sort(([left], [right]) => left - right)) if (cumulative >= target) return bound;
  return Number.POSITIVE_INFINITY;
}

function boundOf(le: string): number {
  return le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
}

type Unit = 'seconds' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'bytes' | 'none';

function unitOf(name: string): Unit {
  if (/_seconds$/.test(name)) return 'seconds';
  if (/_(nanoseconds|ns)$/.test(name)) return 'nanoseconds';
  if (/_(microseconds|us)$/.test(name)) return 'microseconds';
  if (/_(milliseconds|ms)$/.test(name)) return 'milliseconds';
  if (/_bytes$/.test(name)) return 'bytes';
  return 'none';
}

function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'seconds':
      return formatSeconds(value);
    case 'nanoseconds':
      return formatSeconds(value / 1e9);
    case 'microseconds':
      return formatSeconds(value / 1e6);
    case 'milliseconds':
      return formatSeconds(value / 1e3);
    case 'bytes':
      return formatBytes(value);
    case 'none':
      return formatCount(value);
  }
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 1e-6) return `${(seconds * 1e9).toFixed(0)} ns`;
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(seconds < 1e-5 ? 1 : 0)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(seconds < 1e-2 ? 2 : 1)} ms`;
  return `${seconds.toFixed(2)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(3);
}

function formatRate(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function sum(samples: readonly MetricSample[]): number {
  let total = 0;
  for (const sample of samples) total += sample.value;
  return total;
}
