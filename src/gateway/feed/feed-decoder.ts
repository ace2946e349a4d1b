// Decodes one FeedMessage buffer with the generated code into a plain object (bigints for 64-bit fields): the reference client's decoder.
import { ByteBuffer } from 'flatbuffers';
import {
  Aggressor,
  Bbo,
  Body,
  Delta,
  FeedError,
  FeedMessage,
  Heartbeat,
  InstrumentStatus,
  Instruments,
  Snapshot,
  SnapshotReason,
  Status,
  SubscribeAck,
  Trade,
  type Level,
  type UpdateHeader,
} from '../../../schema/generated/feed_generated.js';
import { ZVT_ERR_GATEWAY_FEED_CLIENT, gatewayError } from '../errors.js';
import type { FeedInstrumentInfo } from './feed-builder-encoder.js';

export interface FeedLevel {
  price: bigint;
  size: bigint;
}

/** UpdateHeader, flattened into each topic message. */
export interface FeedHeader {
  topicId: number;
  seq: bigint;
  tsEventNs: bigint;
  tsRecvNs: bigint;
}

export type SnapshotReasonName = 'subscribe' | 'requested' | 'conflated' | 'source';
export type AggressorName = 'unknown' | 'buy' | 'sell';
export type StatusName = 'unknown' | 'synced' | 'resyncing' | 'stale' | 'halted' | 'closed';

export type DecodedFeedMessage =
  | ({ type: 'snapshot'; reason: SnapshotReasonName; priceDecimals: number; sizeDecimals: number; bids: FeedLevel[]; asks: FeedLevel[] } & FeedHeader)
  | ({ type: 'delta'; bids: FeedLevel[]; asks: FeedLevel[] } & FeedHeader)
  | ({ type: 'bbo'; bid: FeedLevel; ask: FeedLevel } & FeedHeader)
  | ({ type: 'trade'; price: bigint; size: bigint; aggressor: AggressorName; tradeId: string } & FeedHeader)
  | ({ type: 'status'; status: StatusName } & FeedHeader)
  | { type: 'heartbeat'; serverTimeNs: bigint }
  | { type: 'subscribeAck'; requestId: number; topic: string; topicId: number; subscribed: boolean; seq: bigint; priceDecimals: number; sizeDecimals: number }
  | { type: 'error'; requestId: number; code: string; message: string; topic: string | null }
  | { type: 'instruments'; requestId: number; instruments: FeedInstrumentInfo[] };

const REASONS: Record<SnapshotReason, SnapshotReasonName> = {
  [SnapshotReason.Subscribe]: 'subscribe',
  [SnapshotReason.Requested]: 'requested',
  [SnapshotReason.Conflated]: 'conflated',
  [SnapshotReason.Source]: 'source',
};
const AGGRESSORS: Record<Aggressor, AggressorName> = { [Aggressor.Unknown]: 'unknown', [Aggressor.Buy]: 'buy', [Aggressor.Sell]: 'sell' };
const STATUSES: Record<InstrumentStatus, StatusName> = {
  [InstrumentStatus.Unknown]: 'unknown',
  [InstrumentStatus.Synced]: 'synced',
  [InstrumentStatus.Resyncing]: 'resyncing',
  [InstrumentStatus.Stale]: 'stale',
  [InstrumentStatus.Halted]: 'halted',
  [InstrumentStatus.Closed]: 'closed',
};

/** Throws ZVT_ERR_GATEWAY_FEED_CLIENT when the bytes are not a FeedMessage (wrong identifier, unknown body). */
export function decodeFeedMessage(bytes: Uint8Array): DecodedFeedMessage {
  const buffer = new ByteBuffer(bytes);
  if (bytes.length < 8 || !FeedMessage.bufferHasIdentifier(buffer)) {
    throw gatewayError(ZVT_ERR_GATEWAY_FEED_CLIENT, `a ${bytes.length}-byte binary frame is not a FeedMessage (no "ZVTF" identifier)`);
  }
  const message = FeedMessage.getRootAsFeedMessage(buffer);
  const type = message.bodyType();
  switch (type) {
    case Body.Snapshot: {
      const body = message.body(new Snapshot()) as Snapshot;
      return {
        type: 'snapshot',
        ...header(body.header()),
        reason: REASONS[body.reason()] ?? 'source',
        priceDecimals: body.priceDecimals(),
        sizeDecimals: body.sizeDecimals(),
        bids: levels(body.bidsLength(), (index) => body.bids(index)),
        asks: levels(body.asksLength(), (index) => body.asks(index)),
      };
    }
    case Body.Delta: {
      const body = message.body(new Delta()) as Delta;
      return {
        type: 'delta',
        ...header(body.header()),
        bids: levels(body.bidsLength(), (index) => body.bids(index)),
        asks: levels(body.asksLength(), (index) => body.asks(index)),
      };
    }
    case Body.Bbo: {
      const body = message.body(new Bbo()) as Bbo;
      return { type: 'bbo', ...header(body.header()), bid: level(body.bid()), ask: level(body.ask()) };
    }
    case Body.Trade: {
      const body = message.body(new Trade()) as Trade;
      const fill = body.fill();
      return {
        type: 'trade',
        ...header(body.header()),
        price: fill?.price() ?? 0n,
        size: fill?.size() ?? 0n,
        aggressor: AGGRESSORS[fill?.aggressor() ?? Aggressor.Unknown] ?? 'unknown',
        tradeId: body.tradeId() ?? '',
      };
    }
    case Body.Status: {
      const body = message.body(new Status()) as Status;
      return { type: 'status', ...header(body.header()), status: STATUSES[body.status()] ?? 'unknown' };
    }
    case Body.Heartbeat: {
      const body = message.body(new Heartbeat()) as Heartbeat;
      return { type: 'heartbeat', serverTimeNs: body.serverTimeNs() };
    }
    case Body.SubscribeAck: {
      const body = message.body(new SubscribeAck()) as SubscribeAck;
      return {
        type: 'subscribeAck',
        requestId: body.requestId(),
        topic: body.topic() ?? '',
        topicId: body.topicId(),
        subscribed: body.subscribed(),
        seq: body.seq(),
        priceDecimals: body.priceDecimals(),
        sizeDecimals: body.sizeDecimals(),
      };
    }
    case Body.FeedError: {
      const body = message.body(new FeedError()) as FeedError;
      return { type: 'error', requestId: body.requestId(), code: body.code() ?? '', message: body.message() ?? '', topic: body.topic() };
    }
    case Body.Instruments: {
      const body = message.body(new Instruments()) as Instruments;
      const instruments: FeedInstrumentInfo[] = [];
      for (let index = 0; index < body.instrumentsLength(); index++) {
        const info = body.instruments(index)!;
        instruments.push({ instrument: info.instrument() ?? '', priceDecimals: info.priceDecimals(), sizeDecimals: info.sizeDecimals() });
      }
      return { type: 'instruments', requestId: body.requestId(), instruments };
    }
    default:
      throw gatewayError(ZVT_ERR_GATEWAY_FEED_CLIENT, `FeedMessage with unknown body type ${String(type)}`, { bodyType: type });
  }
}

/** The message as one JSON line: 64-bit integers (bigints) as decimal strings, `topic` added when the topic id is known. */
export function feedMessageJson(message: DecodedFeedMessage, topicNames?: ReadonlyMap<number, string>): string {
  const named = 'topicId' in message && message.type !== 'subscribeAck' && topicNames?.has(message.topicId) === true ? { ...message, topic: topicNames.get(message.topicId) } : message;
  return JSON.stringify(named, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

function header(value: UpdateHeader | null): FeedHeader {
  if (value === null) return { topicId: 0, seq: 0n, tsEventNs: 0n, tsRecvNs: 0n };
  return { topicId: value.topicId(), seq: value.seq(), tsEventNs: value.tsEventNs(), tsRecvNs: value.tsRecvNs() };
}

function level(value: Level | null): FeedLevel {
  return value === null ? { price: 0n, size: 0n } : { price: value.price(), size: value.size() };
}

function levels(count: number, at: (index: number) => Level | null): FeedLevel[] {
  const out: FeedLevel[] = [];
  for (let index = 0; index < count; index++) out.push(level(at(index)));
  return out;
}
