// A Node client of /v1/orders (the `ws` package): signs the Logon, sends requests, keeps every frame received; for tests, tools and users.
import WebSocket from 'ws';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_ORDERS_WS_CLIENT } from '../errors.js';
import { logonSignature } from '../fix/fix-logon-signature.js';
import { formatUtcTimestamp } from '../fix/fix-time.js';
import type { OrderSide, OrderSpec } from '../orders/order-entry-handler.js';
import { decodeOrdersFrame } from './orders-ws-decoder.js';
import { OrdersWsEncoder } from './orders-ws-encoder.js';
import type { OrdersWsFrame, WsBody, WsOrderSpec, WsRequestBody, WsResponseBody, WsSharedBody } from './orders-ws-frames.js';
import { wsLogonSignedFields } from './orders-ws-logon.js';

export interface OrdersWsCredentials {
  readonly apiKey: string;
  readonly secret: string;
  /** The server's compId (signed). Default "ZVT". */
  readonly compId?: string;
  /** Epoch ms for sending_time. Default Date.now. */
  readonly clock?: () => number;
}

export interface OrdersWsClose {
  readonly code: number;
  readonly reason: string;
}

type Waiter = { readonly predicate: (frame: OrdersWsFrame) => boolean; readonly resolve: (frame: OrdersWsFrame) => void };

const DEFAULT_WAIT_MS = 5_000;

export class OrdersWsClient {
  /** Every frame received, in order (undecodable ones are kept in `undecodable`). */
  readonly received: OrdersWsFrame[] = [];
  readonly undecodable: Uint8Array[] = [];
  /** Resolves when the connection closes, with the server's code and reason. */
  readonly closed: Promise<OrdersWsClose>;
  private readonly encoder = new OrdersWsEncoder();
  private readonly waiters = new Set<Waiter>();
  private nextRequestId = 1n;
  private closeInfo: OrdersWsClose | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString('utf8') };
        resolve(this.closeInfo);
      });
    });
    socket.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      let frame: OrdersWsFrame;
      try {
        frame = decodeOrdersFrame(bytes);
      } catch {
        this.undecodable.push(bytes.slice());
        return;
      }
      this.received.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    });
    // Errors end in 'close'; without a listener they would be thrown.
    socket.on('error', () => undefined);
  }

  /** Opens the WebSocket without logging on (the first frame you send must be a Logon). */
  static open(url: string): Promise<OrdersWsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      const client = new OrdersWsClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', (error) => reject(new ZvtError(ZVT_ERR_ORDERS_WS_CLIENT, `Could not connect to ${url}: ${error.message}`, { url })));
    });
  }

  /** Opens and logs on; rejects with ZVT_ERR_ORDERS_WS_CLIENT (details.reason) when the Logon is refused. */
  static async connect(url: string, credentials: OrdersWsCredentials): Promise<OrdersWsClient> {
    const client = await OrdersWsClient.open(url);
    try {
      await client.logon(credentials);
    } catch (error) {
      client.terminate();
      throw error;
    }
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a signed Logon and waits for LogonAck; `overrides` lets tests send a wrong signature or time. */
  async logon(credentials: OrdersWsCredentials, overrides: { readonly sendingTime?: string; readonly signature?: string } = {}): Promise<OrdersWsFrame<Extract<WsResponseBody, { kind: 'logonAck' }>>> {
    const requestId = this.nextRequestId++;
    const sendingTime = overrides.sendingTime ?? formatUtcTimestamp((credentials.clock ?? Date.now)());
    const signature = overrides.signature ?? logonSignature(credentials.secret, wsLogonSignedFields(credentials.apiKey, sendingTime, requestId, credentials.compId ?? 'ZVT'));
    this.send({ kind: 'logon', apiKey: credentials.apiKey, sendingTime, signature }, requestId);
    const answer = await Promise.race([
      this.waitFor((frame) => frame.body.kind === 'logonAck' || frame.body.kind === 'logonReject', DEFAULT_WAIT_MS),
      this.closed.then((close) => close),
    ]);
    if ('code' in answer) throw new ZvtError(ZVT_ERR_ORDERS_WS_CLIENT, `The connection closed (${answer.code} ${answer.reason}) before the Logon was answered`, { ...answer });
    if (answer.body.kind === 'logonReject') {
      throw new ZvtError(ZVT_ERR_ORDERS_WS_CLIENT, `Logon refused: ${answer.body.text}`, { reason: answer.body.reason, text: answer.body.text });
    }
    return answer as OrdersWsFrame<Extract<WsResponseBody, { kind: 'logonAck' }>>;
  }

  /** Sends one request; returns its request_id (the next one unless given). */
  send(body: WsRequestBody | WsSharedBody | WsBody, requestId: bigint = this.nextRequestId++): bigint {
    // The encoder's bytes are a view into its reused builder, and `ws` may write later: copy.
    this.socket.send(this.encoder.encode({ seq: 0n, requestId, body }).slice(), { binary: true });
    return requestId;
  }

  /** Sends arbitrary bytes (binary) or text: for testing the server's refusals. */
  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data, { binary: typeof data !== 'string' });
  }

  placeOrder(order: OrderSpec): bigint {
    return this.send({ kind: 'newOrder', order: toWsSpec(order) });
  }

  cancel(request: { clientOrderId: string; origClientOrderId: string; symbol: string; side: OrderSide; orderId?: string }): bigint {
    return this.send({ kind: 'cancel', orderId: null, ...request });
  }

  replace(request: OrderSpec & { origClientOrderId: string; orderId?: string }): bigint {
    return this.send({ kind: 'replace', orderId: null, ...request });
  }

  status(request: { clientOrderId: string; symbol: string; side: OrderSide; orderId?: string; statusRequestId?: string }): bigint {
    return this.send({ kind: 'statusRequest', orderId: null, statusRequestId: null, ...request });
  }

  placeList(listId: string, orders: readonly OrderSpec[]): bigint {
    return this.send({ kind: 'newOrderList', listId, contingency: 'oco', orders: orders.map(toWsSpec) });
  }

  ping(): bigint {
    return this.send({ kind: 'heartbeat', timeMs: Date.now() });
  }

  /** The first frame received (already, or within timeoutMs) that matches. */
  waitFor(predicate: (frame: OrdersWsFrame) => boolean, timeoutMs: number = DEFAULT_WAIT_MS): Promise<OrdersWsFrame> {
    const found = this.received.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const last = this.received.at(-1);
        reject(new ZvtError(ZVT_ERR_ORDERS_WS_CLIENT, `No matching frame within ${timeoutMs} ms (${this.received.length} received, last ${last?.body.kind ?? 'none'}; close ${JSON.stringify(this.closeInfo)})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Logout, then wait for the server to close. */
  async logout(text: string | null = null): Promise<OrdersWsClose> {
    if (this.isOpen) this.send({ kind: 'logout', text });
    return this.closed;
  }

  /** Stops reading from the socket (frames pile up in the kernel and then at the server): a deliberately slow client. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Drops the connection without a Logout. */
  terminate(): void {
    this.socket.terminate();
  }
}

function toWsSpec(order: OrderSpec): WsOrderSpec {
  return { ...order };
}
