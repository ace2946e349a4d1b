// Test client of the simulator's Bybit WebSockets: sends requests, keeps every frame (text and parsed), waits for the ones a test expects.
import WebSocket from 'ws';

export type BybitFrame = Record<string, unknown>;

export class BybitWsClient {
  readonly frames: BybitFrame[] = [];
  readonly texts: string[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.texts.push(text);
      this.frames.push(JSON.parse(text) as BybitFrame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.check()) return true;
        waiter.resolve();
        return false;
      });
    });
  }

  static async connect(url: string): Promise<BybitWsClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BybitWsClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first frame (after `from`) that `match` accepts, waiting for it (fails after timeoutMs). */
  async next(what: string, match: (frame: BybitFrame) => boolean, from = 0, timeoutMs = 10_000): Promise<BybitFrame> {
    const find = (): BybitFrame | undefined => this.frames.slice(from).find(match);
    const found = find();
    if (found !== undefined) return found;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(this.frames.slice(-3)).slice(0, 1500)}`)), timeoutMs);
      this.waiters.push({
        check: () => find() !== undefined,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
    return find()!;
  }

  close(): void {
    this.socket.close();
  }
}
