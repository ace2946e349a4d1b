// The venues benchmark's input: each venue's received frames with the ParseContext production would give their connection.
import { createParseContext } from '../../src/actors/venues/common/parse-context.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dialectOf } from '../../src/actors/venues/dialects.js';
import type { ConnectionPlan, ParseContext, VenueDialect } from '../../src/actors/venues/common/venue-dialect.js';
import { InstrumentRegistry } from '../../src/model/instrument-registry.js';
import type { Instrument, InstrumentDefinition } from '../../src/model/instrument.js';
import { parseCanonicalSymbol } from '../../src/model/symbol.js';
import { parseVenueId, type VenueId } from '../../src/model/venue.js';
import { loadRecording } from '../../src/sim/recording/read-recording.js';
import type { Recording } from '../../src/sim/recording/recording-format.js';
import { canonicalQuery, pathAndQuery, queryAffinity } from '../../src/sim/replay/url-match.js';

/** One received frame, with the context of the connection it arrived on. */
export interface SessionFrame {
  text: string;
  context: ParseContext;
}

export interface VenueSession {
  venue: VenueId;
  dialect: VenueDialect;
  /** Where the frames come from, for the log and the docs. */
  source: string;
  /** Recording file, for the replay measurement; null for OKX (no recording). */
  recordingPath: string | null;
  /** Every received frame in receive order (connections one after another). */
  frames: SessionFrame[];
}

/** Recorded sessions with a venue adapter, in report order. */
const RECORDED = ['BINANCE', 'BYBIT', 'COINBASE'] as const;

/** Channels of the recorder's header config whose symbols the adapters subscribe (as src/cli/replay-session.ts). */
const RECORDED_CHANNELS = ['l2_book', 'trades', 'ticker'];

/** OKX documentation examples of frames OKX sends (requests, which the client sends, are left out). */
const OKX_FRAME_FILES = ['ws-order-book.json', 'ws-trades.json', 'ws-tickers.json', 'ws-connection.json'];

/**
 * The documented bbo-tbt and books5 examples are for BCH-USDT-SWAP, which no documented instruments
 * response lists; without it those frames would be skipped as "not ours" and time nothing. This
 * entry has the synthetic fixture's shape, with a tick and lot that fit the example's "111.06" and "55154".
 */
const OKX_BCH_SWAP = {
  instType: 'SWAP', instId: 'BCH-USDT-SWAP', instFamily: 'BCH-USDT', uly: 'BCH-USDT', baseCcy: '', quoteCcy: '', settleCcy: 'USDT',
  ctType: 'linear', ctVal: '0.1', ctMult: '1', ctValCcy: 'BCH', expTime: '', tickSz: '0.01', lotSz: '1', minSz: '1', state: 'live',
};

/**
 * The documentation's examples come from different pages and times: its instruments example gives
 * BTC-USDT tickSz 0.1, its books example prices BTC-USDT at "8476.98". The scale is raised to fit
 * the frames (what `pricePrecision` is for), else the parsers rightly reject them.
 */
const OKX_PRICE_PRECISION: Readonly<Record<string, number>> = { 'BTC-USDT': 2 };

/** The repository root (holds package.json), from source (bench/suites) or build output (dist/bench/suites). */
function repositoryRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('bench: repository root (package.json) not found');
    directory = parent;
  }
  return directory;
}

/** Native symbols, resolved for one connection's instruments; scales of the whole registry (as VenueFeed builds them). */
function contextOf(registry: InstrumentRegistry, plan: ConnectionPlan): ParseContext {
  return createParseContext(registry, plan.instrumentIds.map((id) => registry.requireByNumericId(id)));
}

/** The recorded REST body the replay server would answer `request` with (same matching rules). */
function recordedBody(recording: Recording, request: string): string {
  const wanted = pathAndQuery(request);
  const samePath = recording.http.filter((http) => pathAndQuery(http.url).path === wanted.path);
  const exact = samePath.find((http) => canonicalQuery(pathAndQuery(http.url).query) === canonicalQuery(wanted.query));
  const close = samePath.find((http) => queryAffinity(pathAndQuery(http.url).query, wanted.query) >= 0);
  const response = exact ?? close;
  if (response === undefined) throw new Error(`bench: ${recording.venue} recording has no response for ${request}`);
  return response.data;
}

/**
 * What the engine does on `zvt replay`: instruments from the recorded REST responses, only the
 * recorder's symbols in the registry (dense ids), the dialect's connection plans, one context per
 * recorded connection (Bybit linear and spot share native symbols).
 */
async function recordedSession(path: string): Promise<VenueSession> {
  const recording = await loadRecording(path);
  const venue = parseVenueId(recording.venue);
  const dialect = dialectOf(venue);
  const config = recording.header.config ?? {};
  const canonicals = [...new Set(RECORDED_CHANNELS.flatMap((channel) => (Array.isArray(config[channel]) ? (config[channel] as unknown[]) : [])))].filter(
    (symbol): symbol is string => typeof symbol === 'string',
  );
  const kinds = [...new Set(canonicals.map((canonical) => parseCanonicalSymbol(canonical).kind))];
  const available = dialect.instrumentRequests(kinds).flatMap((request) => dialect.parseInstruments(request, recordedBody(recording, request)));
  const wanted: InstrumentDefinition[] = [];
  for (const canonical of canonicals) {
    const parts = parseCanonicalSymbol(canonical);
    const match = available.find(
      (definition) => definition.kind === parts.kind && definition.base === parts.base && definition.quote === parts.quote && (parts.expiry === null || definition.expiry === parts.expiry),
    );
    if (match === undefined) throw new Error(`bench: ${venue} lists no ${canonical}`);
    wanted.push(match);
  }
  const registry = new InstrumentRegistry(wanted);
  const plans = dialect.planConnections(registry.all());
  const frames: SessionFrame[] = [];
  for (const connection of recording.connections) {
    const recorded = pathAndQuery(connection.address);
    const samePath = plans.filter((plan) => pathAndQuery(plan.path).path === recorded.path);
    const plan = samePath.length === 1 ? samePath[0] : samePath.find((candidate) => canonicalQuery(pathAndQuery(candidate.path).query) === canonicalQuery(recorded.query));
    if (plan === undefined) throw new Error(`bench: no planned ${venue} connection for recorded ${connection.address}`);
    const context = contextOf(registry, plan);
    for (const frame of connection.frames) if (frame.direction === 'recv') frames.push({ text: frame.data, context });
  }
  const file = path.slice(path.lastIndexOf('/') + 1);
  return { venue, dialect, source: `${file}: ${frames.length} recorded frames on ${recording.connections.length} connection(s)`, recordingPath: path, frames };
}

/** OKX has no recording: its documented example frames, with a registry from its documented instruments responses. */
function okxDocumentedSession(root: string): VenueSession {
  const fixtures = join(root, 'test', 'fixtures', 'venues', 'okx');
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;
  const dialect = dialectOf('okx');
  const spot = read<{ response: unknown }>('rest-instruments-spot.json').response;
  const derivatives = read<{ response: { data: unknown[] } }>('rest-instruments-derivatives.synthetic.json').response;
  const [spotRequest, swapRequest] = dialect.instrumentRequests(['spot', 'perpetual']);
  const available = [
    ...dialect.parseInstruments(spotRequest!, JSON.stringify(spot)),
    ...dialect.parseInstruments(swapRequest!, JSON.stringify({ ...derivatives, data: [...derivatives.data, OKX_BCH_SWAP] })),
  ];
  const texts: string[] = [];
  for (const file of OKX_FRAME_FILES) {
    const fixture = read<{ frames: Record<string, unknown> }>(file);
    for (const [name, frame] of Object.entries(fixture.frames)) if (!name.endsWith('Request')) texts.push(JSON.stringify(frame));
  }
  texts.push(read<{ pong: string }>('ws-connection.json').pong);
  // Only the instruments the frames name, as the engine registers only what it subscribes.
  const named = new Set(texts.flatMap((text) => [...text.matchAll(/"instId":"([^"]+)"/g)].map((match) => match[1]!)));
  const registry = new InstrumentRegistry(
    available.filter((definition) => named.has(definition.native)).map((definition) => ({ ...definition, pricePrecision: OKX_PRICE_PRECISION[definition.native] ?? null })),
  );
  const instruments: readonly Instrument[] = registry.all();
  const plans = dialect.planConnections(instruments);
  if (plans.length !== 1) throw new Error(`bench: expected one planned OKX connection, got ${plans.length}`);
  const context = contextOf(registry, plans[0]!);
  return {
    venue: 'okx',
    dialect,
    source: `test/fixtures/venues/okx: the ${texts.length} documented example frames OKX sends (no recording), repeated`,
    recordingPath: null,
    frames: texts.map((text) => ({ text, context })),
  };
}

/** Binance, Bybit and Coinbase from the shared recordings, then OKX from its documentation examples. */
export async function loadVenueSessions(): Promise<VenueSession[]> {
  const root = repositoryRoot();
  const recordings = join(root, '..', 'shared', 'data', 'recordings');
  const sessions: VenueSession[] = [];
  for (const name of RECORDED) sessions.push(await recordedSession(join(recordings, `${name}.jsonl.gz`)));
  sessions.push(okxDocumentedSession(root));
  return sessions;
}
