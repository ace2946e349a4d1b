// Position of one recorded WebSocket connection in its replay, shared by the client sessions it serves.
import type { RecordedConnection } from '../recording/recording-format.js';

/**
 * A recorded connection plays once: a client that reconnects continues where the previous session
 * stopped, as a live venue's stream would have moved on. Frames the venue sent after the
 * recorder's first subscription wait for the client's first frame (its subscription): a real
 * adapter batches subscriptions its own way, so counting frames beyond the first would stall.
 */
export class ConnectionCursor {
  /** Index of the next frame to consider. */
  next = 0;
  /** Received frames delivered so far. */
  delivered = 0;
  /** Received frames passed without being sent (a fault dropped them, or no session was subscribed to them). */
  withheld = 0;
  readonly receiveCount: number;
  /** For each frame index, 1 if the recorder had subscribed before it, else 0. */
  private readonly sendsBefore: Int32Array;

  constructor(readonly connection: RecordedConnection) {
    this.sendsBefore = new Int32Array(connection.frames.length);
    let sends = 0;
    let receives = 0;
    connection.frames.forEach((frame, index) => {
      this.sendsBefore[index] = Math.min(sends, 1);
      if (frame.direction === 'send') sends++;
      else receives++;
    });
    this.receiveCount = receives;
  }

  get finished(): boolean {
    return this.delivered + this.withheld === this.receiveCount;
  }

  sendsRequiredAt(index: number): number {
    return this.sendsBefore[index] ?? 0;
  }
}
