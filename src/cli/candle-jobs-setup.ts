// What `zvt backfill` and `zvt gaps` share: argument parsing, venue base URLs, instrument resolution, the report.
import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config/config-schema.js';
import { loadVenueInstruments } from '../actors/market-data-engine.js';
import { BINANCE_URLS } from '../actors/venues/binance/urls.js';
import { BYBIT_URLS } from '../actors/venues/bybit/urls.js';
import { COINBASE_URLS } from '../actors/venues/coinbase/urls.js';
import { OKX_URLS } from '../actors/venues/okx/urls.js';
import { ZvtError } from '../model/errors.js';
import { InstrumentRegistry } from '../model/instrument-registry.js';
import { parseTimeframe, type Timeframe } from '../model/timeframe.js';
import { BACKFILL_VENUES, type BackfillInstrument, type BackfillSeries, type BackfillVenue } from '../store/backfill/candle-series.js';
import { createBackfillExchange, VENUE_CANDLE_APIS } from '../store/backfill/ccxt-exchange.js';
import type { CandleJobsReport } from '../store/backfill/run-candle-jobs.js';
import { VenueSession } from '../store/backfill/venue-session.js';
import { ZVT_ERR_BACKFILL_ARGUMENT } from '../store/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { EXIT_FAILURE } from './exit-codes.js';
import { resolveCommandConfig } from './resolve-command-config.js';

const PRODUCTION_REST: Readonly<Record<BackfillVenue, string>> = {
  binance: BINANCE_URLS.restBaseUrl,
  okx: OKX_URLS.restBaseUrl,
  bybit: BYBIT_URLS.restBaseUrl,
  coinbase: COINBASE_URLS.restBaseUrl,
};

/** `2025-01-01`, `2025-01-01T12:00:00Z` (UTC when no zone is given) → epoch ms. */
export function parseDateOption(value: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(ms)) throw new InvalidArgumentError('must be a date (2025-01-01) or a UTC date-time (2025-01-01T12:00:00Z).');
  return ms;
}

export function parseListOption(value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError('must list at least one item, separated by commas.');
  return items;
}

/** Option parsers: commander prints their InvalidArgumentError with the option's name and exits 2. */
export const venueListOption = (value: string): BackfillVenue[] => parseVenues(parseListOption(value));
export const timeframeListOption = (value: string): Timeframe[] => parseTimeframes(parseListOption(value));

export function parseVenues(values: readonly string[]): BackfillVenue[] {
  return values.map((value) => {
    if (!(BACKFILL_VENUES as readonly string[]).includes(value)) throw new InvalidArgumentError(`"${value}" is not a venue backfill knows (${BACKFILL_VENUES.join(', ')}).`);
    return value as BackfillVenue;
  });
}

export function parseTimeframes(values: readonly string[]): Timeframe[] {
  return values.map((value) => {
    try {
      return parseTimeframe(value);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  });
}

/** REST base URL per venue: `zvt sim --endpoints-json` file, else the configuration's venues.<v>.restUrl, else production. */
export function restBaseUrls(venues: readonly BackfillVenue[], config: Config, endpointsFile: string | undefined): Map<BackfillVenue, string> {
  let endpoints: Record<string, { rest?: unknown }> = {};
  if (endpointsFile !== undefined) {
    try {
      endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as Record<string, { rest?: unknown }>;
    } catch (error) {
      throw new ZvtError(ZVT_ERR_BACKFILL_ARGUMENT, `cannot read endpoints file ${endpointsFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const urls = new Map<BackfillVenue, string>();
  for (const venue of venues) {
    const fromFile = endpoints[venue]?.rest;
    if (endpointsFile !== undefined && typeof fromFile !== 'string') throw new ZvtError(ZVT_ERR_BACKFILL_ARGUMENT, `endpoints file ${endpointsFile} has no REST URL for ${venue}`);
    urls.set(venue, typeof fromFile === 'string' ? fromFile : (config.venues[venue]?.restUrl ?? PRODUCTION_REST[venue]));
  }
  return urls;
}

/** Resolves each canonical symbol on each venue from the venue's instruments endpoint, as the live adapters do. */
export async function resolveInstruments(venue: BackfillVenue, restBaseUrl: string, canonicals: readonly string[]): Promise<BackfillInstrument[]> {
  const definitions = await loadVenueInstruments({ venue, restBaseUrl, wsBaseUrl: '', canonicals });
  const registry = new InstrumentRegistry(definitions);
  return canonicals.map((canonical) => {
    const instrument = registry.byId(`${venue}:${canonical}`);
    if (instrument === undefined) throw new ZvtError(ZVT_ERR_BACKFILL_ARGUMENT, `${venue} lists no trading instrument ${canonical} (asked ${restBaseUrl})`);
    return {
      venue,
      canonical,
      native: instrument.native,
      category: venue === 'bybit' ? (instrument.kind === 'spot' ? 'spot' : 'linear') : null,
      priceDecimals: instrument.priceDecimals,
      sizeDecimals: instrument.sizeDecimals,
    };
  });
}

/** Series for every (venue, symbol, timeframe), and one session (ccxt client + budget) per venue. */
export async function prepareSeries(
  venues: readonly BackfillVenue[],
  symbols: readonly string[],
  timeframes: readonly Timeframe[],
  urls: ReadonlyMap<BackfillVenue, string>,
): Promise<{ series: BackfillSeries[]; sessions: Map<BackfillVenue, VenueSession> }> {
  const series: BackfillSeries[] = [];
  const sessions = new Map<BackfillVenue, VenueSession>();
  for (const venue of venues) {
    const url = urls.get(venue)!;
    const instruments = await resolveInstruments(venue, url, symbols);
    for (const instrument of instruments) for (const timeframe of timeframes) series.push({ instrument, timeframe });
    sessions.set(venue, new VenueSession(VENUE_CANDLE_APIS[venue], createBackfillExchange(venue, url === PRODUCTION_REST[venue] ? {} : { restBaseUrl: url })));
  }
  return { series, sessions };
}

/** The final report as text: one line per series, then totals and per-venue request counters. */
export function formatCandleJobsReport(report: CandleJobsReport): string {
  const lines: string[] = [];
  for (const series of report.series) {
    const parts = [
      `${series.storedBefore}/${series.expectedBuckets} stored before`,
      `${series.gapsFound} gaps (${series.missingBuckets} candles missing)`,
      `${series.filled} filled`,
      report.mode === 'gaps' ? `${series.repairable} repairable` : null,
      `${series.venueEmptyBuckets} with no data at the venue`,
      `${series.rejected} rejected`,
    ].filter((part) => part !== null);
    lines.push(`${series.series}: ${parts.join(', ')}`);
    for (const range of series.venueEmptyRanges.slice(0, 10)) lines.push(`  no data at the venue: ${range.from} .. ${range.to} (${range.buckets})`);
    for (const range of series.repairableRanges.slice(0, 10)) lines.push(`  missing, the venue has it: ${range.from} .. ${range.to} (${range.buckets})`);
    for (const message of series.rejectMessages.slice(0, 5)) lines.push(`  rejected: ${message}`);
    if (series.error !== null) lines.push(`  FAILED: ${series.error}`);
  }
  const { totals } = report;
  lines.push(
    `total: ${totals.missingBuckets} missing, ${totals.filled} filled, ${totals.venueEmptyBuckets} with no data at the venue, ` +
      `${report.mode === 'gaps' ? `${totals.repairable} repairable, ` : ''}${totals.rejected} rejected, ${totals.failedSeries} series failed, in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  for (const [venue, counters] of Object.entries(report.venues)) {
    lines.push(`${venue}: ${counters.requests} requests, ${counters.rateLimitRefusals} rate-limit refusals, ${counters.retries} retries, ${(counters.waitedMs / 1000).toFixed(1)} s waiting for the budget`);
  }
  return `${lines.join('\n')}\n`;
}

/** What `zvt backfill` and `zvt gaps` were asked for, as their options parse it. */
export interface CandleCommandRequest {
  readonly venues: readonly BackfillVenue[];
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly endpointsJson?: string | undefined;
  readonly reportJson?: string | undefined;
}

/**
 * The frame both commands run in: configuration, venue URLs, instruments resolved at each venue,
 * one session per venue, the store opened and always closed; `run` does the work and prints, and
 * its report goes to --report-json. A failed series makes the exit code 1.
 */
export async function runCandleCommand(
  command: Command,
  request: CandleCommandRequest,
  run: (jobs: { series: BackfillSeries[]; sessions: Map<BackfillVenue, VenueSession>; store: Store }) => Promise<{ report: unknown; failed: boolean }>,
): Promise<void> {
  const config = resolveCommandConfig(command);
  const urls = restBaseUrls(request.venues, config, request.endpointsJson);
  const { series, sessions } = await prepareSeries(request.venues, request.symbols, request.timeframes, urls);
  const store = await openStore(config.store);
  try {
    const { report, failed } = await run({ series, sessions, store });
    if (request.reportJson !== undefined) writeFileSync(request.reportJson, `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);
    if (failed) process.exitCode = EXIT_FAILURE;
  } finally {
    await store.close();
  }
}
