// GatewayMetrics: the prom-client registry behind /metrics — HTTP requests by route and status, auth refusals, rate-limit refusals, plus the engine's shared counters and histograms.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { AuthFailureReason } from '../auth/request-authenticator.js';
import { gatewayError, ZVT_ERR_GATEWAY_METRICS } from '../errors.js';
import { SharedHistogramMetric } from './shared-histogram-metric.js';
import type { SharedCounterSample, SharedCounterSource, SharedHistogramSample, SharedHistogramSource } from './shared-counter-source.js';

export interface GatewayMetricsOptions {
  /** Node process metrics (CPU, memory, event-loop lag, GC) with the `zvt_` prefix. Default true. */
  readonly processMetrics?: boolean | undefined;
}

type HttpLabels = 'route' | 'method' | 'status';

/** Buckets of zvt_http_request_duration_seconds: 100 µs to 5 s (REST work is cold-path but should be fast). */
const HTTP_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<HttpLabels>;
  private readonly httpDuration: Histogram<HttpLabels>;
  private readonly authFailures: Counter<'reason'>;
  private readonly rateLimitRefusals: Counter<'scope'>;
  private readonly counterSources: { source: SharedCounterSource; samples: readonly SharedCounterSample[] }[] = [];
  private readonly histogramSources: { source: SharedHistogramSource; samples: readonly SharedHistogramSample[] }[] = [];
  private readonly familyNames = new Set<string>();

  constructor(options: GatewayMetricsOptions = {}) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'zvt_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'zvt_http_request_duration_seconds',
      help: 'Time from request to the response being written, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.authFailures = new Counter({ name: 'zvt_auth_failures_total', help: 'Signed requests refused, by reason', labelNames: ['reason'], registers });
    this.rateLimitRefusals = new Counter({
      name: 'zvt_rate_limit_refusals_total',
      help: 'Requests refused with 429, by scope (key: per API key; public: per client address)',
      labelNames: ['scope'],
      registers,
    });
    for (const name of ['zvt_http_requests_total', 'zvt_http_request_duration_seconds', 'zvt_auth_failures_total', 'zvt_rate_limit_refusals_total']) this.familyNames.add(name);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'zvt_' });
  }

  /** One answered request: `route` is the route pattern (`/v1/books/:instrument`), never the raw path, so label values stay few. */
  onRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  onAuthFailure(reason: AuthFailureReason): void {
    this.authFailures.inc({ reason });
  }

  onRateLimited(scope: 'key' | 'public'): void {
    this.rateLimitRefusals.inc({ scope });
  }

  /** A gauge read on each scrape (audit backlog, replay cache size ...). */
  addGauge(name: string, help: string, read: () => number): void {
    this.claim(name);
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** Registers a source's families; its values are read once per scrape in render(). */
  addCounterSource(source: SharedCounterSource): void {
    const entry: { source: SharedCounterSource; samples: readonly SharedCounterSample[] } = { source, samples: [] };
    for (const family of source.families) {
      this.claim(family.name);
      const pick = (): readonly SharedCounterSample[] => entry.samples.filter((sample) => sample.name === family.name);
      const configuration = { name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [this.registry] };
      if (family.type === 'counter') {
        new Counter({
          ...configuration,
          collect() {
            // Absolute values from the engine: start from zero each scrape so vanished label sets vanish too.
            this.reset();
            for (const sample of pick()) this.inc(sample.labels ?? {}, sample.value);
          },
        });
      } else {
        new Gauge({
          ...configuration,
          collect() {
            this.reset();
            for (const sample of pick()) this.set(sample.labels ?? {}, sample.value);
          },
        });
      }
    }
    this.counterSources.push(entry);
  }

  addHistogramSource(source: SharedHistogramSource): void {
    const entry: { source: SharedHistogramSource; samples: readonly SharedHistogramSample[] } = { source, samples: [] };
    for (const family of source.families) {
      this.claim(family.name);
      const metric = new SharedHistogramMetric(family, () => entry.samples.filter((sample) => sample.name === family.name));
      // prom-client's registry renders any object with name/help/type/get(); its Metric type lists only its own classes.
      this.registry.registerMetric(metric as unknown as Metric);
    }
    this.histogramSources.push(entry);
  }

  /** The exposition text: reads every source once, then renders the registry. */
  async render(): Promise<string> {
    await Promise.all([
      ...this.counterSources.map(async (entry) => {
        entry.samples = await entry.source.read();
      }),
      ...this.histogramSources.map(async (entry) => {
        entry.samples = await entry.source.read();
      }),
    ]);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private claim(name: string): void {
    if (this.familyNames.has(name)) throw gatewayError(ZVT_ERR_GATEWAY_METRICS, `metric ${name} is registered twice`, { name });
    this.familyNames.add(name);
  }
}
