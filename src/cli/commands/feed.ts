// `zvt feed <url> --topic <topic>...`: the example binary-feed client; prints every decoded message as one JSON line (64-bit integers as strings).
import { InvalidArgumentError, type Command } from 'commander';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_GATEWAY_FEED_CLIENT } from '../../gateway/errors.js';
import { FeedClient } from '../../gateway/feed/feed-client.js';
import { feedMessageJson } from '../../gateway/feed/feed-decoder.js';
import { parseTopicName } from '../../gateway/feed/feed-topic-name.js';
import type { CliCommand } from '../cli-command.js';

interface FeedCommandOptions {
  topic: string[];
  count?: number;
}

function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be a ws:// or wss:// URL (e.g. ws://127.0.0.1:8080/v1/feed).');
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new InvalidArgumentError('must be a ws:// or wss:// URL (e.g. ws://127.0.0.1:8080/v1/feed).');
  return value;
}

function collectTopic(value: string, previous: string[] = []): string[] {
  const parsed = parseTopicName(value);
  if (typeof parsed === 'string') throw new InvalidArgumentError(`${parsed}.`);
  return [...previous, value];
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || !Number.isSafeInteger(count)) throw new InvalidArgumentError('must be a positive integer.');
  return count;
}

/** Prints messages until `count` (when given) or until the server closes; SIGINT/SIGTERM end it quietly. */
async function runFeed(url: string, options: FeedCommandOptions): Promise<void> {
  let printed = 0;
  let subscribeRequest = 0;
  let refusedTopics = 0;
  let finished = false;
  const client: FeedClient = await FeedClient.connect(url, {
    onMessage(message) {
      if (finished) return;
      process.stdout.write(`${feedMessageJson(message, client.topicNames)}\n`);
      printed++;
      // Nothing left to wait for when every topic was refused.
      if (message.type === 'error' && message.requestId === subscribeRequest && ++refusedTopics === options.topic.length) finish();
      else if (options.count !== undefined && printed >= options.count) finish();
    },
    onGap(topic) {
      process.stderr.write(`zvt feed: seq gap on ${topic}; snapshot requested\n`);
    },
  });
  const finish = (): void => {
    finished = true;
    client.close();
  };
  subscribeRequest = client.subscribe(options.topic);
  const stop = (): void => finish();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const code = await client.closed;
    if (refusedTopics === options.topic.length) {
      throw new ZvtError(ZVT_ERR_GATEWAY_FEED_CLIENT, `the feed refused every topic (${options.topic.join(', ')}); see the error messages above`);
    }
    if (!finished) throw new ZvtError(ZVT_ERR_GATEWAY_FEED_CLIENT, `the feed closed the connection (code ${code}) after ${printed} messages`, { code });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export const feedCommand: CliCommand = {
  name: 'feed',
  requiresNativeUws: false,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description(
        'connect to a binary feed (/v1/feed), subscribe to topics and print each decoded message as a JSON line ' +
          '(64-bit integers as strings, prices and sizes as fixed-point mantissas); on a seq gap it asks for a snapshot, as any client should',
      )
      .argument('<url>', 'feed URL, e.g. ws://127.0.0.1:8080/v1/feed', parseUrl)
      .requiredOption('--topic <topic>', '<kind>.<instrument>, repeatable: book|bbo|trades|status . <venue>:<canonical> or all:<canonical>', collectTopic)
      .option('--count <n>', 'exit after printing n messages', parseCount)
      .action(async (url: string, options: FeedCommandOptions) => {
        await runFeed(url, options);
      });
  },
};
