// A raw client that connects to a replay server exactly as the recorder connected to the venue.
import WebSocket from 'ws';
import type { RecordedConnection } from '../recording/recording-format.js';

export interface RecordedClientStats {
  conn: string;
  frames: number;
  bytes: number;
}

/**
 * Opens the recorded connection's path and query on `wsBaseUrl`, sends the recorder's client
 * frames (subscriptions), and counts what arrives. This is what `zvt replay` runs until the venue
 * adapters connect in its place; it is also how tests check the server against the recording.
 */
export class RecordedClient {
  readonly stats: RecordedClientStats;
  private readonly socket: WebSocket;

  constructor(wsBaseUrl: string, connection: RecordedConnection) {
    const address = new URL(connection.address);
    this.stats = { conn: connection.conn, frames: 0, bytes: 0 };
    this.socket = new WebSocket(`${wsBaseUrl}${address.pathname}${address.search}`);
    this.socket.on('message', (data: Buffer) => {
      this.stats.frames++;
      this.stats.bytes += data.length;
    });
    this.socket.once('open', () => {
      for (const frame of connection.frames) if (frame.direction === 'send') this.socket.send(frame.data);
    });
  }

  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  close(): void {
    this.socket.close(1000);
  }
}
