// One OKX v5 WebSocket connection (/ws/v5/public or /ws/v5/private): ping/pong, login, subscribe/unsubscribe, errors.
import type { SimSocketSession, SimSocketSink } from '../../server/sim-dialect.js';
import { authenticateLogin } from './auth/authenticate-login.js';
import { channelDoesNotExist, invalidOperation, invalidRequest, OKX_WS_ERRORS } from './errors.js';
import type { OkxContext } from './okx-context.js';
import { okxUid } from './private-rest/account-endpoints.js';
import type { PrivateFeed, PrivateSubscription } from './private-ws/private-feed.js';
import { OKX_PUBLIC_CHANNELS, type OkxPublicChannel } from './public-ws/market-hub.js';
import { errorEvent, loginEvent, subscriptionEvent } from './public-ws/public-frames.js';
import { newConnectionId, readWsRequest } from './public-ws/ws-request.js';

/*
 * https://www.okx.com/docs-v5/en/#overview-websocket-connect, -login, -subscribe, -unsubscribe
 * - "ping" → "pong".
 * - {"op":"subscribe","args":[...]} answers each argument on its own: {"event":"subscribe",
 *   "arg":{...},"connId":..} then the channel's first push, or {"event":"error","code":"60018",...}
 *   for a channel or instrument this URL does not have. Subscribing again to a `books` channel
 *   sends a fresh snapshot (the engine resynchronises with unsubscribe + subscribe).
 * - Public channels (books, books5, bbo-tbt, trades, tickers; instId required) live on
 *   /ws/v5/public; private ones (orders with instType ANY|SPOT|MARGIN|SWAP|FUTURES|OPTION and an
 *   optional instId/instFamily; account with an optional ccy) on /ws/v5/private, after login
 *   (60011 "Please log in" before). login is accepted on both URLs, as at OKX.
 * - Malformed requests: 60012 "Invalid request: <text>"; an unknown op 60019.
 */

const PRIVATE_CHANNELS = new Set(['orders', 'account']);
const ORDER_INST_TYPES = new Set(['ANY', 'SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION']);
const PUBLIC_CHANNELS: ReadonlySet<string> = new Set(OKX_PUBLIC_CHANNELS);

type Argument = Record<string, string> & { channel: string };

function stringArgument(value: unknown): Argument | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (typeof field !== 'string') return null;
    fields[key] = field;
  }
  const channel = fields.channel;
  return channel === undefined ? null : { ...fields, channel };
}

export class OkxWsSession implements SimSocketSession {
  private readonly connId = newConnectionId();
  private login: { readonly accountId: string; readonly uid: string } | null = null;
  private closed = false;

  constructor(
    private readonly context: OkxContext,
    private readonly privateFeed: PrivateFeed,
    private readonly endpoint: 'public' | 'private',
    private readonly sink: SimSocketSink,
  ) {}

  onMessage(text: string): void {
    if (this.closed) return;
    const request = readWsRequest(text);
    if (request.kind === 'ping') {
      this.sink.send('pong', 'control');
      return;
    }
    if (request.kind === 'invalid') {
      this.sink.send(errorEvent(invalidRequest(text), this.connId, request.id), 'control');
      return;
    }
    switch (request.op) {
      case 'login':
        this.onLogin(request.args, request.id);
        return;
      case 'subscribe':
      case 'unsubscribe':
        if (request.args.length === 0) {
          this.sink.send(errorEvent(invalidRequest(text), this.connId, request.id), 'control');
          return;
        }
        for (const raw of request.args) this.onSubscription(request.op, raw, text, request.id);
        return;
      default:
        this.sink.send(errorEvent(invalidOperation(request.op), this.connId, request.id), 'control');
    }
  }

  onClose(): void {
    this.closed = true;
    this.context.hub.drop(this.sink);
    this.privateFeed.drop(this.sink);
  }

  private onLogin(args: readonly unknown[], id: string | undefined): void {
    if (this.login !== null) {
      this.sink.send(errorEvent(OKX_WS_ERRORS.repeatedLogin, this.connId, id), 'control');
      return;
    }
    const result = authenticateLogin(args[0], (apiKey) => this.context.exchange.accountByApiKey(apiKey), Date.now());
    if (!result.ok) {
      this.sink.send(errorEvent(result.error, this.connId, id), 'control');
      return;
    }
    this.login = { accountId: result.account.accountId, uid: okxUid(this.context, result.account) };
    this.sink.send(loginEvent(this.connId, id), 'control');
  }

  private onSubscription(op: 'subscribe' | 'unsubscribe', raw: unknown, text: string, id: string | undefined): void {
    const argument = stringArgument(raw);
    if (argument === null) {
      this.sink.send(errorEvent(invalidRequest(text), this.connId, id), 'control');
      return;
    }
    const channel = argument.channel;
    if (this.endpoint === 'public' && PUBLIC_CHANNELS.has(channel)) {
      const instId = argument.instId;
      if (instId === undefined || !this.context.hub.has(instId)) {
        this.sink.send(errorEvent(channelDoesNotExist(argument), this.connId, id), 'control');
        return;
      }
      this.sink.send(subscriptionEvent(op, { channel, instId }, this.connId, id), 'control');
      if (op === 'subscribe') this.context.hub.subscribe(channel as OkxPublicChannel, instId, this.sink);
      else this.context.hub.unsubscribe(channel as OkxPublicChannel, instId, this.sink);
      return;
    }
    if (this.endpoint === 'private' && PRIVATE_CHANNELS.has(channel)) {
      if (this.login === null) {
        this.sink.send(errorEvent(OKX_WS_ERRORS.pleaseLogIn, this.connId, id), 'control');
        return;
      }
      const subscription = this.privateSubscription(argument);
      if (subscription === null) {
        this.sink.send(errorEvent(channelDoesNotExist(argument), this.connId, id), 'control');
        return;
      }
      this.sink.send(subscriptionEvent(op, argument, this.connId, id), 'control');
      if (op === 'subscribe') this.privateFeed.subscribe(this.sink, this.login.accountId, this.login.uid, subscription, argument);
      else this.privateFeed.unsubscribe(this.sink, argument);
      return;
    }
    this.sink.send(errorEvent(channelDoesNotExist(argument), this.connId, id), 'control');
  }

  private privateSubscription(argument: Argument): PrivateSubscription | null {
    if (argument.channel === 'account') return { kind: 'account', ...(argument.ccy === undefined ? {} : { ccy: argument.ccy }) };
    const instType = argument.instType;
    if (instType === undefined || !ORDER_INST_TYPES.has(instType)) return null;
    if (argument.instId !== undefined && this.context.listing(argument.instId) === undefined) return null;
    return {
      kind: 'orders',
      instType,
      ...(argument.instId === undefined ? {} : { instId: argument.instId }),
      ...(argument.instFamily === undefined ? {} : { instFamily: argument.instFamily }),
    };
  }
}
