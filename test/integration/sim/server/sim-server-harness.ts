// Test helper for the simulator server's tests: starts SimServer with the test dialect, WebSocket clients that record frames, small waits.
import WebSocket from 'ws';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { SimServer, type SimServerOptions } from '../../../../src/sim/server/sim-server.js';
import { SimTestDialect, type SimTestDialectOptions } from '../../../helpers/sim-test-dialect.js';
import { testExchange } from './test-exchange.js';

export interface Harness {
  server: SimServer;
  dialect: SimTestDialect;
  logged: string[];
}

const running: SimServer[] = [];

export async function startHarness(options: { faults?: SimFaultConfig; dialect?: SimTestDialectOptions; server?: SimServerOptions } = {}): Promise<Harness> {
  const dialect = new SimTestDialect(testExchange(), options.dialect ?? {});
  const logged: string[] = [];
  const server = await SimServer.start(dialect, { faults: options.faults, log: (line) => logged.push(line), ...options.server });
  running.push(server);
  return { server, dialect, logged };
}

export async function closeHarnesses(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms until true, or fails after timeoutMs with `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A WebSocket client that records every frame and how the connection ended. */
export class RecordingClient {
  readonly frames: string[] = [];
  readonly arrivalsMs: number[] = [];
  closeCode: number | null = null;
  closeReason = '';
  readonly socket: WebSocket;

  private constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: Buffer) => {
      this.frames.push(data.toString('utf8'));
      this.arrivalsMs.push(Date.now());
    });
    this.socket.on('close', (code: number, reason: Buffer) => {
      this.closeCode = code;
      this.closeReason = reason.toString('utf8');
    });
  }

  static async connect(url: string): Promise<RecordingClient> {
    const client = new RecordingClient(url);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    return client;
  }

  /** Subscribes and waits for the reply, so the dialect's session sees the key before the test pushes frames. */
  async subscribe(key: string): Promise<void> {
    const before = this.frames.length;
    this.socket.send(JSON.stringify({ op: 'subscribe', key }));
    await waitFor(() => this.frames.slice(before).some((frame) => frame.includes('"subscribed"') && frame.includes(`"${key}"`)), `subscribed ${key}`);
  }

  /** The seq numbers of the book frames received for `key`, in arrival order. */
  bookSeqs(key?: string): number[] {
    return this.books(key).map((frame) => frame.seq);
  }

  books(key?: string): { key: string; seq: number; checksum?: number }[] {
    return this.frames
      .map((text) => JSON.parse(text) as { type?: string; key: string; seq: number; checksum?: number })
      .filter((frame) => frame.type === 'book' && (key === undefined || frame.key === key));
  }

  get closed(): boolean {
    return this.closeCode !== null;
  }

  close(): void {
    this.socket.close();
  }
}
