// The byte scanner really scans the high-rate channels: no recorded l2_data, market_trades, ticker or heartbeats frame falls back to JSON.parse.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import * as reference from '../../../../src/actors/venues/coinbase/parse.js';
import { parseFast } from '../../../../src/actors/venues/coinbase/scan.js';
import { loadCoinbaseSession, type CoinbaseSession } from './coinbase-session.js';

vi.mock('../../../../src/actors/venues/coinbase/parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof reference>();
  return { ...original, parseReference: vi.fn(original.parseReference) };
});

let session: CoinbaseSession;

beforeAll(async () => {
  session = await loadCoinbaseSession();
});

describe('Coinbase parseFast', () => {
  it('scans every recorded frame of the scanned channels without the reference fallback, and only falls back for the cold ones', () => {
    const fallback = vi.mocked(reference.parseReference);
    const frame = new ParsedFrame();
    const coldChannels = new Set<string>();
    let scanned = 0;
    for (let i = 0; i < session.frames.length; i++) {
      const channel = (JSON.parse(session.frames[i]!) as { channel: string }).channel;
      fallback.mockClear();
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      expect(frame.kind).not.toBe(FrameKind.UNKNOWN);
      if (fallback.mock.calls.length > 0) coldChannels.add(channel);
      else scanned++;
    }
    expect([...coldChannels].sort()).toEqual(['candles', 'subscriptions']);
    expect(scanned).toBeGreaterThan(session.frames.length * 0.9);
  });
});
