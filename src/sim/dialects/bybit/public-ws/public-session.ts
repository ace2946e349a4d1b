// One Bybit public WebSocket connection (/v5/public/spot or /v5/public/linear): subscribe, unsubscribe and ping, answered as Bybit does.
import type { SimSocketSession, SimSocketSink } from '../../../server/sim-dialect.js';
import { readBybitWsRequest } from '../ws-request.js';
import { invalidRequestFrame, operationFrame, pongFrame, type PublicCategory } from './public-frames.js';
import type { PublicClient, PublicMarketHub } from './public-hub.js';

/*
 * Requests (https://bybit-exchange.github.io/docs/v5/ws/connect): {"op":"subscribe"|"unsubscribe",
 * "args":[topic...],"req_id"?} and {"op":"ping","req_id"?}. Each is answered on this connection
 * (acks and pongs are 'control' frames, which the fault layer never drops). A subscribe naming an
 * unknown channel or symbol, or a topic already subscribed, subscribes nothing and is answered
 * success false with the reason. Anything else gets success false, "error:invalid op" (the text
 * Bybit's gateways answer for an op they do not know).
 */

export class BybitPublicSession implements SimSocketSession, PublicClient {
  private closed = false;

  constructor(
    readonly category: PublicCategory,
    private readonly sink: SimSocketSink,
    private readonly hub: PublicMarketHub,
    readonly connectionId: string,
  ) {}

  send(text: string, kind: 'book' | 'trade' | 'control', key?: string): void {
    if (this.closed) return;
    if (key === undefined) this.sink.send(text, kind);
    else this.sink.send(text, kind, key);
  }

  onMessage(text: string): void {
    const read = readBybitWsRequest(text);
    if (read === null) {
      this.send(invalidRequestFrame(this.category, this.connectionId, 'error:invalid op', undefined), 'control');
      return;
    }
    const { request, requestId } = read;
    switch (request.op) {
      case 'ping':
        this.send(pongFrame(this.category, this.connectionId, requestId), 'control');
        return;
      case 'subscribe':
      case 'unsubscribe':
        this.onSubscription(request.op, request.args, requestId);
        return;
      default:
        this.send(invalidRequestFrame(this.category, this.connectionId, 'error:invalid op', requestId), 'control');
    }
  }

  onClose(): void {
    this.closed = true;
    this.hub.remove(this);
  }

  private onSubscription(operation: 'subscribe' | 'unsubscribe', args: unknown, requestId: string | undefined): void {
    if (!Array.isArray(args) || args.length === 0 || !args.every((topic): topic is string => typeof topic === 'string')) {
      this.send(operationFrame(this.category, operation, false, 'error:args invalid', this.connectionId, requestId), 'control');
      return;
    }
    if (operation === 'unsubscribe') {
      this.hub.unsubscribe(this, args);
      this.send(operationFrame(this.category, operation, true, '', this.connectionId, requestId), 'control');
      return;
    }
    const check = this.hub.checkSubscribe(this, args);
    if (!check.ok) {
      this.send(operationFrame(this.category, operation, false, check.message, this.connectionId, requestId), 'control');
      return;
    }
    this.send(operationFrame(this.category, operation, true, '', this.connectionId, requestId), 'control');
    this.hub.subscribe(this, args);
  }
}
