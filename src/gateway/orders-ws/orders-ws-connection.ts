// One /v1/orders WebSocket: its encoder (one reused Builder), its session once logged on, and the slow-consumer rule on every send.
import type { WebSocket } from 'uWebSockets.js';
import { OrdersWsEncoder } from './orders-ws-encoder.js';
import type { OrdersWsFrame } from './orders-ws-frames.js';
import type { OrdersWsLink, OrdersWsSession } from './orders-ws-session.js';

/** WebSocket close codes of /v1/orders (4000-4999: application codes; docs/orders.md). */
export const ORDERS_CLOSE = Object.freeze({
  /** After a Logout exchange. */
  normal: 1000,
  /** The gateway is shutting down (a Logout precedes it for logged-on sessions). */
  goingAway: 1001,
  /** No accepted Logon within logonTimeoutMs. */
  logonTimeout: 4001,
  /** The Logon was refused (a LogonReject says why). */
  logonRefused: 4002,
  /** uWS held more than maxBufferedBytes unsent for the connection. */
  slowConsumer: 4008,
});

/** uWS send(): 2 = dropped at maxBackpressure. */
const SEND_DROPPED = 2;

export interface OrdersWsUserData {
  connection?: OrdersWsConnection;
}

export class OrdersWsConnection implements OrdersWsLink {
  private readonly encoder = new OrdersWsEncoder();
  session: OrdersWsSession | null = null;
  /** uWS reported the socket closed: it must not be touched again. */
  private closed = false;
  /** We asked uWS to close it. */
  private ending = false;
  logonTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: WebSocket<OrdersWsUserData>,
    private readonly maxBufferedBytes: number,
    private readonly onSlowConsumer: (connection: OrdersWsConnection) => void,
  ) {}

  get isOpen(): boolean {
    return !this.closed && !this.ending;
  }

  send(frame: OrdersWsFrame): boolean {
    if (!this.isOpen) return false;
    const status = this.socket.send(this.encoder.encode(frame), true);
    if (status === SEND_DROPPED || this.socket.getBufferedAmount() > this.maxBufferedBytes) {
      this.onSlowConsumer(this);
      this.end(ORDERS_CLOSE.slowConsumer, 'slow consumer');
      return false;
    }
    return true;
  }

  /** Graceful close: uWS writes what it holds, then the close frame. */
  end(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.ending = true;
    this.socket.end(code, reason);
  }

  /** uWS's close callback ran. */
  markClosed(): void {
    this.closed = true;
    if (this.logonTimer !== null) clearTimeout(this.logonTimer);
    this.logonTimer = null;
    this.session?.detach(this);
  }
}
