// `fix` suite: NewOrderSingle → ExecutionReport (New) round trip through the FIX acceptor over TCP on 127.0.0.1, simulator-backed handler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixAcceptor } from '../../src/gateway/fix/fix-acceptor.js';
import type { BenchSuite, Metrics } from '../harness.js';
import type { FixClientWorkerOptions } from './fix-client-worker.js';
import { createBenchOrderVenue, roundTripMetrics, runClientThread } from './order-entry-bench-venue.js';

/*
 * The client runs on a worker thread with its own event loop and socket, like a separate
 * process would (a client on the acceptor's loop would share its turns). One order in flight:
 * the time from writing the NewOrderSingle to parsing the ExecutionReport New, which covers the
 * client's encode, loopback TCP both ways, the acceptor's framing, parsing, session checks,
 * sequence store write, the handler placing the order in the simulator's matching engine, the
 * report's encoding, store append and write. Each order is cancelled before the next (untimed)
 * so the book does not grow. Store fsync: never (the default).
 */

const WARMUP = 2_000;
const COUNT = 20_000;

export const fixSuite: BenchSuite = {
  name: 'fix',
  description: `FIX 4.4 acceptor: NewOrderSingle → ExecutionReport(New) over TCP on 127.0.0.1, ${COUNT} sequential orders after ${WARMUP} warm-up (µs)`,
  async run(log: (line: string) => void): Promise<Metrics> {
    const directory = mkdtempSync(join(tmpdir(), 'zvt-bench-fix-'));
    const venue = createBenchOrderVenue();
    const acceptor = await startFixAcceptor({ handler: venue.handler, credentials: venue.credentials, storeDirectory: join(directory, 'store') });
    try {
      const options: FixClientWorkerOptions = {
        port: acceptor.port,
        apiKey: venue.apiKey,
        secret: venue.secret,
        symbol: 'BTC-USDT',
        price: venue.restingBuyPrice,
        quantity: '0.001',
        warmup: WARMUP,
        count: COUNT,
      };
      const sorted = await runClientThread(import.meta.url, './fix-client-worker', options);
      const stats = acceptor.stats();
      log(`${sorted.length} round trips; min ${sorted[0]!.toFixed(1)} µs, max ${sorted.at(-1)!.toFixed(1)} µs; rejects ${stats.rejectsSent}, errors ${stats.internalErrors}`);
      return roundTripMetrics('fix_order_to_ack', sorted);
    } finally {
      await acceptor.close();
      venue.handler.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
