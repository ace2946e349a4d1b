// Operational handlers: /healthz (process up), /readyz (store answers, books ready, probes pass), /metrics (prom-client text), /v1/openapi.json.
import type { Store } from '../../store/store.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { json, type RestHandler } from './rest-call.js';
import type { BookProvider, ReadinessProbe } from './rest-context.js';

export interface AuditStatus {
  readonly recorded: number;
  /** Rows handed over but not confirmed by the store (memory + journal). */
  readonly pendingRows: number;
  readonly state: string;
}

export interface OperationsDeps {
  readonly store: Store;
  readonly books: BookProvider;
  readonly probes: readonly ReadinessProbe[];
  readonly metrics: GatewayMetrics;
  readonly openApi: Readonly<Record<string, unknown>>;
  readonly auditStatus: () => AuditStatus;
  readonly readyTimeoutMs: number;
}

export interface OperationsHandlers {
  getHealth: RestHandler;
  getReady: RestHandler;
  getMetrics: RestHandler;
  getOpenApi: RestHandler;
}

export function operationsHandlers(deps: OperationsDeps): OperationsHandlers {
  const started = process.hrtime.bigint();
  const openApiText = JSON.stringify(deps.openApi);
  return {
    getHealth: () => json(200, { status: 'ok', uptimeSeconds: Number(process.hrtime.bigint() - started) / 1e9 }),

    getReady: async () => {
      const checks: Record<string, boolean> = {};
      // A closed or unreachable store fails the count (ZVT_ERR_STORE_CLOSED, a dead QuestDB); a hung one times out.
      checks.store = await withTimeout(deps.store.count('audit').then(() => true, () => false), deps.readyTimeoutMs);
      checks.books = safe(() => deps.books.ready());
      for (const probe of deps.probes) checks[probe.name] = await withTimeout(Promise.resolve().then(() => probe.check()).catch(() => false), deps.readyTimeoutMs);
      const ready = Object.values(checks).every(Boolean);
      return json(ready ? 200 : 503, { ready, checks, audit: deps.auditStatus() });
    },

    getMetrics: async () => ({ status: 200, body: await deps.metrics.render(), contentType: deps.metrics.contentType }),

    getOpenApi: () => ({ status: 200, body: openApiText, contentType: 'application/json; charset=utf-8' }),
  };
}

function safe(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function withTimeout(promise: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
