// The session of one API key on /v1/orders: its owner name, its sequence numbers across reconnects, and the order events kept while it has no connection.
//
// A sequence number is taken when a frame is written to a connection, so numbers are consecutive
// on each connection. Frames written to a connection that then dropped may never have arrived:
// the client sees it as a gap between the last seq it read and the next LogonAck's seq, and asks
// for the orders concerned with StatusRequest. Order events arriving while the key has no
// connection are kept (up to maxPendingEvents, oldest dropped first) and written right after
// the next LogonAck, which says how many follow and how many were dropped.
import type { OrdersWsFrame, WsResponseBody, WsSharedBody } from './orders-ws-frames.js';

type ServerBody = WsResponseBody | WsSharedBody;

/** A connection a session writes to; send() answers false once the connection is unusable (closed, too slow). */
export interface OrdersWsLink {
  send(frame: OrdersWsFrame<ServerBody>): boolean;
}

/** The owner of orders placed through /v1/orders with `apiKey` (OrderRequester.owner, events' `owner`). */
export function wsOwner(apiKey: string): string {
  return `ws:${apiKey}`;
}

export class OrdersWsSession {
  private nextSeq = 1n;
  private link: OrdersWsLink | null = null;
  private readonly pending: ServerBody[] = [];
  private droppedSinceLogon = 0;

  constructor(
    readonly owner: string,
    readonly apiKey: string,
    public accountId: string,
    private readonly maxPending: number,
    private readonly onQueued: (dropped: boolean) => void,
  ) {}

  get isConnected(): boolean {
    return this.link !== null;
  }

  /** Binds a logged-on connection: LogonAck (answering `requestId`), then the kept events. */
  attach(link: OrdersWsLink, requestId: bigint, serverTimeMs: number, serverInstance: string): void {
    this.link = link;
    const kept = this.pending.splice(0);
    this.reply(requestId, {
      kind: 'logonAck',
      owner: this.owner,
      accountId: this.accountId,
      serverTimeMs,
      pendingEvents: kept.length,
      droppedEvents: this.droppedSinceLogon,
      serverInstance,
    });
    this.droppedSinceLogon = 0;
    for (let index = 0; index < kept.length; index++) {
      if (this.link === null) {
        // The connection broke while flushing: keep the rest for the next logon.
        this.pending.unshift(...kept.slice(index));
        return;
      }
      this.reply(0n, kept[index]!);
    }
  }

  /** The connection ended (only if it is the bound one). */
  detach(link: OrdersWsLink): void {
    if (this.link === link) this.link = null;
  }

  /** A direct answer on the current connection; nothing happens without one. */
  reply(requestId: bigint, body: ServerBody): void {
    const link = this.link;
    if (link === null) return;
    const seq = this.nextSeq++;
    if (!link.send({ seq, requestId, body })) this.link = null;
  }

  /** An order event: written now, or kept until the next logon. */
  deliver(requestId: bigint, body: WsResponseBody): void {
    if (this.link !== null) return this.reply(requestId, body);
    let dropped = false;
    if (this.pending.length >= this.maxPending) {
      this.pending.shift();
      this.droppedSinceLogon++;
      dropped = true;
    }
    this.pending.push(body);
    this.onQueued(dropped);
  }

  get pendingCount(): number {
    return this.pending.length;
  }
}
