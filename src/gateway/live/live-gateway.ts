// startLiveGateway: the whole HTTP side of a running engine on one uWS app — feed, REST (books from the bridge, store through the recorder), /readyz, /metrics with the engine's counters — plus FIX.
import type { TemplatedApp } from 'uWebSockets.js';
import type { MarketDataEngine } from '../../actors/market-data-engine.js';
import type { Logger } from '../../config/logger.js';
import type { VenueId } from '../../model/venue.js';
import type { BufferedStoreWriter } from '../../store/buffered-store-writer.js';
import type { Store } from '../../store/store.js';
import { auditWriterStatus, createAuditWriter } from '../auth/audit-writer.js';
import type { AuthOptions } from '../auth/auth-options.js';
import type { FeedBridge } from '../engine-feed/feed-bridge.js';
import type { FeedHub } from '../feed/feed-hub.js';
import type { FixAcceptorOptions } from '../fix/fix-acceptor-options.js';
import { GatewayApp, type GatewayAppOptions } from '../gateway-app.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { registerEngineMetrics } from '../metrics/register-engine-metrics.js';
import type { OrderEntryHandler } from '../orders/order-entry-handler.js';
import { mountRestApi, type RestApi } from '../rest/mount-rest-api.js';
import type { BalanceProvider, BookProvider, ReadinessProbe } from '../rest/rest-context.js';
import type { RestLimitOptions } from '../rest/rest-options.js';
import { recorderCounterSource, tolerantRead, workerCounterSource } from './live-metric-sources.js';

export interface LiveGatewayOptions {
  /** The running engine (started with `gateway: true`): instruments, venue and recorder stats, workers. */
  readonly engine: MarketDataEngine;
  readonly hub: FeedHub;
  /** The bridge feeding `hub`; its replica books answer REST book queries. */
  readonly bridge: FeedBridge;
  /** Where REST reads and writes (ingestion, audit): `engine.storeClient()`, the recorder's own connection. */
  readonly store: Store;
  /** Order execution shared by REST and FIX; null: none (REST create/cancel answer 503, no FIX). */
  readonly orders: OrderEntryHandler | null;
  /** The venue `orders` trades on: positions are marked at its books. */
  readonly orderVenue: VenueId;
  readonly balances?: BalanceProvider | undefined;
  /** API keys of REST (and their limits). */
  readonly auth: AuthOptions;
  /** Journal of audit rows the store has not confirmed (written first after a restart). */
  readonly auditJournalDir: string;
  /** The FIX acceptor; null or absent: none. */
  readonly fix?: FixAcceptorOptions | null | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly rest?: RestLimitOptions | undefined;
  /** More routes on the same app after REST, before the catch-all 404 (the dashboard). */
  readonly mountMore?: ((app: TemplatedApp) => void) | undefined;
  /** Passed through to GatewayApp.start (options other helpers add, such as binary order entry). */
  readonly app?: Partial<Omit<GatewayAppOptions, 'hub' | 'host' | 'port' | 'fix' | 'mountRest' | 'logger'>> | undefined;
  readonly logger: Logger;
}

export interface LiveGateway {
  readonly app: GatewayApp;
  readonly rest: RestApi;
  readonly metrics: GatewayMetrics;
  readonly books: BookProvider;
  /** Stops accepting, logs FIX sessions out, closes feed sockets, then flushes the audit trail through the store (call before the engine stops). */
  close(): Promise<void>;
}

/** A scrape waits at most this long for a worker's stats (a restarting worker answers nothing). */
const WORKER_STATS_TIMEOUT_MS = 2_000;
/** How long close() keeps writing audit rows before it journals the rest. */
const AUDIT_CLOSE_DEADLINE_MS = 5_000;

export async function startLiveGateway(options: LiveGatewayOptions): Promise<LiveGateway> {
  const { engine, bridge, logger } = options;
  const registry = engine.registry;
  // Ready once every venue book was synced at least once: a later resync is a book's state, not the gateway's.
  let everySynced = false;
  const books: BookProvider = bridge.bookProvider(() => (everySynced ||= registry.all().every((instrument) => books.venueBook(instrument.id, 1)?.state === 'synced')));
  const readiness: ReadinessProbe[] = [{ name: 'workers', check: () => engine.supervisor.workerInfo().every((worker) => worker.status === 'running') }];

  const metrics = new GatewayMetrics();
  const tolerant = <T>(read: () => Promise<T>, fallback: T, what: string): (() => Promise<T>) => tolerantRead(read, fallback, what, WORKER_STATS_TIMEOUT_MS, logger);
  metrics.addCounterSource(workerCounterSource(engine.supervisor));
  metrics.addCounterSource(recorderCounterSource({ recorderStats: tolerant(() => engine.recorderStats(), null, 'recorder stats') }));

  const auditWriter: BufferedStoreWriter = createAuditWriter({ store: options.store, journalDir: options.auditJournalDir, logger });
  let rest: RestApi | undefined;
  let app: GatewayApp;
  try {
    app = await GatewayApp.start({
      ...options.app,
      hub: options.hub,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      fix: options.fix ?? null,
      mountRest: (uwsApp) => {
        rest = mountRestApi(
          uwsApp,
          { instruments: registry, books, store: options.store, orders: options.orders, orderVenue: options.orderVenue, balances: options.balances, readiness },
          { ...options.rest, auth: options.auth, auditSink: auditWriter, auditStatus: () => auditWriterStatus(auditWriter), metrics, logger },
        );
        options.mountMore?.(uwsApp);
      },
      logger,
    });
  } catch (error) {
    rest?.close();
    await auditWriter.close(AUDIT_CLOSE_DEADLINE_MS);
    throw error;
  }
  // Latency histograms, venue and book counters, feed hub, bridge, FIX and /v1/orders: after start, when the acceptor and the route exist.
  registerEngineMetrics(metrics, {
    engine: {
      latencyHistograms: engine.latencyHistograms,
      venueStats: tolerant(() => engine.venueStats(), [], 'venue stats'),
      instrumentCounters: tolerant(() => engine.instrumentCounters(), [], 'instrument counters'),
    },
    hub: options.hub,
    bridge,
    fix: app.fix,
    orders: app.orders,
  });
  const mounted = rest!;
  let closing: Promise<void> | null = null;
  return {
    app,
    rest: mounted,
    metrics,
    books,
    close() {
      closing ??= (async () => {
        await app.close();
        mounted.close();
        await auditWriter.close(AUDIT_CLOSE_DEADLINE_MS);
      })();
      return closing;
    },
  };
}
