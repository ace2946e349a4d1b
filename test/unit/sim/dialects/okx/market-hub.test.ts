// The OKX market hub over a real SimExchange driven step by step: books snapshot + updates rebuild the exchange's book, seqIds chain, keep-alive after 60 s.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { okxChecksum, type OkxLevel } from '../../../../../src/sim/dialects/okx/okx-text.js';
import { MarketHub, SEQ_ID_OFFSET } from '../../../../../src/sim/dialects/okx/public-ws/market-hub.js';
import { TickerStats } from '../../../../../src/sim/dialects/okx/ticker-stats.js';
import { createSimExchange } from '../../../../../src/sim/exchange/sim-exchange.js';
import { priceText, sizeText } from '../../../../../src/sim/market/sim-instrument.js';
import type { SimSocketSink } from '../../../../../src/sim/server/sim-dialect.js';

const START_MS = Date.UTC(2025, 4, 6, 9, 30, 0);

/** A sink that keeps what the hub writes (the server's socket stands here). */
class CollectingSink implements SimSocketSink {
  readonly frames: { text: string; kind: string; key: string | undefined }[] = [];
  readonly bufferedAmount = 0;
  send(text: string, kind: 'book' | 'trade' | 'control' | 'private', key?: string): void {
    this.frames.push({ text, kind, key });
  }
  close(): void {}
}

interface BooksPush {
  action: string;
  data: { asks: OkxLevel[]; bids: OkxLevel[]; ts: string; checksum: number; prevSeqId: number; seqId: number }[];
}

let hub: MarketHub | undefined;
afterEach(() => {
  hub?.close();
  hub = undefined;
  vi.useRealTimers();
});

describe('OKX market hub', () => {
  it('a subscriber rebuilds the exchange book from its snapshot and updates; seqIds chain; every checksum is the book after it', () => {
    const exchange = createSimExchange({ venue: 'okx', seed: 4, startMs: START_MS });
    hub = new MarketHub(exchange, new TickerStats((native) => exchange.history(native)));
    for (let step = 1; step <= 5; step++) exchange.stepTo(START_MS + step * 100);
    const sink = new CollectingSink();
    hub.subscribe('books', 'BTC-USDT-SWAP', sink);
    for (let step = 6; step <= 80; step++) exchange.stepTo(START_MS + step * 100);

    const pushes = sink.frames.map((frame) => JSON.parse(frame.text) as BooksPush);
    expect(sink.frames.every((frame) => frame.kind === 'book' && frame.key === 'BTC-USDT-SWAP')).toBe(true);
    expect(pushes[0]!.action).toBe('snapshot');
    expect(pushes[0]!.data[0]!.prevSeqId).toBe(-1);
    expect(pushes.length).toBeGreaterThan(40);
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    let previous = -1;
    for (const push of pushes) {
      const data = push.data[0]!;
      if (previous !== -1) expect(data.prevSeqId).toBe(previous);
      for (const [side, levels] of [
        [bids, data.bids],
        [asks, data.asks],
      ] as const) {
        for (const [price, size] of levels) {
          if (size === '0') side.delete(price);
          else side.set(price, size);
        }
      }
      const sortedBids = [...bids].sort((a, b) => Number(b[0]) - Number(a[0])).map(([p, s]): OkxLevel => [p, s, '0', '1']);
      const sortedAsks = [...asks].sort((a, b) => Number(a[0]) - Number(b[0])).map(([p, s]): OkxLevel => [p, s, '0', '1']);
      expect(data.checksum).toBe(okxChecksum(sortedBids, sortedAsks));
      previous = data.seqId;
    }
    // Snapshot + updates = the exchange's own book, at full depth.
    const instrument = exchange.listing('BTC-USDT-SWAP')!.instrument;
    const snapshot = exchange.snapshot('BTC-USDT-SWAP', 1000);
    expect(previous).toBe(SEQ_ID_OFFSET + snapshot.updateId);
    expect([...bids].sort((a, b) => Number(b[0]) - Number(a[0]))).toEqual(snapshot.bids.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]));
    expect([...asks].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(snapshot.asks.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]));
  });

  it('after 60 s without a change a subscriber gets an update with no levels whose seqId equals its prevSeqId', () => {
    vi.useFakeTimers({ now: START_MS });
    const exchange = createSimExchange({ venue: 'okx', seed: 4, startMs: START_MS });
    hub = new MarketHub(exchange, new TickerStats((native) => exchange.history(native)));
    const sink = new CollectingSink();
    hub.subscribe('books', 'ETH-USDT', sink);
    const snapshot = (JSON.parse(sink.frames[0]!.text) as BooksPush).data[0]!;
    vi.advanceTimersByTime(59_000);
    expect(sink.frames).toHaveLength(1);
    vi.advanceTimersByTime(6_000);
    expect(sink.frames).toHaveLength(2);
    const keepAlive = JSON.parse(sink.frames[1]!.text) as BooksPush;
    expect(keepAlive.action).toBe('update');
    expect(keepAlive.data[0]).toMatchObject({ asks: [], bids: [], prevSeqId: snapshot.seqId, seqId: snapshot.seqId, checksum: snapshot.checksum });
  });

  it('unsubscribed and dropped sinks get nothing more', () => {
    const exchange = createSimExchange({ venue: 'okx', seed: 4, startMs: START_MS });
    hub = new MarketHub(exchange, new TickerStats((native) => exchange.history(native)));
    const books = new CollectingSink();
    const trades = new CollectingSink();
    hub.subscribe('books', 'BTC-USDT', books);
    hub.subscribe('trades', 'BTC-USDT', trades);
    hub.unsubscribe('books', 'BTC-USDT', books);
    hub.drop(trades);
    for (let step = 1; step <= 30; step++) exchange.stepTo(START_MS + step * 100);
    expect(books.frames).toHaveLength(1);
    expect(trades.frames).toHaveLength(0);
  });
});
