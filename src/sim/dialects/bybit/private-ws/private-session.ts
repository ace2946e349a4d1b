// One Bybit private WebSocket connection (/v5/private): auth, subscribe to order/execution/wallet, ping; topic pushes for its account.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimSocketSession, SimSocketSink } from '../../../server/sim-dialect.js';
import { readBybitWsRequest } from '../ws-request.js';
import { authenticateBybitWebSocket } from '../auth/ws-auth.js';
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import { privateOperationFrame, privatePongFrame } from './private-frames.js';

/*
 * Topics (https://bybit-exchange.github.io/docs/v5/websocket/private/order ...): order,
 * execution and wallet, plus the per-category order.spot, order.linear, execution.spot and
 * execution.linear. Subscribing before a successful auth is answered "Request not authorized";
 * an unknown topic "error:handler not found,topic:<topic>". No frame of the account is pushed
 * before auth.
 */

export const PRIVATE_TOPICS = ['order', 'order.spot', 'order.linear', 'execution', 'execution.spot', 'execution.linear', 'wallet'] as const;

export interface PrivateSessionOwner {
  readonly exchange: SimExchange;
  remove(session: BybitPrivateSession): void;
}

export class BybitPrivateSession implements SimSocketSession {
  account: SimAccountSpec | undefined;
  readonly topics = new Set<string>();
  private closed = false;

  constructor(
    private readonly sink: SimSocketSink,
    private readonly owner: PrivateSessionOwner,
    readonly connectionId: string,
  ) {}

  /** Whether this session receives pushes of `topic` for `accountId`. */
  wants(accountId: string, topic: string): boolean {
    return !this.closed && this.account?.accountId === accountId && this.topics.has(topic);
  }

  push(text: string): void {
    if (!this.closed) this.sink.send(text, 'private');
  }

  onMessage(text: string): void {
    const read = readBybitWsRequest(text);
    if (read === null) {
      this.control(privateOperationFrame('', false, 'error:invalid op', this.connectionId, undefined));
      return;
    }
    const { request, requestId } = read;
    const nowMs = Date.now();
    switch (request.op) {
      case 'ping':
        this.control(privatePongFrame(this.connectionId, requestId, nowMs));
        return;
      case 'auth': {
        const result = authenticateBybitWebSocket(request.args, this.owner.exchange, nowMs);
        if (result.ok) this.account = result.account;
        this.control(privateOperationFrame('auth', result.ok, result.ok ? '' : result.message, this.connectionId, requestId));
        return;
      }
      case 'subscribe':
      case 'unsubscribe':
        this.onSubscription(request.op, request.args, requestId);
        return;
      default:
        this.control(privateOperationFrame(typeof request.op === 'string' ? request.op : '', false, 'error:invalid op', this.connectionId, requestId));
    }
  }

  onClose(): void {
    this.closed = true;
    this.owner.remove(this);
  }

  private control(text: string): void {
    if (!this.closed) this.sink.send(text, 'control');
  }

  private onSubscription(operation: 'subscribe' | 'unsubscribe', args: unknown, requestId: string | undefined): void {
    if (this.account === undefined) {
      this.control(privateOperationFrame(operation, false, 'Request not authorized', this.connectionId, requestId));
      return;
    }
    if (!Array.isArray(args) || args.length === 0 || !args.every((topic): topic is string => typeof topic === 'string')) {
      this.control(privateOperationFrame(operation, false, 'error:args invalid', this.connectionId, requestId));
      return;
    }
    const unknown = args.find((topic) => !(PRIVATE_TOPICS as readonly string[]).includes(topic));
    if (unknown !== undefined) {
      this.control(privateOperationFrame(operation, false, `error:handler not found,topic:${unknown}`, this.connectionId, requestId));
      return;
    }
    for (const topic of args) {
      if (operation === 'subscribe') this.topics.add(topic);
      else this.topics.delete(topic);
    }
    this.control(privateOperationFrame(operation, true, '', this.connectionId, requestId));
  }
}
