// Faults injected by the replay server are detected and recovered by the real engine, which ends with every book equal to the unfaulted recording's.
import { describe, expect, it } from 'vitest';
import { isZvtError } from '../../../src/model/errors.js';
import type { ReplayStats } from '../../../src/cli/replay-session.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { ZVT_ERR_REPLAY_FAULTS } from '../../../src/sim/errors.js';
import { ReplayServer } from '../../../src/sim/replay/replay-server.js';
import { OKX_SYNTHETIC_RECORDING } from '../../helpers/okx-synthetic-recording.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';
import { expectBooksMatchRecording, replayRecording } from '../../helpers/replay-books.js';

/*
 * Replays are paced (×5 to ×20, a few seconds each) so that a client's recovery happens while the
 * recording still plays: the fresh snapshot the server writes must then be followed by recorded
 * updates that continue from it (Bybit u, OKX prevSeqId, Coinbase sequence_num renumbered
 * around inserted frames, Binance U after the REST lastUpdateId). At max speed the whole
 * recording is sent before the client reacts, and the snapshot would only be checked alone.
 */

/** GAP records per book, for the books other than `except`: all zero when a fault stayed with its own book. */
function otherBooksGaps(stats: ReplayStats, except: readonly string[]): Record<string, number> {
  return Object.fromEntries(Object.entries(stats.integrity.gapRecords).filter(([key]) => !except.includes(key)));
}

function zeros(stats: ReplayStats, except: readonly string[]): Record<string, number> {
  return Object.fromEntries(Object.keys(otherBooksGaps(stats, except)).map((key) => [key, 0]));
}

describe('Bybit faults', () => {
  it('a dropped delta of one book: that book alone sees the gap, resubscribes, gets a fresh snapshot from the server, and ends correct', async () => {
    const stats = await replayRecording(BYBIT_RECORDING, { speed: 20, faults: { drop: [{ conn: 'BYBIT.ws.2', symbol: 'BTCUSDT', after: 200 }] } });
    expect(stats.integrity.gaps).toBe(1);
    expect(stats.integrity.resyncs).toBe(1);
    expect(stats.integrity.reconnects).toBe(0);
    expect(stats.integrity.gapRecords['bybit:linear:BTCUSDT']).toBe(1);
    // The spot BTCUSDT book (same native symbol, other connection) and the other linear books never noticed.
    expect(otherBooksGaps(stats, ['bybit:linear:BTCUSDT'])).toEqual(zeros(stats, ['bybit:linear:BTCUSDT']));
    expect(Object.keys(stats.integrity.gapRecords)).toHaveLength(6);
    expectBooksMatchRecording(stats, BYBIT_RECORDING);
  });

  it('a disconnect of the spot connection mid-stream: the feed reconnects, resubscribes, gets fresh snapshots, and both spot books end correct', async () => {
    const stats = await replayRecording(BYBIT_RECORDING, { speed: 20, faults: { disconnect: [{ conn: 'BYBIT.ws.3', afterFrames: 300 }] } });
    expect(stats.integrity.reconnects).toBe(1);
    expect(stats.integrity.gaps).toBe(0);
    const spot = ['bybit:spot:BTCUSDT', 'bybit:spot:ETHUSDT'];
    for (const key of spot) expect(stats.integrity.gapRecords[key], key).toBe(1);
    expect(otherBooksGaps(stats, spot)).toEqual(zeros(stats, spot));
    expectBooksMatchRecording(stats, BYBIT_RECORDING);
  });
});

describe('Coinbase faults', () => {
  it('a dropped level2 update: sequence_num shows the hole, every book of the connection resubscribes (Coinbase rule), fresh snapshots, books correct', async () => {
    const stats = await replayRecording(COINBASE_RECORDING, { speed: 10, faults: { drop: [{ symbol: 'BTC-USD', after: 100 }] } });
    // One connection-wide gap; both products on the connection resync (the lost message could have been either's).
    expect(stats.integrity.gaps).toBe(1);
    expect(stats.integrity.resyncs).toBe(2);
    expect(stats.integrity.gapRecords).toEqual({ 'coinbase:BTC-USD': 1, 'coinbase:ETH-USD': 1 });
    expectBooksMatchRecording(stats, COINBASE_RECORDING);
  });

  it('a disconnect mid-stream: the feed reconnects and resubscribes, the new connection is numbered from 0 with fresh full-depth snapshots, books correct', async () => {
    const stats = await replayRecording(COINBASE_RECORDING, { speed: 10, faults: { disconnect: [{ afterFrames: 500 }] } });
    expect(stats.integrity.reconnects).toBe(1);
    // Inserted replies and snapshots are numbered in line: no sequence gap on the new connection.
    expect(stats.integrity.gaps).toBe(0);
    expect(stats.integrity.gapRecords).toEqual({ 'coinbase:BTC-USD': 1, 'coinbase:ETH-USD': 1 });
    expectBooksMatchRecording(stats, COINBASE_RECORDING);
  });
});

describe('Binance faults', () => {
  it('a dropped depth event: U/u shows the gap, the feed fetches REST depth, the server answers with the current book, the book ends correct', async () => {
    // Paced: at max speed the whole stream is served before the first REST request, and the hole
    // would fall inside the initial snapshot instead of a synced book.
    const stats = await replayRecording(BINANCE_RECORDING, { speed: 5, faults: { drop: [{ symbol: 'NKNUSDT', after: 40 }] } });
    expect(stats.integrity.gaps).toBe(1);
    expect(stats.integrity.resyncs).toBe(1);
    expect(stats.integrity.gapRecords['binance:NKNUSDT']).toBe(1);
    expect(otherBooksGaps(stats, ['binance:NKNUSDT'])).toEqual(zeros(stats, ['binance:NKNUSDT']));
    expectBooksMatchRecording(stats, BINANCE_RECORDING);
  });

  it('a disconnect mid-stream: the feed reconnects, buffers, and syncs every book again from the REST depth of the current book', async () => {
    // After frame 150 every symbol still has depth events to come (BLZETH's last is frame 191): each can resync.
    const stats = await replayRecording(BINANCE_RECORDING, { speed: 10, faults: { disconnect: [{ afterFrames: 150 }] } });
    expect(stats.integrity.reconnects).toBe(1);
    expect(stats.integrity.gaps).toBe(0);
    expect(Object.values(stats.integrity.gapRecords)).toEqual([1, 1, 1, 1]);
    expectBooksMatchRecording(stats, BINANCE_RECORDING);
  });
});

describe('OKX faults (synthetic session)', () => {
  it('a corrupted checksum: the instrument actor counts one failure, the venue resubscribes, the fresh snapshot verifies, the book ends correct', async () => {
    const stats = await replayRecording(OKX_SYNTHETIC_RECORDING, { speed: 8, faults: { corruptChecksum: [{ symbol: 'BTC-USDT', after: 50 }] } });
    // Exactly one failure: a fresh snapshot with a wrong checksum (or a wrong book) would fail again and again.
    expect(stats.integrity.checksumFailures).toBe(1);
    expect(stats.integrity.checksumsVerified).toBeGreaterThan(50);
    expect(stats.integrity.resyncs).toBe(1);
    expect(stats.integrity.gaps).toBe(0);
    expect(stats.integrity.gapRecords).toEqual({ 'okx:BTC-USDT': 1, 'okx:ETH-USDT': 0 });
    expectBooksMatchRecording(stats, OKX_SYNTHETIC_RECORDING);
  });

  it('a dropped update: prevSeqId shows the gap, the book resubscribes and ends correct; the other book never noticed', async () => {
    const stats = await replayRecording(OKX_SYNTHETIC_RECORDING, { speed: 8, faults: { drop: [{ symbol: 'ETH-USDT', after: 30 }] } });
    expect(stats.integrity.gaps).toBe(1);
    expect(stats.integrity.resyncs).toBe(1);
    expect(stats.integrity.checksumFailures).toBe(0);
    expect(stats.integrity.gapRecords).toEqual({ 'okx:BTC-USDT': 0, 'okx:ETH-USDT': 1 });
    expectBooksMatchRecording(stats, OKX_SYNTHETIC_RECORDING);
  });
});

describe('fault configuration', () => {
  it('is validated against the recording when the server starts', async () => {
    const bybit = await loadRecording(BYBIT_RECORDING);
    const rejects = async (faults: Parameters<typeof ReplayServer.start>[1]['faults'], message: RegExp): Promise<void> => {
      const error: unknown = await ReplayServer.start(bybit, { speed: 'max', ...(faults === undefined ? {} : { faults }) }).then(
        (server) => {
          server.close();
          return null;
        },
        (caught: unknown) => caught,
      );
      expect(isZvtError(error, ZVT_ERR_REPLAY_FAULTS), String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    };
    await rejects({ drop: [{ conn: 'BYBIT.ws.9', frame: 1 }] }, /BYBIT\.ws\.9.*BYBIT\.ws\.2, BYBIT\.ws\.3/);
    await rejects({ drop: [{ frame: 0 }] }, /frame: N >= 1/);
    await rejects({ disconnect: [{ afterFrames: -1 }] }, /afterFrames >= 1/);
    await rejects({ corruptChecksum: [{ symbol: 'BTCUSDT', after: 3 }] }, /bybit, whose book frames carry no checksum/);
  });
});
