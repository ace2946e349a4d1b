// `zvt replay <recording>...`: serves recorded sessions on 127.0.0.1 in each venue's protocol and runs
// the real venue adapters, books and integrity checks against them, as they would run live.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { createLogger } from '../../config/logger.js';
import { readEnvironment } from '../../config/read-environment.js';
import type { RecorderFlushReply } from '../../actors/recorder-actor.js';
import type { CliCommand } from '../cli-command.js';
import { resolveCommandConfig } from '../resolve-command-config.js';
import { runReplaySession, type ReplayStats } from '../replay-session.js';

interface ReplayOptions {
  speed: number | 'max';
  statsJson?: string;
}

function parseSpeed(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed <= 0) throw new InvalidArgumentError('must be a positive number or "max".');
  return speed;
}

/**
 * A replay records only into a store named for this run (`--store` or ZVT_STORE): the configured
 * default is the live engine's database, and replayed sessions must not mix into it unasked.
 */
function storeGivenExplicitly(command: Command): boolean {
  const flag = command.optsWithGlobals<{ store?: unknown }>().store;
  const variable = readEnvironment().ZVT_STORE;
  return typeof flag === 'string' || (variable !== undefined && variable !== '');
}

function formatRecorded(reply: RecorderFlushReply): string {
  const { records, writer } = reply.stats;
  return `recorded into ${reply.stats.store}: ${records.trades} trades, ${records.quotes} quotes, ${reply.stats.candles.closed} closed candles; ${writer.writtenRows} rows confirmed by the store\n`;
}

function formatStats(stats: ReplayStats): string {
  const { integrity } = stats;
  const lines = [
    `${stats.venue}: ${stats.frames} frames, ${stats.bookUpdates} book updates, ${stats.trades} trades; ` +
      `gaps ${integrity.gaps}, resyncs ${integrity.resyncs} (${integrity.resyncTimeouts} timed out), reconnects ${integrity.reconnects}, ` +
      `checksums verified ${integrity.checksumsVerified}, checksum failures ${integrity.checksumFailures}`,
  ];
  for (const [key, book] of Object.entries(stats.books)) {
    const bid = book.bids[0];
    const ask = book.asks[0];
    lines.push(`  ${key.padEnd(24)} ${bid === undefined ? '(no bids)' : `${bid[1]} @ ${bid[0]}`}  |  ${ask === undefined ? '(no asks)' : `${ask[1]} @ ${ask[0]}`}`);
  }
  return `${lines.join('\n')}\n`;
}

export const replayCommand: CliCommand = {
  name: 'replay',
  requiresNativeUws: true,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description("replay recorded sessions offline: serve each on 127.0.0.1 in the venue's protocol and run the real adapters and books against it; with --store or ZVT_STORE, record their trades and quotes into that store (never into the configured default)")
      .argument('<recording...>', 'recorded session files (format 2, .jsonl or .jsonl.gz)')
      .option('--speed <N|max>', 'replay speed: 1 = as recorded, N = N times faster, max = as fast as possible', parseSpeed, 'max' as number | 'max')
      .option('--stats-json <file>', 'write the statistics and top 10 book levels as JSON to this file')
      .action(async (recordings: string[], options: ReplayOptions, command: Command) => {
        const config = resolveCommandConfig(command);
        const logger = createLogger(config, { component: 'replay' });
        let recorded: RecorderFlushReply | undefined;
        const record = storeGivenExplicitly(command) ? { store: config.store, onRecorded: (reply: RecorderFlushReply) => (recorded = reply) } : undefined;
        const results = await runReplaySession(recordings, options.speed, config, logger, record === undefined ? {} : { record });
        for (const result of results) process.stdout.write(formatStats(result));
        if (recorded !== undefined) process.stdout.write(formatRecorded(recorded));
        if (options.statsJson !== undefined) writeFileSync(options.statsJson, `${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      });
  },
};
