// FeedBridge against the real engine and the Binance simulator: a feed client's books equal the engine's own, also after a forced resync.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { FeedBridge } from '../../../../src/gateway/engine-feed/feed-bridge.js';
import { formatDecimal } from '../../../../src/model/fixed-point.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import type { FeedTestClient } from '../feed/feed-test-client.js';
import { engineBooks, sleep, SYMBOLS, waitFor, waitForSyncedBooks, type BinanceSimulator } from '../../sim/binance/binance-sim-harness.js';
import { startEngineFeedChain, type EngineFeedChain } from './engine-feed-chain.js';

let chain: EngineFeedChain | undefined;

afterEach(async () => {
  await chain?.close();
  chain = undefined;
});

type Levels = [string, string][];

async function start(faults?: SimFaultConfig, maxDepth?: number): Promise<{ simulator: BinanceSimulator; engine: MarketDataEngine; bridge: FeedBridge; client: FeedTestClient }> {
  chain = await startEngineFeedChain({
    topics: Object.values(SYMBOLS).flatMap((canonical) => [`book.binance:${canonical}`, `book.all:${canonical}`, `status.binance:${canonical}`]),
    faults,
    maxDepth,
  });
  return chain;
}

/** The client's top 10 of a topic as decimal text, like the engine's reports. */
function clientTop(feedClient: FeedTestClient, running: MarketDataEngine, topic: string, canonical: string): { bids: Levels; asks: Levels } {
  const instrument = running.registry.byCanonical(canonical)[0]!;
  const top = feedClient.books.get(topic)?.top(10) ?? { bids: [], asks: [] };
  const text = (levels: [bigint, bigint][]): Levels => levels.map(([price, size]) => [formatDecimal(Number(price), instrument.priceDecimals), formatDecimal(Number(size), instrument.sizeDecimals)]);
  return { bids: text(top.bids), asks: text(top.asks) };
}

/** Stops the exchange clock, then waits until every client book (venue and consolidated) equals the engine's top 10. */
async function expectClientEqualsEngine(sim: BinanceSimulator, running: MarketDataEngine, feedClient: FeedTestClient): Promise<void> {
  await waitForSyncedBooks(running);
  sim.exchange.stop();
  await sleep(300);
  const compare = async (): Promise<{ equal: boolean; detail: unknown }> => {
    const books = engineBooks(await running.instrumentReports());
    const detail: Record<string, unknown> = {};
    let equal = true;
    for (const [native, canonical] of Object.entries(SYMBOLS)) {
      const expected = JSON.stringify({ bids: books.get(native)?.bids, asks: books.get(native)?.asks });
      for (const topic of [`book.binance:${canonical}`, `book.all:${canonical}`]) {
        const seen = JSON.stringify(clientTop(feedClient, running, topic, canonical));
        if (seen !== expected) {
          equal = false;
          detail[topic] = { seen, expected };
        }
      }
    }
    return { equal, detail };
  };
  const outcome = await waitFor('client books equal to the engine', compare, (value) => value.equal, 10_000);
  expect(outcome.equal).toBe(true);
  for (const canonical of Object.values(SYMBOLS)) {
    const top = clientTop(feedClient, running, `book.binance:${canonical}`, canonical);
    expect(top.bids.length, canonical).toBe(10);
    expect(Number(top.bids[0]![0]) < Number(top.asks[0]![0]), `${canonical} not crossed`).toBe(true);
  }
}

describe('FeedBridge: engine → gateway rings → FeedHub → client', () => {
  it('every venue and consolidated book a client rebuilds equals the engine\'s top 10, with no sequence gaps', async () => {
    const running = await start();
    await sleep(2000);
    await expectClientEqualsEngine(running.simulator, running.engine, running.client);
    for (const canonical of Object.values(SYMBOLS)) {
      const seqs = running.client.deltaSeqs.get(`book.binance:${canonical}`) ?? [];
      expect(seqs.length, canonical).toBeGreaterThan(5);
      for (let index = 1; index < seqs.length; index++) expect(seqs[index], canonical).toBe(seqs[index - 1]! + 1n);
      expect(running.client.books.get(`book.binance:${canonical}`)!.gaps).toBe(0);
    }
    const reports = await running.engine.instrumentReports();
    for (const report of reports) {
      expect(report.gateway!.snapshots, report.canonical).toBeGreaterThanOrEqual(1);
      expect(report.gateway!.dropped, report.canonical).toBe(0);
    }
    expect(running.bridge.stats.deltas).toBeGreaterThan(10);
  });

  it('a dropped depth diff: the book resyncs in the engine, the feed shows RESYNCING then a fresh snapshot, client books end equal', async () => {
    const running = await start({ websocket: { drop: [{ key: 'BTCUSDT', frames: [12] }] } });
    await waitFor('the resync', async () => engineBooks(await running.engine.instrumentReports()).get('BTCUSDT')?.gaps ?? 0, (gaps) => gaps >= 1);
    await sleep(1000);
    await expectClientEqualsEngine(running.simulator, running.engine, running.client);
    const statuses = running.client.messages.filter((message) => message.type === 'status').map((message) => (message.type === 'status' ? message.status : 'none'));
    expect(statuses).toContain('resyncing');
    expect(running.bridge.stats.snapshots).toBeGreaterThanOrEqual(Object.keys(SYMBOLS).length + 1);
  });

  it("the replicas keep the engine's maxDepth (no options given to the bridge): 15 levels a side, equal to the engine's", async () => {
    const running = await start(undefined, 15);
    await sleep(1500);
    await expectClientEqualsEngine(running.simulator, running.engine, running.client);
    const books = running.bridge.bookProvider();
    for (const canonical of Object.values(SYMBOLS)) {
      const book = books.venueBook(`binance:${canonical}`, 50)!;
      // The simulated venue sends far more than 15 levels: a replica deeper than the engine's books would keep levels the engine dropped.
      expect([book.bids.length, book.asks.length], canonical).toEqual([15, 15]);
    }
  });
});
