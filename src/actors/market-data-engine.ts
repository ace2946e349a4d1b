// Assembles the market-data engine: instruments from each venue's REST, venue and instrument actors, supervisor.
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../config/logger.js';
import { ZvtError } from '../model/errors.js';
import type { InstrumentDefinition } from '../model/instrument.js';
import { InstrumentRegistry } from '../model/instrument-registry.js';
import { parseCanonicalSymbol } from '../model/symbol.js';
import type { VenueId } from '../model/venue.js';
import type { ActorSpec } from './actor.js';
import { ZVT_ERR_ACTOR_TOPOLOGY } from './errors.js';
import { EngineLatencyHistograms } from './engine-latency-histograms.js';
import { allocateGatewayLinks, type EngineGatewayLinks } from './gateway-forwarder.js';
import type { InstrumentActorCounters, InstrumentActorParams, InstrumentActorReport } from './instrument-actor.js';
import type { RecorderActorParams, RecorderControl, RecorderFlushReply, RecorderStats } from './recorder-actor.js';
import { RecorderStoreClient } from './recorder-store-client.js';
import { siblingModuleUrl } from './module-worker.js';
import { parseStoreSpec, type StoreSpec } from '../store/store-spec.js';
import { Supervisor } from './supervisor.js';
import type { FeedCounters } from './venues/common/feed-counters.js';
import { dialectOf } from './venues/dialects.js';
import type { VenueActorParams } from './venues/venue-actor.js';

/** Where one venue is reached (live, simulator or replay server) and what to subscribe there. */
export interface VenueEndpoint {
  venue: VenueId;
  restBaseUrl: string;
  wsBaseUrl: string;
  /** Canonical symbols (`BTC-USDT`, `BTC-USDT-PERP`) to subscribe on this venue. */
  canonicals: readonly string[];
}

export interface MarketDataEngineOptions {
  endpoints: readonly VenueEndpoint[];
  config: Config;
  logger: Logger;
  /** Records carry RecordFlag.REPLAY. */
  replay: boolean;
  parser?: 'fast' | 'reference';
  maxDepth?: number;
  staleAfterMs?: number;
  /** Record every trade and BBO into this store (a `recorder` actor fed by every venue actor); absent: no recording. */
  recorder?: Omit<RecorderActorParams, 'registry' | 'bookSnapshotDepth'>;
  /**
   * With a recorder: each synced book's top `depth` levels at most every `intervalMs`, taken after
   * the first change once the interval has passed (book_snapshots). Default 1000 ms × 20 levels;
   * null for none.
   */
  bookSnapshots?: { intervalMs: number; depth: number } | null;
  /** Instrument actors forward what they apply to the main thread through `engine.gateway` (src/gateway/engine-feed/ reads it). */
  gateway?: boolean;
}

const DEFAULT_BOOK_SNAPSHOTS = { intervalMs: 1000, depth: 20 } as const;

export interface VenueActorStats {
  venue: string;
  /** The venue feed's counters (feed-counters.ts), resyncTimeouts included. */
  feed: FeedCounters;
  records: { bookUpdates: number; snapshots: number; trades: number; bbos: number; gaps: number; droppedUpdates: number; recorded: number; recorderDrops: number };
}

/** Input ring of an instrument actor: holds the largest snapshot seen (Coinbase BTC-USD: 46 000 levels, 2.6 MB). */
const INSTRUMENT_MAILBOX_BYTES = 16 * 1024 * 1024;
/** Recorder input ring per venue: ~80 000 trades (104 bytes each) of slack while the recorder hands a batch to the store. */
const RECORDER_MAILBOX_BYTES = 8 * 1024 * 1024;
const RECORDER_ACTOR_ID = 'recorder';

const VENUE_ACTOR_MODULE = siblingModuleUrl(import.meta.url, 'venues/venue-actor').href;
const INSTRUMENT_ACTOR_MODULE = siblingModuleUrl(import.meta.url, 'instrument-actor').href;
const RECORDER_ACTOR_MODULE = siblingModuleUrl(import.meta.url, 'recorder-actor').href;

/** Levels per side an instrument actor keeps per book, and how long a silent venue book stays in the consolidated book. */
const DEFAULT_MAX_DEPTH = 1000;
const DEFAULT_STALE_AFTER_MS = 30_000;

/** Pages of one instrument list followed at most (Bybit linear: 1000 per page; ~800 contracts listed in 2025). */
const MAX_INSTRUMENT_PAGES = 50;

/** Fetches and parses a venue's instrument list through its dialect (cold path, at startup). */
export async function loadVenueInstruments(endpoint: VenueEndpoint): Promise<InstrumentDefinition[]> {
  const dialect = dialectOf(endpoint.venue);
  const kinds = [...new Set(endpoint.canonicals.map((canonical) => parseCanonicalSymbol(canonical).kind))];
  const definitions: InstrumentDefinition[] = [];
  for (const first of dialect.instrumentRequests(kinds)) {
    // Paged lists (Bybit linear) are followed to their last page; a venue that never ends one is an error, not a hang.
    let path: string | null = first;
    for (let page = 0; path !== null; page++) {
      if (page === MAX_INSTRUMENT_PAGES) throw new ZvtError(ZVT_ERR_ACTOR_TOPOLOGY, `${endpoint.venue}: instruments request ${first} still had more pages after ${MAX_INSTRUMENT_PAGES}`);
      const response = await fetch(`${endpoint.restBaseUrl}${path}`);
      const body = await response.text();
      if (!response.ok) throw new ZvtError(ZVT_ERR_ACTOR_TOPOLOGY, `${endpoint.venue}: instruments request ${path} failed: HTTP ${response.status} ${body.slice(0, 200)}`);
      definitions.push(...dialect.parseInstruments(path, body));
      path = dialect.nextInstrumentRequest?.(path, body) ?? null;
    }
  }
  return definitions;
}

export class MarketDataEngine {
  private constructor(
    readonly supervisor: Supervisor,
    readonly registry: InstrumentRegistry,
    readonly venueActorIds: readonly string[],
    readonly instrumentActorIds: readonly string[],
    /** The recorder actor's id, or null when not recording. */
    readonly recorderActorId: string | null = null,
    /** The instrument actors' rings to the gateway, when started with `gateway: true`. */
    readonly gateway: EngineGatewayLinks | null = null,
    /** The recorder's store (kind and description without credentials), when recording. */
    private readonly recorderStore: StoreSpec | null = null,
    /** Hot-path latency histograms (book apply per venue, written by the instrument actors; feed publish, by the FeedBridge). */
    readonly latencyHistograms: EngineLatencyHistograms,
    /** The instrument actors' book settings: a replica of their books (FeedBridge) must keep the same depth and staleness. */
    readonly bookSettings: { readonly maxDepth: number; readonly staleAfterMs: number } = { maxDepth: DEFAULT_MAX_DEPTH, staleAfterMs: DEFAULT_STALE_AFTER_MS },
  ) {}

  static async start(options: MarketDataEngineOptions): Promise<MarketDataEngine> {
    const { endpoints, config, logger } = options;
    // Only the instruments asked for go into the registry: ids stay dense and small.
    const wanted: InstrumentDefinition[] = [];
    for (const endpoint of endpoints) {
      const available = await loadVenueInstruments(endpoint);
      for (const canonical of endpoint.canonicals) {
        const parts = parseCanonicalSymbol(canonical);
        const match = available.find((definition) => definition.kind === parts.kind && definition.base === parts.base && definition.quote === parts.quote && (parts.expiry === null || definition.expiry === parts.expiry));
        if (match === undefined) logger.warn({ venue: endpoint.venue, canonical }, 'instrument not listed by the venue; not subscribed');
        else wanted.push(match);
      }
    }
    const registry = new InstrumentRegistry(wanted);
    const registryData = registry.toData();
    const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;

    const canonicals = [...new Set(registry.all().map((instrument) => instrument.canonical))];
    const instrumentActorOf = new Map(canonicals.map((canonical) => [canonical, `instrument:${canonical}`]));
    const venues = [...new Set(endpoints.map((endpoint) => endpoint.venue))];
    const specs: ActorSpec[] = [];
    for (const endpoint of endpoints) {
      const instruments = registry.all().filter((instrument) => instrument.venue === endpoint.venue);
      const routes: Record<number, string> = {};
      for (const instrument of instruments) routes[instrument.numericId] = instrumentActorOf.get(instrument.canonical)!;
      const params: VenueActorParams = {
        venue: endpoint.venue,
        restBaseUrl: endpoint.restBaseUrl,
        wsBaseUrl: endpoint.wsBaseUrl,
        registry: registryData,
        instrumentIds: instruments.map((instrument) => instrument.numericId),
        routes,
        parser: options.parser ?? 'fast',
        staleAfterMs,
        replay: options.replay,
      };
      if (options.recorder !== undefined) params.recorder = RECORDER_ACTOR_ID;
      specs.push({ id: `venue:${endpoint.venue}`, module: VENUE_ACTOR_MODULE, params, usesEventLoop: true });
    }
    const bookSnapshots = options.recorder === undefined ? null : options.bookSnapshots === undefined ? DEFAULT_BOOK_SNAPSHOTS : options.bookSnapshots;
    if (options.recorder !== undefined) {
      const params: RecorderActorParams = { ...options.recorder, registry: registryData, ...(bookSnapshots === null ? {} : { bookSnapshotDepth: bookSnapshots.depth }) };
      // Event loop: its store writes are async I/O, so its worker must never block in Atomics.wait.
      specs.push({ id: RECORDER_ACTOR_ID, module: RECORDER_ACTOR_MODULE, inputs: [...venues.map((venue) => `venue:${venue}`), ...(bookSnapshots === null ? [] : canonicals.map((canonical) => instrumentActorOf.get(canonical)!))], params, mailboxBytes: Math.max(config.runtime.mailbox.capacityBytes, RECORDER_MAILBOX_BYTES), usesEventLoop: true });
    }
    const gateway = options.gateway === true ? allocateGatewayLinks(canonicals) : null;
    const latencyHistograms = new EngineLatencyHistograms();
    for (const canonical of canonicals) {
      const instruments = registry.byCanonical(canonical);
      const venueActorOf: Record<number, string> = {};
      for (const instrument of instruments) venueActorOf[instrument.numericId] = `venue:${instrument.venue}`;
      const params: InstrumentActorParams = { registry: registryData, canonical, instrumentIds: instruments.map((instrument) => instrument.numericId), maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH, staleAfterMs, venueActorOf, replay: options.replay };
      params.latency = latencyHistograms.allocateInstrument(canonical, [...new Set(instruments.map((instrument) => instrument.venue))]);
      const gatewayRing = gateway?.rings.find((link) => link.canonical === canonical);
      if (gatewayRing !== undefined) params.gateway = { ring: gatewayRing.ring, doorbell: gateway!.doorbell };
      if (bookSnapshots !== null) {
        params.recorder = RECORDER_ACTOR_ID;
        params.bookSnapshots = bookSnapshots;
      }
      specs.push({
        id: instrumentActorOf.get(canonical)!,
        module: INSTRUMENT_ACTOR_MODULE,
        inputs: [...new Set(instruments.map((instrument) => `venue:${instrument.venue}`))],
        params,
        mailboxBytes: Math.max(config.runtime.mailbox.capacityBytes, INSTRUMENT_MAILBOX_BYTES),
      });
    }
    // Default placement for a small box: venues (I/O on the event loop) on one worker, books on another.
    const placement: Record<string, string> = {};
    // The recorder gets its own worker: appending a batch to DuckDB is synchronous work that must not delay books or feeds.
    for (const spec of specs) placement[spec.id] = config.runtime.placement[spec.id] ?? (spec.id.startsWith('venue:') ? 'venues' : spec.id === RECORDER_ACTOR_ID ? 'recorder' : 'books');
    const placedConfig: Config = { ...config, runtime: { ...config.runtime, placement } };
    const supervisor = new Supervisor(specs, placedConfig, logger.child({ component: 'supervisor' }));
    latencyHistograms.calibrate(supervisor.clockBase);
    await supervisor.start();
    logger.info({ venues, instruments: registry.size, canonicals: canonicals.length }, 'market-data engine running');
    return new MarketDataEngine(supervisor, registry, venues.map((venue) => `venue:${venue}`), canonicals.map((canonical) => instrumentActorOf.get(canonical)!), options.recorder === undefined ? null : RECORDER_ACTOR_ID, gateway, options.recorder === undefined ? null : parseStoreSpec(options.recorder.store), latencyHistograms, { maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH, staleAfterMs });
  }

  async venueStats(): Promise<VenueActorStats[]> {
    return (await Promise.all(this.venueActorIds.map((id) => this.supervisor.request(id, 'stats')))) as VenueActorStats[];
  }

  async instrumentReports(): Promise<InstrumentActorReport[]> {
    return (await Promise.all(this.instrumentActorIds.map((id) => this.supervisor.request(id, 'report')))) as InstrumentActorReport[];
  }

  /** Per-book counters of every instrument actor (one `counters` request each; for /metrics). */
  async instrumentCounters(): Promise<InstrumentActorCounters[]> {
    return (await Promise.all(this.instrumentActorIds.map((id) => this.supervisor.request(id, 'counters')))) as InstrumentActorCounters[];
  }

  async recorderStats(): Promise<RecorderStats | null> {
    if (this.recorderActorId === null) return null;
    return (await this.supervisor.request(this.recorderActorId, 'stats' satisfies RecorderControl)) as RecorderStats;
  }

  /** Waits until the recorder wrote everything it has read (its rings are drained first); `done` false after `timeoutMs`. */
  async flushRecorder(timeoutMs: number): Promise<RecorderFlushReply | null> {
    if (this.recorderActorId === null) return null;
    return (await this.supervisor.request(this.recorderActorId, { type: 'flush', timeoutMs } satisfies RecorderControl, timeoutMs + 5000)) as RecorderFlushReply;
  }

  /**
   * The recorder's store for the main thread (REST reads, ingestion, audit rows): every call is a
   * request the recorder answers on its own connection, the only writer of the file. Null when the
   * engine does not record. Its close() does nothing: the store closes when the recorder stops.
   */
  storeClient(timeoutMs?: number): RecorderStoreClient | null {
    if (this.recorderActorId === null || this.recorderStore === null) return null;
    return new RecorderStoreClient({ channel: this.supervisor, actorId: this.recorderActorId, kind: this.recorderStore.kind, description: this.recorderStore.description, timeoutMs });
  }

  stop(): Promise<void> {
    this.latencyHistograms.stop();
    return this.supervisor.stop();
  }
}
