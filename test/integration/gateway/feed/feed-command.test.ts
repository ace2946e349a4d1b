// `zvt feed` as a real child process against a real feed: JSON lines of decoded messages, --count, refusals and exit codes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RandomBookSource, startFeed, type RunningFeed } from './feed-harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `zvt <args>` from the TypeScript sources (tsx), so the test needs no build. */
function zvt(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let feed: RunningFeed | undefined;
let timer: NodeJS.Timeout | undefined;

afterEach(() => {
  clearInterval(timer);
  feed?.server.close();
  feed = undefined;
});

describe('zvt feed', () => {
  it('subscribes, prints ack, snapshot and deltas as JSON lines with 64-bit values as strings, and exits after --count', async () => {
    feed = await startFeed();
    const source = new RandomBookSource(feed.hub, 'binance:BTC-USDT', 3);
    timer = setInterval(() => source.delta(2), 5);
    const run = await zvt(['feed', feed.url, '--topic', 'book.binance:BTC-USDT', '--topic', 'status.binance:BTC-USDT', '--count', '12']);
    expect(run.code, run.stderr).toBe(0);
    const printed = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(printed).toHaveLength(12);
    // The server's 1 s heartbeats count as messages too and may come first on a slow machine.
    const lines = printed.filter((line) => line.type !== 'heartbeat');
    expect(lines.length).toBeGreaterThanOrEqual(12 - 2);
    expect(lines[0]).toMatchObject({ type: 'subscribeAck', requestId: 1, topic: 'book.binance:BTC-USDT', topicId: 0, subscribed: true, priceDecimals: 2, sizeDecimals: 8 });
    expect(lines[1]).toMatchObject({ type: 'snapshot', topic: 'book.binance:BTC-USDT', topicId: 0, reason: 'subscribe', priceDecimals: 2 });
    expect(typeof lines[1]!.seq).toBe('string');
    const snapshot = lines[1] as { seq: string; bids: { price: string; size: string }[] };
    expect(snapshot.bids[0]!.price).toMatch(/^\d+$/);
    expect(snapshot.bids[0]!.size).toMatch(/^\d+$/);
    expect(lines[2]).toMatchObject({ type: 'subscribeAck', topic: 'status.binance:BTC-USDT', topicId: 3 });
    const deltas = lines.slice(3) as { type: string; topic: string; seq: string }[];
    expect(deltas.every((line) => line.type === 'delta' && line.topic === 'book.binance:BTC-USDT')).toBe(true);
    deltas.forEach((line, index) => expect(BigInt(line.seq)).toBe(BigInt(snapshot.seq) + BigInt(index + 1)));
  });

  it('refuses a malformed topic or URL as a usage error (2), reports refused topics and unreachable servers as failures (1)', async () => {
    feed = await startFeed();
    feed.hub.addInstrument('binance:BTC-USDT', { priceDecimals: 2, sizeDecimals: 8 });
    const [badTopic, badUrl, unknown, unreachable] = await Promise.all([
      zvt(['feed', feed.url, '--topic', 'depth.binance:BTC-USDT']),
      zvt(['feed', 'http://127.0.0.1:1/v1/feed', '--topic', 'book.binance:BTC-USDT']),
      zvt(['feed', feed.url, '--topic', 'book.okx:BTC-USDT']),
      zvt(['feed', 'ws://127.0.0.1:1/v1/feed', '--topic', 'book.binance:BTC-USDT', '--count', '1']),
    ]);
    expect(badTopic.code).toBe(2);
    expect(badTopic.stderr).toContain('topic "depth.binance:BTC-USDT" has kind "depth"');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('must be a ws:// or wss:// URL');
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(JSON.parse(unknown.stdout.trim())).toMatchObject({ type: 'error', code: 'ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN', topic: 'book.okx:BTC-USDT' });
    expect(unknown.stderr).toContain('ZVT_ERR_GATEWAY_FEED_CLIENT: the feed refused every topic');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('ZVT_ERR_GATEWAY_FEED_CLIENT: cannot connect to ws://127.0.0.1:1/v1/feed');
  });
});
