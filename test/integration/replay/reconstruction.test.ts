// The top 10 levels of every book the engine builds from a replayed recording equal the book the test rebuilds plainly from that recording.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOkxSyntheticRecording, OKX_SYNTHETIC_RECORDING } from '../../helpers/okx-synthetic-recording.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';
import { expectBooksMatchRecording, replayRecording as replay } from '../../helpers/replay-books.js';

describe('independent reconstruction of every recorded book', () => {
  it('Binance: REST snapshot, then the depth events past its lastUpdateId', async () => {
    const stats = await replay(BINANCE_RECORDING);
    expect(stats.integrity.gaps).toBe(0);
    expectBooksMatchRecording(stats, BINANCE_RECORDING);
  });

  it('Bybit: orderbook.200 snapshot/delta on the linear and the spot connection', async () => {
    const stats = await replay(BYBIT_RECORDING);
    expect(stats.integrity.gaps).toBe(0);
    expectBooksMatchRecording(stats, BYBIT_RECORDING);
  });

  it('Coinbase: level2 snapshot/update (46 000-level books, truncated to 1000 by the engine)', async () => {
    const stats = await replay(COINBASE_RECORDING);
    expect(stats.integrity.gaps).toBe(0);
    expectBooksMatchRecording(stats, COINBASE_RECORDING);
  });

  it('OKX (synthetic session): books snapshot/update with every checksum verified', async () => {
    // The fixture is exactly what its generator produces (deterministic, and not edited by hand).
    expect(readFileSync(OKX_SYNTHETIC_RECORDING, 'utf8')).toBe(buildOkxSyntheticRecording());
    const stats = await replay(OKX_SYNTHETIC_RECORDING);
    expect(stats.integrity.gaps).toBe(0);
    expect(stats.integrity.checksumFailures).toBe(0);
    // Two snapshots and 320 updates, each with a checksum.
    expect(stats.integrity.checksumsVerified).toBe(322);
    expectBooksMatchRecording(stats, OKX_SYNTHETIC_RECORDING);
  });
});
