// One `zvt replay` run: serve each recording, run the real venue adapters against the servers, report.
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../config/logger.js';
import type { InstrumentActorReport } from '../actors/instrument-actor.js';
import { MarketDataEngine, type VenueActorStats, type VenueEndpoint } from '../actors/market-data-engine.js';
import type { RecorderFlushReply } from '../actors/recorder-actor.js';
import { storeError, ZVT_ERR_STORE_WRITE } from '../store/errors.js';
import { journalDirectoryOf } from '../store/journal/journal-directory.js';
import { loadRecording } from '../sim/recording/read-recording.js';
import type { Recording } from '../sim/recording/recording-format.js';
import type { ReplayFaults } from '../sim/replay/replay-faults.js';
import { ReplayServer } from '../sim/replay/replay-server.js';
import { parseVenueId } from '../model/venue.js';
import { BookState } from '../hotpath/book/book-engine.js';

/** `--stats-json` content for one recording (issue format; one object per venue). */
export interface ReplayStats {
  venue: string;
  frames: number;
  bookUpdates: number;
  trades: number;
  integrity: {
    gaps: number;
    resyncs: number;
    /** Resyncs whose snapshot did not come within the deadline and were issued again (a lost or hung snapshot). */
    resyncTimeouts: number;
    checksumsVerified: number;
    checksumFailures: number;
    /** Venue connections that closed and were reopened. */
    reconnects: number;
    /** Per book (same keys as `books`): GAP records it received (sequence gap, checksum resync, reconnect); 0 = never interrupted. */
    gapRecords: Record<string, number>;
  };
  books: Record<string, { bids: [string, string][]; asks: [string, string][] }>;
}

export interface ReplaySessionOptions {
  /** Faults each replay server injects (replay-faults.ts), in the order of the recordings; none by default. */
  faults?: readonly (ReplayFaults | undefined)[];
  /** Record the replayed trades and quotes into a store; none by default (see `zvt replay --store`). */
  record?: ReplayRecordOptions;
}

export interface ReplayRecordOptions {
  /** Store spec (`duckdb:<path>` | `questdb:<client config>`). */
  store: string;
  /** How long to wait at the end for the store to confirm every row (default 60 s); then the rest stays in the journal. */
  flushTimeoutMs?: number;
  /** Called with the recorder's final report, before the engine stops. */
  onRecorded?(reply: RecorderFlushReply): void;
}

/** Channels of the recorder's header config whose symbols the adapters subscribe. */
const RECORDED_CHANNELS = ['l2_book', 'trades', 'ticker'];

/** The recorder's symbols are canonical symbols already (`BTC-USDT-PERP`, `NKN-USDT`). */
function recordedCanonicals(recording: Recording): string[] {
  const config = recording.header.config ?? {};
  const symbols = new Set<string>();
  for (const channel of RECORDED_CHANNELS) {
    const list = config[channel];
    if (Array.isArray(list)) for (const symbol of list) if (typeof symbol === 'string') symbols.add(symbol);
  }
  return [...symbols];
}

/**
 * Book keys of the stats: `<venue>:<native>`; Bybit's linear and spot books share native
 * symbols, so its keys carry the category (`bybit:linear:BTCUSDT`, `bybit:spot:BTCUSDT`).
 */
export function bookKey(venue: string, kind: string, native: string): string {
  if (venue === 'bybit') return `bybit:${kind === 'spot' ? 'spot' : 'linear'}:${native}`;
  return `${venue}:${native}`;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until every server delivered its recording, every venue actor read every frame the servers
 * sent (recorded ones not withheld, plus replies and fresh snapshots they wrote), the instrument
 * actors stopped receiving records (their rings are drained), and no book is waiting for a resync
 * (a checksum failure's or a REST snapshot's can come after the last recorded frame).
 */
async function waitForDrain(engine: MarketDataEngine, servers: ReplayServer[], recordings: Recording[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The timeout must be cancelled once the servers finish, or it keeps the process alive after the report.
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(servers.map((server) => (server.finished ? Promise.resolve() : new Promise<void>((resolve) => server.once('finished', () => resolve()))))),
    new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timeout);
  const sentFrames = (venue: string): number =>
    servers
      .filter((_server, index) => recordings[index]!.venue === venue)
      .flatMap((server) => server.stats())
      .reduce((sum, connection) => sum + connection.framesDelivered + connection.framesInserted, 0);
  for (;;) {
    const stats = await engine.venueStats();
    if (stats.every((venue) => venue.feed.frames >= sentFrames(venue.venue))) break;
    if (Date.now() > deadline) {
      throw new Error(`replay did not finish in ${timeoutMs} ms: served ${JSON.stringify(servers.map((server) => server.stats()))}, read ${JSON.stringify(stats.map((venue) => ({ venue: venue.venue, frames: venue.feed.frames })))}`);
    }
    await sleep(20);
  }
  let previous = -1;
  for (;;) {
    const reports = await engine.instrumentReports();
    const total = reports.reduce((sum, report) => sum + report.records, 0);
    const settled = reports.every((report) => report.books.every((book) => book.state === BookState.SYNCED));
    if ((total === previous && settled) || Date.now() > deadline) return;
    previous = total;
    await sleep(150);
  }
}

export async function runReplaySession(paths: readonly string[], speed: number | 'max', config: Config, logger: Logger, options: ReplaySessionOptions = {}): Promise<ReplayStats[]> {
  const recordings = await Promise.all(paths.map((path) => loadRecording(path)));
  const servers: ReplayServer[] = [];
  let engine: MarketDataEngine | undefined;
  try {
    for (const [index, recording] of recordings.entries()) {
      const faults = options.faults?.[index];
      servers.push(await ReplayServer.start(recording, faults === undefined ? { speed } : { speed, faults }));
    }
    const endpoints: VenueEndpoint[] = recordings.map((recording, index) => ({
      venue: parseVenueId(recording.venue),
      restBaseUrl: servers[index]!.restUrl,
      wsBaseUrl: servers[index]!.wsUrl,
      canonicals: recordedCanonicals(recording),
    }));
    const record = options.record;
    engine = await MarketDataEngine.start({
      endpoints,
      config,
      logger,
      replay: true,
      // Recorded trade times are in the past: only later trades close a replay's candles, never the wall clock.
      ...(record === undefined ? {} : { recorder: { store: record.store, journalDir: journalDirectoryOf(config.dataDir, record.store), candleClock: 'venue' as const } }),
    });
    const span = Math.max(...recordings.map((recording) => recording.connections.flatMap((c) => c.frames.map((f) => f.ts - c.connectTs))).flat().concat([0]));
    await waitForDrain(engine, servers, recordings, (speed === 'max' ? 0 : (span * 1000) / speed) + 30_000);
    const venueStats = await engine.venueStats();
    const reports = await engine.instrumentReports();
    if (record !== undefined) {
      const reply = (await engine.flushRecorder(record.flushTimeoutMs ?? 60_000))!;
      record.onRecorded?.(reply);
      if (!reply.done) {
        const { writer } = reply.stats;
        throw storeError(ZVT_ERR_STORE_WRITE, `${reply.stats.store} did not confirm every replayed row in time (${writer.lastError ?? 'no error reported'}); the rest is kept in the journal and written by the next run against this store`, { store: reply.stats.store });
      }
    }
    return recordings.map((recording) => statsOf(recording.venue, venueStats, reports));
  } finally {
    await engine?.stop();
    for (const server of servers) server.close();
  }
}

function statsOf(venue: string, venueStats: VenueActorStats[], reports: InstrumentActorReport[]): ReplayStats {
  const own = venueStats.find((stats) => stats.venue === venue);
  const books: ReplayStats['books'] = {};
  const gapRecords: Record<string, number> = {};
  let checksumsVerified = 0;
  let checksumFailures = 0;
  for (const report of reports) {
    for (const book of report.books) {
      if (!book.id.startsWith(`${venue}:`)) continue;
      const key = bookKey(venue, book.kind, book.native);
      books[key] = { bids: book.bids, asks: book.asks };
      gapRecords[key] = book.gaps;
      checksumsVerified += book.checksumsVerified;
      checksumFailures += book.checksumFailures;
    }
  }
  return {
    venue,
    frames: own?.feed.frames ?? 0,
    bookUpdates: (own?.records.bookUpdates ?? 0) + (own?.records.snapshots ?? 0),
    trades: own?.records.trades ?? 0,
    integrity: { gaps: own?.feed.gaps ?? 0, resyncs: own?.feed.resyncs ?? 0, resyncTimeouts: own?.feed.resyncTimeouts ?? 0, checksumsVerified, checksumFailures, reconnects: own?.feed.reconnects ?? 0, gapRecords },
    books,
  };
}
