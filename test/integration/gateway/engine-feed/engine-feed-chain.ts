// The chain the engine → feed tests run: the Binance simulator, the engine with its gateway rings, a FeedBridge into a FeedHub served by a FeedServer, and one subscribed feed client.
import { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { createLogger } from '../../../../src/config/logger.js';
import { FeedBridge } from '../../../../src/gateway/engine-feed/feed-bridge.js';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { FeedServer } from '../../../../src/gateway/feed/feed-server.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { testConfig } from '../../../helpers/test-config.js';
import { FeedTestClient } from '../feed/feed-test-client.js';
import { startBinanceSimulator, SYMBOLS, type BinanceSimulator } from '../../sim/binance/binance-sim-harness.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

export interface EngineFeedChain {
  readonly simulator: BinanceSimulator;
  readonly engine: MarketDataEngine;
  readonly hub: FeedHub;
  readonly bridge: FeedBridge;
  readonly client: FeedTestClient;
  /** Closes whatever was started, client first, simulator last. */
  close(): Promise<void>;
}

/** Starts the chain over SYMBOLS; the client subscribes `topics`. Whatever started is closed again if a later step fails. */
export async function startEngineFeedChain(options: { topics: readonly string[]; faults?: SimFaultConfig | undefined; maxDepth?: number | undefined }): Promise<EngineFeedChain> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const simulator = await startBinanceSimulator(options.faults === undefined ? {} : { faults: options.faults });
    closers.push(() => simulator.close());
    const engine = await MarketDataEngine.start({
      endpoints: [{ venue: 'binance', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: Object.values(SYMBOLS) }],
      config,
      logger,
      replay: false,
      gateway: true,
      ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
    });
    closers.push(() => engine.stop());
    const hub = new FeedHub();
    const bridge = new FeedBridge(engine, hub);
    bridge.start();
    closers.push(() => bridge.stop());
    const server = await FeedServer.start(hub);
    closers.push(() => {
      server.close();
      server.hub.close();
    });
    const client = await FeedTestClient.connect(server.url);
    closers.push(() => client.close());
    client.subscribe([...options.topics]);
    return { simulator, engine, hub, bridge, client, close };
  } catch (error) {
    await close();
    throw error;
  }
}
