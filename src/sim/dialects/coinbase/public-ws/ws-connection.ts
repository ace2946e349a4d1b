// One client connection to the Coinbase WebSocket: its subscriptions, its own sequence_num, and how frames are written to it.
import type { SimSocketSink } from '../../../server/sim-dialect.js';
import { goRfc3339 } from '../wire/go-time.js';
import { SubscriptionSet } from './subscription-set.js';

/*
 * Every message Coinbase sends on a connection carries `sequence_num`, numbering the connection's
 * messages across all channels from 0 (recorded: 0..1029 without a hole). A frame the fault layer
 * drops therefore leaves a hole the client can see, which is how a lost level2 update shows: the
 * number is taken when the frame is built, before the sink (and its faults) sees it.
 * Recorded envelope, in this key order: {"channel","timestamp","sequence_num","events"}; the docs'
 * examples add "client_id":"", the live venue did not send it (docs/simulator/coinbase.md).
 * Error answers ({"type":"error","message":...}) carry no sequence_num and take no number.
 */

export type CoinbaseServerChannel = 'l2_data' | 'market_trades' | 'ticker' | 'heartbeats' | 'subscriptions' | 'user';

export class CoinbaseWsConnection {
  readonly subscriptions = new SubscriptionSet();
  /** The account the `user` channel was authenticated for (null until a user subscribe succeeded). */
  userAccountId: string | null = null;
  private nextSequence = 0;
  private closed = false;

  constructor(private readonly sink: SimSocketSink) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Writes one message of `channel` whose `events` array is `eventsJson` (a JSON array text). */
  send(channel: CoinbaseServerChannel, timestampMs: number, eventsJson: string, key?: string): void {
    if (this.closed) return;
    const text = `{"channel":"${channel}","timestamp":"${goRfc3339(timestampMs)}","sequence_num":${this.nextSequence++},"events":${eventsJson}}`;
    this.sink.send(text, kindOf(channel), key);
  }

  /** An error answer to a client message. */
  sendError(message: string): void {
    if (this.closed) return;
    this.sink.send(JSON.stringify({ type: 'error', message }), 'control');
  }

  markClosed(): void {
    this.closed = true;
  }
}

function kindOf(channel: CoinbaseServerChannel): 'book' | 'trade' | 'control' | 'private' {
  switch (channel) {
    case 'l2_data':
      return 'book';
    case 'market_trades':
    case 'ticker':
      return 'trade';
    case 'user':
      return 'private';
    default:
      return 'control';
  }
}
