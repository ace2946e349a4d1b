// `zvt replay` through the built CLI: every recorded frame of every shared session is delivered.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import type { ReplayVenueStats } from '../../../src/cli/commands/replay.js';
import { ALL_RECORDINGS, BYBIT_RECORDING } from '../../helpers/recordings.js';
import { ensureBuiltCli, runZvt } from './built-cli.js';

beforeAll(async () => {
  await ensureBuiltCli();
}, 120_000);

describe('zvt replay', () => {
  it('replays all three shared recordings at max speed and accounts for every recorded frame', async () => {
    const statsPath = join(mkdtempSync(join(tmpdir(), 'zvt-replay-')), 'stats.json');
    const result = await runZvt(['replay', ...ALL_RECORDINGS, '--stats-json', statsPath]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ReplayVenueStats[];
    expect(stats.map((venue) => venue.venue)).toEqual(['binance', 'bybit', 'coinbase']);
    for (const [index, path] of ALL_RECORDINGS.entries()) {
      const recording = await loadRecording(path);
      const recorded = recording.connections.map((connection) => connection.frames.filter((frame) => frame.direction === 'recv').length);
      expect(stats[index]!.connections.map((connection) => connection.frames)).toEqual(recorded);
    }
    expect(result.stdout).toMatch(/^bybit: 3227 frames/m);
  });

  it('rejects a bad speed and a missing file with clear messages', async () => {
    const badSpeed = await runZvt(['replay', BYBIT_RECORDING, '--speed', 'fast']);
    expect(badSpeed.code).toBe(2);
    expect(badSpeed.stderr).toContain('must be a positive number or "max"');
    const missing = await runZvt(['replay', '/nonexistent.jsonl.gz']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ZVT_ERR_RECORDING_READ');
  });
});
