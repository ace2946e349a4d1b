// A REST server on 127.0.0.1 port 0 over real parts: DuckDB store in a temp dir, TsBookEngine fed scripted venue snapshots through a ring, a simulated Binance behind the sim order handler, and signed fetch helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../../../src/config/logger.js';
import { auditWriterStatus, createAuditWriter } from '../../../../src/gateway/auth/audit-writer.js';
import type { ApiKeyOptions, AuthOptions } from '../../../../src/gateway/auth/auth-options.js';
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import type { OrderEntryHandler } from '../../../../src/gateway/orders/order-entry-handler.js';
import { createSimOrderEntryHandler, type SimOrderEntryHandler } from '../../../../src/gateway/orders/sim-order-entry-handler.js';
import { EngineBookProvider } from '../../../../src/gateway/rest/engine-book-provider.js';
import type { RestApiOptions } from '../../../../src/gateway/rest/mount-rest-api.js';
import type { RestContext } from '../../../../src/gateway/rest/rest-context.js';
import { RestServer } from '../../../../src/gateway/rest/rest-server.js';
import type { RestLimitOptions } from '../../../../src/gateway/rest/rest-options.js';
import { TsBookEngine } from '../../../../src/hotpath/book/ts-book-engine.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { BookSide } from '../../../../src/model/record-types.js';
import { simDemoAccounts } from '../../../../src/sim/exchange/demo-accounts.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { openStore } from '../../../../src/store/open-store.js';
import type { Store } from '../../../../src/store/store.js';
import type { BufferedStoreWriter } from '../../../../src/store/buffered-store-writer.js';
import { BookRing, flattenEvent, type FlatRecord, type LevelSpec } from '../../../helpers/book-records.js';
import { testConfig } from '../../../helpers/test-config.js';

export const TRADER: ApiKeyOptions = { keyId: 'trader-1', secret: 'trader-secret-0123456789', accountId: 'binance-demo', permissions: ['read', 'trade'] };
export const READER: ApiKeyOptions = { keyId: 'reader-1', secret: 'reader-secret-0123456789', accountId: 'binance-demo', permissions: ['read'] };
export const INGESTER: ApiKeyOptions = { keyId: 'ingest-1', secret: 'ingest-secret-0123456789', accountId: 'ingest', permissions: ['ingest'] };
export const LIMITED: ApiKeyOptions = {
  keyId: 'limited-1',
  secret: 'limited-secret-0123456789',
  accountId: 'binance-demo',
  permissions: ['read'],
  rateLimit: { requestsPerSecond: 1, burst: 2 },
};

/** binance:BTC-USDT (id 0) and okx:BTC-USDT (id 1) share the BTC-USDT scale: 2 price and 8 size decimals. */
export const INSTRUMENTS = [
  { venue: 'binance', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.00001' },
  { venue: 'okx', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTC-USDT', tickSize: '0.1', lotSize: '0.00000001' },
  { venue: 'binance', kind: 'spot', base: 'ETH', quote: 'USDT', native: 'ETHUSDT', tickSize: '0.01', lotSize: '0.0001' },
] as const;

export interface HarnessOptions {
  readonly auth?: Partial<AuthOptions>;
  readonly rest?: RestLimitOptions;
  /** Puts something between the REST API and the sim handler (e.g. a handler that answers later). */
  readonly orders?: (handler: OrderEntryHandler) => OrderEntryHandler;
}

export class RestHarness {
  readonly directory = mkdtempSync(join(tmpdir(), 'zvt-rest-'));
  readonly registry = new InstrumentRegistry(INSTRUMENTS.map((definition) => ({ ...definition })));
  readonly engine = new TsBookEngine();
  readonly exchange: SimExchange;
  readonly handler: SimOrderEntryHandler;
  readonly metrics = new GatewayMetrics();
  server!: RestServer;
  store!: Store;
  auditWriter!: BufferedStoreWriter;
  private readonly ring = new BookRing(64 * 1024, 4096);

  private constructor() {
    // A fixed simulator clock: its book stays where it is, so order prices are known in advance.
    this.exchange = createSimExchange({ venue: 'binance', seed: 11, startMs: Date.UTC(2025, 0, 2, 12), accounts: simDemoAccounts('binance', 11) });
    this.handler = createSimOrderEntryHandler({ exchange: this.exchange });
    this.orders = this.handler;
    for (const instrument of this.registry.all()) {
      this.engine.addBook({
        instrumentId: instrument.numericId,
        maxDepth: 100,
        tickSize: instrument.tickSizeMantissa,
        priceDecimals: instrument.priceDecimals,
        sizeDecimals: instrument.sizeDecimals,
      });
    }
    this.engine.addConsolidated({ groupId: 0, members: [{ instrumentId: 0, takerFeeBps: 10 }, { instrumentId: 1, takerFeeBps: 8 }], staleAfterNs: Number.MAX_SAFE_INTEGER });
  }

  static async start(options: HarnessOptions = {}): Promise<RestHarness> {
    const harness = new RestHarness();
    await harness.startServer(options);
    return harness;
  }

  private orders: OrderEntryHandler;

  private async startServer(options: HarnessOptions): Promise<void> {
    this.orders = options.orders?.(this.handler) ?? this.handler;
    const logger = createLogger(testConfig({ log: { level: 'error' } }), { component: 'rest-test' });
    this.store = await openStore(`duckdb:${join(this.directory, 'rest.duckdb')}`);
    this.auditWriter = createAuditWriter({ store: this.store, journalDir: join(this.directory, 'audit-journal'), logger, retryInitialMs: 50, retryMaxMs: 200 });
    this.server = await RestServer.start(this.context(), this.apiOptions(options, logger));
  }

  /** The providers the server reads: registry, engine books, DuckDB store, sim order handler, sim balances. */
  context(): RestContext {
    return {
      instruments: this.registry,
      books: new EngineBookProvider({
        engine: this.engine,
        registry: this.registry,
        books: this.registry.all().map((instrument) => instrument.id),
        groups: [{ canonical: 'BTC-USDT', groupId: 0, members: ['binance:BTC-USDT', 'okx:BTC-USDT'] }],
        nowNs: () => 2_000,
      }),
      store: this.store,
      orders: this.orders,
      orderVenue: 'binance',
      balances: { balances: (accountId) => this.exchange.balances(accountId).map((balance) => ({ asset: balance.asset, free: balance.free, locked: balance.locked })) },
    };
  }

  apiOptions(options: HarnessOptions, logger: Logger, metrics: GatewayMetrics = this.metrics): RestApiOptions {
    const writer = this.auditWriter;
    return {
      auth: { keys: [TRADER, READER, INGESTER, LIMITED], publicRateLimit: { requestsPerSecond: 1000, burst: 1000 }, ...options.auth },
      ...options.rest,
      auditSink: writer,
      auditStatus: () => auditWriterStatus(writer),
      metrics,
      logger,
    };
  }

  get url(): string {
    return this.server.url;
  }

  /** A full venue snapshot: [price mantissa, size mantissa] levels at 2 / 8 decimals. */
  snapshot(instrumentId: number, sequence: number, bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]): void {
    const level = (side: BookSide, [price, size]: readonly [number, number]): LevelSpec => ({ side, price, size, priceTextDecimals: 2, sizeTextDecimals: 8 });
    const records: FlatRecord[] = [];
    flattenEvent(
      { kind: 'snapshot', instrumentId, sequence, checksum: 0, levels: [...bids.map((entry) => level(BookSide.BID, entry)), ...asks.map((entry) => level(BookSide.ASK, entry))] },
      records,
    );
    for (const record of records) if (!this.ring.tryWrite(record)) throw new Error('harness ring full');
    this.ring.publish();
    const count = this.ring.gather(4096);
    this.engine.applyBatch(this.ring.consumer, this.ring.types, this.ring.offsets, count, 1_000);
    this.ring.release();
  }

  /** Best bid and ask of the simulator's BTCUSDT in ticks, and price text of a tick count. */
  simTouch(): { bid: number; ask: number; bidSize: number; askSize: number; price: (ticks: number) => string; size: (lots: number) => string } {
    const snapshot = this.exchange.snapshot('BTCUSDT', 1);
    const instrument = this.exchange.listing('BTCUSDT')!.instrument;
    return {
      bid: snapshot.bids[0]!.priceTicks,
      ask: snapshot.asks[0]!.priceTicks,
      bidSize: snapshot.bids[0]!.sizeLots,
      askSize: snapshot.asks[0]!.sizeLots,
      price: (ticks) => priceText(instrument, ticks),
      size: (lots) => sizeText(instrument, lots),
    };
  }

  /** An unsigned request. */
  get(pathWithQuery: string): Promise<Response> {
    return fetch(`${this.url}${pathWithQuery}`);
  }

  /** A signed request of `key` at `nowMs` (default now). */
  signed(key: ApiKeyOptions, method: string, pathWithQuery: string, body?: unknown, nowMs = Date.now()): Promise<Response> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = signedRequestHeaders(key, method, pathWithQuery, text, nowMs);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.url}${pathWithQuery}`, { method, headers, ...(body === undefined ? {} : { body: text }) });
  }

  async close(): Promise<void> {
    this.server.close();
    this.handler.close();
    await this.auditWriter.close(2_000);
    await this.store.close().catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** The JSON error body's code. */
export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? '';
}
