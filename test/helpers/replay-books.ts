// Test helpers for replays through the real engine: one recording replayed in-process, its books checked against the plain oracle.
import { expect } from 'vitest';
import { runReplaySession, type ReplayStats } from '../../src/cli/replay-session.js';
import { createLogger } from '../../src/config/logger.js';
import type { ReplayFaults } from '../../src/sim/replay/replay-faults.js';
import { reconstructBooks, topLevels } from './plain-books.js';
import { testConfig } from './test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

/** Replays one recording through servers, venue adapters, rings and books, as `zvt replay` does. */
export async function replayRecording(path: string, options: { speed?: number | 'max'; faults?: ReplayFaults } = {}): Promise<ReplayStats> {
  const [stats] = await runReplaySession([path], options.speed ?? 'max', config, logger, { faults: [options.faults] });
  return stats!;
}

/** Every book of the replay equals the plain reconstruction of the whole recording, top 10 a side; both name the same books. */
export function expectBooksMatchRecording(stats: ReplayStats, path: string): void {
  const plain = reconstructBooks(path);
  expect(Object.keys(stats.books).sort()).toEqual([...plain.keys()].sort());
  for (const [key, book] of plain) {
    const expected = topLevels(book);
    // Ten levels a side in every recorded book: the comparison is never vacuous.
    expect(expected.bids.length, key).toBe(10);
    expect(expected.asks.length, key).toBe(10);
    expect(stats.books[key], key).toEqual(expected);
  }
}
