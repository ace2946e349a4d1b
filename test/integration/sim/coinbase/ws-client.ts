// Test client of the simulator's Coinbase WebSocket: sends subscriptions, keeps every message, waits for the ones a test expects.
import WebSocket from 'ws';

export interface CoinbaseMessage {
  readonly channel?: string;
  readonly type?: string;
  readonly message?: string;
  readonly timestamp?: string;
  readonly sequence_num?: number;
  readonly events?: { type?: string; product_id?: string; [key: string]: unknown }[];
}

export class CoinbaseWsClient {
  readonly messages: CoinbaseMessage[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString('utf8')) as CoinbaseMessage);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.check()) return true;
        waiter.resolve();
        return false;
      });
    });
  }

  static async connect(wsUrl: string): Promise<CoinbaseWsClient> {
    const socket = new WebSocket(`${wsUrl}/`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CoinbaseWsClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Resolves once `check` holds over the messages so far (fails after `timeoutMs`). */
  async waitUntil(what: string, check: (messages: readonly CoinbaseMessage[]) => boolean, timeoutMs = 10_000): Promise<void> {
    if (check(this.messages)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(this.messages.slice(-3)).slice(0, 1500)}`)), timeoutMs);
      this.waiters.push({
        check: () => check(this.messages),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
