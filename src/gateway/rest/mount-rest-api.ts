// mountRestApi: puts the REST API (/v1/..., /healthz, /readyz, /metrics) on an existing uWS app — the gateway's one app or RestServer's own.
import type { TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../../config/logger.js';
import { AuditTrail, type AuditSink } from '../auth/audit-trail.js';
import type { AuthOptions } from '../auth/auth-options.js';
import { RequestAuthenticator } from '../auth/request-authenticator.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { ingestHandlers } from './ingest-handlers.js';
import { marketDataHandlers } from './market-data-handlers.js';
import { buildOpenApiDocument, type OpenApiInfo } from './openapi-document.js';
import { operationsHandlers } from './operations-handlers.js';
import { orderHandlers } from './order-handlers.js';
import { OrderJournal } from './order-journal.js';
import { portfolioHandlers } from './portfolio-handlers.js';
import type { RestHandlers } from './rest-call.js';
import type { RestContext } from './rest-context.js';
import { resolveRestOptions, type ResolvedRestOptions, type RestLimitOptions } from './rest-options.js';
import { mountRoutes } from './rest-router.js';
import { REST_ROUTES } from './rest-routes.js';

export interface AuditSinkStatus {
  /** Rows handed to the sink and not yet confirmed by the store (memory + journal). */
  readonly pendingRows: number;
  /** The sink's state (BufferedStoreWriter: idle, writing, waiting-to-retry ...). */
  readonly state: string;
}

export interface RestApiOptions extends RestLimitOptions {
  readonly auth: AuthOptions;
  /** Where audit rows go: createAuditWriter(...) (src/gateway/auth/audit-writer.ts) in production. */
  readonly auditSink: AuditSink;
  /** Backlog of the sink, for /readyz and /metrics; default: nothing pending. */
  readonly auditStatus?: (() => AuditSinkStatus) | undefined;
  /** AuditRow.source; default `gateway:rest`. */
  readonly auditSource?: string | undefined;
  /** The gateway's metrics registry (shared with other routes); default a new one. */
  readonly metrics?: GatewayMetrics | undefined;
  readonly logger: Logger;
  readonly openApiInfo?: OpenApiInfo | undefined;
}

export interface RestApi {
  readonly options: ResolvedRestOptions;
  readonly metrics: GatewayMetrics;
  readonly authenticator: RequestAuthenticator;
  readonly audit: AuditTrail;
  readonly journal: OrderJournal;
  readonly openApi: Readonly<Record<string, unknown>>;
  /** Stops following order events and flushes the audit trail to its sink. The app's routes stay (uWS cannot remove them). */
  close(): void;
}

export function mountRestApi(app: TemplatedApp, context: RestContext, options: RestApiOptions): RestApi {
  const resolved = resolveRestOptions(options);
  const authenticator = new RequestAuthenticator(options.auth);
  const metrics = options.metrics ?? new GatewayMetrics();
  const audit = new AuditTrail({ sink: options.auditSink, source: options.auditSource ?? 'gateway:rest' });
  const journal = new OrderJournal(context.orders ?? null, resolved.maxTrackedOrders);
  const openApi = buildOpenApiDocument(REST_ROUTES, options.openApiInfo);
  const auditStatus = options.auditStatus ?? (() => ({ pendingRows: 0, state: 'unknown' }));
  const logger = options.logger.child({ component: 'rest' });

  metrics.addGauge('zvt_audit_rows_recorded', 'Audit rows recorded since start', () => audit.recorded);
  metrics.addGauge('zvt_audit_rows_pending', 'Audit rows not yet confirmed by the store (open batch, memory, journal)', () => audit.recorded - audit.handedOver + auditStatus().pendingRows);
  metrics.addGauge('zvt_auth_replay_entries', 'Signatures remembered for replay protection', () => authenticator.replayEntries);

  const handlers: RestHandlers = {
    ...operationsHandlers({
      store: context.store,
      books: context.books,
      probes: context.readiness ?? [],
      metrics,
      openApi,
      auditStatus: () => {
        const status = auditStatus();
        return { recorded: audit.recorded, pendingRows: audit.recorded - audit.handedOver + status.pendingRows, state: status.state };
      },
      readyTimeoutMs: resolved.readyTimeoutMs,
    }),
    ...marketDataHandlers(context, resolved),
    ...ingestHandlers(context, resolved),
    ...orderHandlers(context.orders ?? null, journal, resolved.orderTimeoutMs),
    ...portfolioHandlers(context, journal),
  };
  mountRoutes(app, REST_ROUTES, { handlers, authenticator, metrics, audit, options: resolved, logger });
  return {
    options: resolved,
    metrics,
    authenticator,
    audit,
    journal,
    openApi,
    close() {
      journal.close();
      audit.close();
    },
  };
}
