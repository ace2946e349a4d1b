// `zvt replay <recording>...`: serves recorded sessions on 127.0.0.1 in each venue's protocol and
// connects to them as the venue clients did.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { createLogger } from '../../config/logger.js';
import { loadRecording } from '../../sim/recording/read-recording.js';
import { RecordedClient } from '../../sim/replay/recorded-client.js';
import { ReplayServer } from '../../sim/replay/replay-server.js';
import type { CliCommand } from '../cli-command.js';
import { resolveCommandConfig } from '../resolve-command-config.js';

interface ReplayOptions {
  speed: number | 'max';
  statsJson?: string;
}

/** What `--stats-json` holds per recording; fields grow with the venue adapters (issue 4). */
export interface ReplayVenueStats {
  venue: string;
  recording: string;
  frames: number;
  bytes: number;
  connections: { conn: string; path: string; frames: number; framesRecorded: number }[];
  elapsedMs: number;
}

function parseSpeed(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed <= 0) throw new InvalidArgumentError('must be a positive number or "max".');
  return speed;
}

/** Waits until the server delivered everything and the clients counted it (or gives up). */
async function drain(server: ReplayServer, clients: RecordedClient[]): Promise<void> {
  if (!server.finished) await new Promise<void>((resolve) => server.once('finished', resolve));
  const expected = server.stats().reduce((sum, connection) => sum + connection.framesTotal, 0);
  const deadline = Date.now() + 10_000;
  while (clients.reduce((sum, client) => sum + client.stats.frames, 0) < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function replayOne(path: string, speed: number | 'max'): Promise<ReplayVenueStats> {
  const recording = await loadRecording(path);
  const server = await ReplayServer.start(recording, { speed });
  const startedAt = Date.now();
  const clients = recording.connections.map((connection) => new RecordedClient(server.wsUrl, connection));
  try {
    await Promise.all(clients.map((client) => client.opened()));
    await drain(server, clients);
  } finally {
    for (const client of clients) client.close();
    server.close();
  }
  const serverStats = server.stats();
  return {
    venue: recording.venue,
    recording: path,
    frames: clients.reduce((sum, client) => sum + client.stats.frames, 0),
    bytes: clients.reduce((sum, client) => sum + client.stats.bytes, 0),
    connections: clients.map((client, index) => ({ conn: client.stats.conn, path: serverStats[index]!.path, frames: client.stats.frames, framesRecorded: serverStats[index]!.framesTotal })),
    elapsedMs: Date.now() - startedAt,
  };
}

export const replayCommand: CliCommand = {
  name: 'replay',
  requiresNativeUws: true,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description('serve recorded sessions on 127.0.0.1 in each venue\'s protocol and connect to them as the venue clients did')
      .argument('<recording...>', 'recorded session files (format 2, .jsonl or .jsonl.gz)')
      .option('--speed <N|max>', 'replay speed: 1 = as recorded, N = N times faster, max = as fast as possible', parseSpeed, 'max' as number | 'max')
      .option('--stats-json <file>', 'write the statistics as JSON to this file')
      .action(async (recordings: string[], options: ReplayOptions, command: Command) => {
        const config = resolveCommandConfig(command);
        const logger = createLogger(config, { component: 'replay' });
        // Venues replay in parallel, each on its own server, as they would connect live.
        const results = await Promise.all(recordings.map((path) => replayOne(path, options.speed)));
        for (const result of results) {
          logger.info({ venue: result.venue, frames: result.frames, elapsedMs: result.elapsedMs }, 'replay finished');
          const lines = result.connections.map((c) => `  ${c.conn.padEnd(16)} ${c.path.padEnd(20)} ${String(c.frames).padStart(7)} / ${c.framesRecorded} frames`);
          process.stdout.write(`${result.venue}: ${result.frames} frames, ${(result.bytes / 1024).toFixed(0)} KiB in ${result.elapsedMs} ms\n${lines.join('\n')}\n`);
        }
        if (options.statsJson !== undefined) {
          writeFileSync(options.statsJson, `${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
        }
        const short = results.flatMap((result) => result.connections.filter((c) => c.frames !== c.framesRecorded));
        if (short.length > 0) throw new Error(`replay delivered fewer frames than recorded on ${short.map((c) => c.conn).join(', ')}`);
      });
  },
};
