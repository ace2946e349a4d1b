// Position of one recorded WebSocket connection in its replay, shared by the client sessions it serves.
import type { RecordedConnection } from '../recording/recording-format.js';

/**
 * A recorded connection plays once: a client that reconnects continues where the previous session
 * stopped, as a live venue's stream would have moved on. Each received frame needs the client to
 * have sent as many frames as the recorder had sent before it (subscriptions precede their data).
 */
export class ConnectionCursor {
  /** Index of the next frame to consider. */
  next = 0;
  /** Received frames delivered so far. */
  delivered = 0;
  readonly receiveCount: number;
  /** For each frame index, how many client frames the recorder had sent before it. */
  private readonly sendsBefore: Int32Array;

  constructor(readonly connection: RecordedConnection) {
    this.sendsBefore = new Int32Array(connection.frames.length);
    let sends = 0;
    let receives = 0;
    connection.frames.forEach((frame, index) => {
      this.sendsBefore[index] = sends;
      if (frame.direction === 'send') sends++;
      else receives++;
    });
    this.receiveCount = receives;
  }

  get finished(): boolean {
    return this.delivered === this.receiveCount;
  }

  sendsRequiredAt(index: number): number {
    return this.sendsBefore[index] ?? 0;
  }
}
