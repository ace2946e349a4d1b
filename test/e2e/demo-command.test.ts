// `zvt demo` end to end as a child process of the built CLI: feed books consistent with deltas, a FIX order filled on the simulator, clean SIGINT with trades and candles in the DuckDB file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, REPOSITORY_ROOT, cleanEnvironment, ensureBuiltCli } from '../integration/cli/built-cli.js';
import { FeedTestClient } from '../integration/gateway/feed/feed-test-client.js';
import { JspurefixClient, writeTestDictionary } from '../integration/gateway/fix/jspurefix-client.js';

interface DemoEndpoints {
  http: string;
  feed: string;
  orders: string;
  fix: { host: string; port: number; senderCompId: string; targetCompId: string };
  apiKey: string;
  apiSecret: string;
}

let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-demo-'));
  await ensureBuiltCli();
}, 180_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function countRows(file: string, table: string): Promise<number> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`);
    return Number(reader.getRows()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('zvt demo', () => {
  it('serves the feed and FIX against the simulator and exits 0 on SIGINT with the store flushed', async () => {
    const file = join(directory, 'endpoints.json');
    const store = join(directory, 'demo.duckdb');
    const child = spawn(process.execPath, [CLI_PATH, '--store', `duckdb:${store}`, 'demo', '--seed', '7', '--endpoints-json', file], {
      cwd: REPOSITORY_ROOT,
      env: cleanEnvironment({ ZVT_DATA_DIR: join(directory, 'data'), ZVT_LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let exited = false;
    void exit.then(() => (exited = true));
    let feed: FeedTestClient | undefined;
    let fix: JspurefixClient | undefined;
    try {
      await until('the endpoints file', () => existsSync(file) || exited, 60_000);
      expect(exited, stderr).toBe(false);
      const endpoints = JSON.parse(readFileSync(file, 'utf8')) as DemoEndpoints;
      expect(Object.keys(endpoints)).toEqual(['http', 'feed', 'orders', 'fix', 'apiKey', 'apiSecret']);
      expect(endpoints.orders).toBe(endpoints.feed.replace('/v1/feed', '/v1/orders'));
      expect(stdout).toContain(endpoints.apiKey);
      expect((await fetch(`${endpoints.http}/healthz`)).status).toBe(200);

      // Feed: a venue book and the consolidated book, snapshot then gap-free deltas.
      feed = await FeedTestClient.connect(endpoints.feed);
      const topics = ['book.binance:BTC-USDT', 'book.all:BTC-USDT'];
      feed.subscribe(topics);
      const client = feed;
      await client.until(() => topics.every((topic) => (client.deltaSeqs.get(topic)?.length ?? 0) >= 20), 60_000, 'snapshots and 20 deltas per topic');
      for (const topic of topics) {
        const replica = client.books.get(topic)!;
        expect(replica.gaps, topic).toBe(0);
        const seqs = client.deltaSeqs.get(topic)!;
        for (let index = 1; index < seqs.length; index++) expect(seqs[index], topic).toBe(seqs[index - 1]! + 1n);
        const top = replica.top(10);
        expect(top.bids.length, topic).toBe(10);
        // One venue's book is never crossed; the consolidated one may be (independent venues' prices cross: an arbitrage, not an error).
        if (!topic.includes('all:')) expect(top.bids[0]![0] < top.asks[0]![0], `${topic} is not crossed`).toBe(true);
      }

      // FIX: logon with the demo key, a marketable buy on the simulated binance fills.
      const dictionary = writeTestDictionary(directory);
      fix = JspurefixClient.start(
        { port: endpoints.fix.port, senderCompId: endpoints.fix.senderCompId, targetCompId: endpoints.fix.targetCompId, apiKey: endpoints.apiKey, secret: endpoints.apiSecret, resetSeqNum: true, storeDirectory: join(directory, 'fix-client') },
        dictionary,
      );
      await fix.ready;
      // A market buy: it fills against the simulated binance book the feed shows.
      fix.send('D', { ClOrdID: 'demo-1', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.001 }, OrdType: '1', TimeInForce: '3' });
      const filled = await fix.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'demo-1' && message.fields.get(39) === '2');
      expect(filled.fields.get(14)).toBe('0.001');

      // A closed 1m candle needs a minute boundary (plus the 2 s late allowance) behind us.
      const msToBoundary = 60_000 - (Date.now() % 60_000);
      await new Promise((resolve) => setTimeout(resolve, msToBoundary + 4_000));
      await fix.logout();
    } finally {
      await feed?.close();
      child.kill('SIGINT');
    }
    expect(await exit, stderr).toBe(0);
    expect(stdout).toContain('zvt demo: SIGINT, stopping');
    expect(stdout).toMatch(/recorder flushed into duckdb:.*rows confirmed\n/);
    expect(await countRows(store, 'trades')).toBeGreaterThan(0);
    expect(await countRows(store, 'candles')).toBeGreaterThan(0);
  }, 240_000);
});
