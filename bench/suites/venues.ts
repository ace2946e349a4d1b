// `venues` suite: frames/s of each venue's byte scanner vs its JSON.parse reference over real frames, and `zvt replay` end to end.
import { ParsedFrame } from '../../src/actors/venues/common/parsed-frame.js';
import type { ParseContext, VenueDialect } from '../../src/actors/venues/common/venue-dialect.js';
import { runReplaySession } from '../../src/cli/replay-session.js';
import { CONFIG_DEFAULTS } from '../../src/config/config-defaults.js';
import { reviveConfig } from '../../src/config/freeze-config.js';
import { createLogger } from '../../src/config/logger.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import { frameDifference } from './venues-frame-difference.js';
import { loadVenueSessions, type VenueSession } from './venues-sessions.js';

/*
 * Parsers: each venue's received frames are prepared once (UTF-8 bytes for the scanner, strings for
 * JSON.parse) with the ParseContext of the connection they arrived on, and parsed in receive order
 * into one reused ParsedFrame, reset before each frame as VenueFeed does. A sample is as many passes
 * over the frames as fill SAMPLE_MS; rounds alternate which parser goes first, so drift and GC debt
 * fall on both; medians are reported. Before any timing, both parsers must produce identical
 * ParsedFrames on every frame, or the suite fails.
 *
 * Replay: the whole `runReplaySession` call per recording at max speed, so it includes loading the
 * recording, the replay server, worker startup, REST instruments, the drain polling and engine stop.
 * The recordings are small (265–3227 frames), so fixed costs dominate: it is an end-to-end figure,
 * not a throughput ceiling.
 */

const SAMPLE_MS = 100;
const ROUNDS = 11;
const WARMUP_MS = 400;
const REPLAY_RUNS = 5;

/** Frames as both parsers take them; index i is the same frame in every array. */
interface FrameSet {
  texts: string[];
  bytes: Uint8Array[];
  contexts: ParseContext[];
}

/** Keeps parse results observable so passes are not eliminated as dead code. */
let sink = 0;

function scannerPass(dialect: VenueDialect, frames: FrameSet, out: ParsedFrame): void {
  const { bytes, contexts } = frames;
  for (let i = 0; i < bytes.length; i++) {
    const frame = bytes[i]!;
    out.reset();
    dialect.parseFast(frame, frame.length, contexts[i]!, out);
    sink += out.kind + out.bookCount;
  }
}

function jsonPass(dialect: VenueDialect, frames: FrameSet, out: ParsedFrame): void {
  const { texts, contexts } = frames;
  for (let i = 0; i < texts.length; i++) {
    out.reset();
    dialect.parseReference(texts[i]!, contexts[i]!, out);
    sink += out.kind + out.bookCount;
  }
}

type Pass = typeof scannerPass;

function frameSet(session: VenueSession, indices: readonly number[]): FrameSet {
  const encoder = new TextEncoder();
  const texts = indices.map((index) => session.frames[index]!.text);
  return { texts, bytes: texts.map((text) => encoder.encode(text)), contexts: indices.map((index) => session.frames[index]!.context) };
}

/**
 * Fails the suite unless both parsers agree on every frame. Returns the indices of frames carrying
 * books, and of those carrying only incremental updates (no snapshot): live traffic after the
 * first seconds, where a recording's few snapshots (Coinbase: 2 frames, 90 % of its bytes) weigh nothing.
 */
function checkParity(session: VenueSession, frames: FrameSet): { books: number[]; updates: number[] } {
  const reference = new ParsedFrame();
  const fast = new ParsedFrame();
  const books: number[] = [];
  const updates: number[] = [];
  for (let i = 0; i < frames.texts.length; i++) {
    reference.reset();
    session.dialect.parseReference(frames.texts[i]!, frames.contexts[i]!, reference);
    fast.reset();
    session.dialect.parseFast(frames.bytes[i]!, frames.bytes[i]!.length, frames.contexts[i]!, fast);
    const difference = frameDifference(fast, reference);
    if (difference !== null) throw new Error(`${session.venue} frame ${i}: scanner and JSON.parse differ (${difference}): ${frames.texts[i]!.slice(0, 200)}`);
    if (reference.bookCount === 0) continue;
    books.push(i);
    if (!reference.books.slice(0, reference.bookCount).some((book) => book.isSnapshot)) updates.push(i);
  }
  return { books, updates };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Frames/s of `passes` passes. */
function sample(pass: Pass, dialect: VenueDialect, frames: FrameSet, out: ParsedFrame, passes: number): number {
  const start = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) pass(dialect, frames, out);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (frames.texts.length * passes) / seconds;
}

/** Median frames/s of the scanner and the JSON.parse reference over `frames`, interleaved. */
function compareParsers(dialect: VenueDialect, frames: FrameSet): { scanner: number; json: number } {
  const out = new ParsedFrame();
  const passes = { scanner: 1, json: 1 };
  for (const [name, pass] of [['scanner', scannerPass], ['json', jsonPass]] as const) {
    // Warm-up until optimised code has had time to settle, then size a sample to SAMPLE_MS.
    const warmupEnd = performance.now() + WARMUP_MS;
    let rate = 0;
    while (performance.now() < warmupEnd) rate = sample(pass, dialect, frames, out, 1);
    passes[name] = Math.max(1, Math.round((rate * SAMPLE_MS) / 1000 / frames.texts.length));
  }
  const scanner: number[] = [];
  const json: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      scanner.push(sample(scannerPass, dialect, frames, out, passes.scanner));
      json.push(sample(jsonPass, dialect, frames, out, passes.json));
    } else {
      json.push(sample(jsonPass, dialect, frames, out, passes.json));
      scanner.push(sample(scannerPass, dialect, frames, out, passes.scanner));
    }
  }
  return { scanner: median(scanner), json: median(json) };
}

function averageBytes(frames: FrameSet): number {
  return frames.bytes.reduce((sum, bytes) => sum + bytes.length, 0) / frames.bytes.length;
}

function describe(frames: FrameSet): string {
  return `${frames.texts.length} frames (avg ${averageBytes(frames).toFixed(0)} B)`;
}

/** Frame sets timed per venue, and the infix of their metric names. */
const VARIANTS = [
  ['all', ''],
  ['books', 'book_'],
  ['updates', 'update_'],
] as const;

async function measureReplays(sessions: VenueSession[], results: Metrics, log: (line: string) => void): Promise<void> {
  const config = reviveConfig({ ...structuredClone(CONFIG_DEFAULTS), log: { level: 'silent' } });
  const logger = createLogger(config);
  const recorded = sessions.filter((session): session is VenueSession & { recordingPath: string } => session.recordingPath !== null);
  // One untimed run: first-use costs (module compilation in fresh workers, file cache) belong to no venue.
  await runReplaySession([recorded[0]!.recordingPath], 'max', config, logger);
  const runs = new Map(recorded.map((session) => [session.venue, [] as { wallMs: number; frames: number; bookUpdates: number }[]]));
  for (let run = 0; run < REPLAY_RUNS; run++) {
    for (const session of recorded) {
      const start = performance.now();
      const [stats] = await runReplaySession([session.recordingPath], 'max', config, logger);
      const wallMs = performance.now() - start;
      if (stats === undefined || stats.frames < session.frames.length || stats.integrity.gaps > 0 || stats.bookUpdates === 0) {
        throw new Error(`${session.venue} replay incomplete: ${JSON.stringify(stats === undefined ? null : { frames: stats.frames, bookUpdates: stats.bookUpdates, integrity: stats.integrity })}`);
      }
      runs.get(session.venue)!.push({ wallMs, frames: stats.frames, bookUpdates: stats.bookUpdates });
    }
  }
  for (const session of recorded) {
    const list = runs.get(session.venue)!;
    const wallMs = median(list.map((entry) => entry.wallMs));
    const updatesPerSecond = median(list.map((entry) => entry.bookUpdates / (entry.wallMs / 1000)));
    const framesPerSecond = median(list.map((entry) => entry.frames / (entry.wallMs / 1000)));
    const { frames, bookUpdates } = list[0]!;
    results[`replay_${session.venue}_updates_per_s`] = metric(Math.round(updatesPerSecond), 'updates/s', 'higher');
    results[`replay_${session.venue}_frames_per_s`] = metric(Math.round(framesPerSecond), 'frames/s', 'higher');
    results[`replay_${session.venue}_wall_ms`] = metric(Math.round(wallMs), 'ms', 'lower');
    log(
      `replay_${session.venue}: ${bookUpdates} book updates, ${frames} frames in ${wallMs.toFixed(0)} ms (median of ${REPLAY_RUNS}) = ` +
        `${updatesPerSecond.toFixed(0)} updates/s, ${framesPerSecond.toFixed(0)} frames/s; whole runReplaySession at max speed ` +
        `(recording load, replay server, worker startup, REST instruments, drain polling, engine stop) over a ${session.frames.length}-frame recording`,
    );
  }
}

export const venuesSuite: BenchSuite = {
  name: 'venues',
  description: `venue parsers: byte scanner vs JSON.parse reference over real frames (frames/s, median of ${ROUNDS} interleaved rounds), and zvt replay end to end per recording`,
  async run(log: (line: string) => void): Promise<Metrics> {
    const sessions = await loadVenueSessions();
    const prepared = sessions.map((session) => {
      const all = frameSet(session, session.frames.map((_, index) => index));
      const parity = checkParity(session, all);
      const sets = { all, books: frameSet(session, parity.books), updates: frameSet(session, parity.updates) };
      log(
        `${session.venue}: ${session.source}; ${describe(sets.all)}, ${describe(sets.books)} with books, ${describe(sets.updates)} with book updates only; ` +
          'scanner = JSON.parse on every frame',
      );
      return { session, sets };
    });
    // Replays first: their workers are stopped before parser timing starts. Reported last.
    const replays: Metrics = {};
    await measureReplays(sessions, replays, log);
    const results: Metrics = {};
    for (const { session, sets } of prepared) {
      const venue = session.venue;
      const note = session.recordingPath === null ? ' (documented example frames, repeated: no recording)' : '';
      const parts: string[] = [];
      for (const [variant, prefix] of VARIANTS) {
        const frames = sets[variant];
        if (frames.texts.length === 0) {
          parts.push(`${variant}: no such frames`);
          continue;
        }
        const rates = compareParsers(session.dialect, frames);
        const speedup = rates.scanner / rates.json;
        results[`${venue}_scanner_${prefix}frames_per_s`] = metric(Math.round(rates.scanner), 'frames/s', 'higher');
        results[`${venue}_json_${prefix}frames_per_s`] = metric(Math.round(rates.json), 'frames/s', 'higher');
        results[`${venue}_scanner_${prefix}speedup`] = metric(Number(speedup.toFixed(2)), 'x', 'higher');
        const megabytes = (rate: number): string => ((rate * averageBytes(frames)) / 1e6).toFixed(0);
        parts.push(
          `${variant}: scanner ${rates.scanner.toFixed(0)} frames/s (${megabytes(rates.scanner)} MB/s), JSON.parse ${rates.json.toFixed(0)} (${megabytes(rates.json)} MB/s) = ${speedup.toFixed(2)}x`,
        );
      }
      log(`${venue}${note}: ${parts.join('; ')}`);
    }
    log(`(sink ${sink > 0 ? 'positive' : 'non-positive'})`);
    return { ...results, ...replays };
  },
};
