// FeedBuilderEncoder: messages built with the generated FlatBuffers builder (cold ones: acks, errors, heartbeats, status), and the builder-built Delta the bench compares against.
import { Builder } from 'flatbuffers';
import type { RecordStamps } from '../../model/record-header.js';
import { readEpochNsBig } from '../../model/timestamp.js';
import {
  Body,
  Delta,
  FeedError,
  FeedMessage,
  Heartbeat,
  InstrumentInfo,
  Instruments,
  Level,
  Snapshot,
  Status,
  SubscribeAck,
  UpdateHeader,
} from '../../../schema/generated/feed_generated.js';
import type { FeedBook, FeedBookSide } from './feed-book.js';
import type { FeedLevels } from './feed-levels.js';

export interface FeedInstrumentInfo {
  instrument: string;
  priceDecimals: number;
  sizeDecimals: number;
}

/*
 * One Builder, cleared before each message (builder reuse). Every method returns a view into the
 * builder's buffer, valid until the next call: send it first. The per-update kinds go through
 * FeedEncoder instead; `delta` and `snapshot` here are the generated-code path it is measured and
 * tested against.
 */
export class FeedBuilderEncoder {
  constructor(readonly builder: Builder = new Builder(1024)) {}

  heartbeat(serverTimeNs: bigint): Uint8Array {
    const builder = this.start();
    return this.finish(Body.Heartbeat, Heartbeat.createHeartbeat(builder, serverTimeNs));
  }

  subscribeAck(requestId: number, topic: string, topicId: number, subscribed: boolean, seq: number, priceDecimals: number, sizeDecimals: number): Uint8Array {
    const builder = this.start();
    const topicOffset = builder.createString(topic);
    const body = SubscribeAck.createSubscribeAck(builder, requestId, topicOffset, topicId, subscribed, BigInt(seq), priceDecimals, sizeDecimals);
    return this.finish(Body.SubscribeAck, body);
  }

  error(requestId: number, code: string, message: string, topic: string | null): Uint8Array {
    const builder = this.start();
    const codeOffset = builder.createString(code);
    const messageOffset = builder.createString(message);
    const topicOffset = topic === null ? 0 : builder.createString(topic);
    return this.finish(Body.FeedError, FeedError.createFeedError(builder, requestId, codeOffset, messageOffset, topicOffset));
  }

  instruments(requestId: number, instruments: readonly FeedInstrumentInfo[]): Uint8Array {
    const builder = this.start();
    const offsets = instruments.map((info) =>
      InstrumentInfo.createInstrumentInfo(builder, builder.createString(info.instrument), info.priceDecimals, info.sizeDecimals),
    );
    const vector = Instruments.createInstrumentsVector(builder, offsets);
    return this.finish(Body.Instruments, Instruments.createInstruments(builder, requestId, vector));
  }

  status(topicId: number, seq: number, stamps: RecordStamps, status: number): Uint8Array {
    const builder = this.start();
    Status.startStatus(builder);
    Status.addHeader(builder, createHeader(builder, topicId, seq, stamps));
    Status.addStatus(builder, status);
    return this.finish(Body.Status, Status.endStatus(builder));
  }

  /** A Delta through the generated builder: vectors of Level structs, then the table with its header struct. */
  delta(topicId: number, seq: number, stamps: RecordStamps, levels: FeedLevels): Uint8Array {
    const builder = this.start();
    const bids = levelVector(builder, levels.bidPrices, levels.bidSizes, levels.bidCount);
    const asks = levelVector(builder, levels.askPrices, levels.askSizes, levels.askCount);
    Delta.startDelta(builder);
    Delta.addHeader(builder, createHeader(builder, topicId, seq, stamps));
    Delta.addBids(builder, bids);
    Delta.addAsks(builder, asks);
    return this.finish(Body.Delta, Delta.endDelta(builder));
  }

  /** A Snapshot through the generated builder (tests compare FeedEncoder's with it). */
  snapshot(topicId: number, seq: number, stamps: RecordStamps, book: FeedBook, priceDecimals: number, sizeDecimals: number, reason: number): Uint8Array {
    const builder = this.start();
    const bids = sideVector(builder, book.bids);
    const asks = sideVector(builder, book.asks);
    Snapshot.startSnapshot(builder);
    Snapshot.addHeader(builder, createHeader(builder, topicId, seq, stamps));
    Snapshot.addBids(builder, bids);
    Snapshot.addAsks(builder, asks);
    Snapshot.addPriceDecimals(builder, priceDecimals);
    Snapshot.addSizeDecimals(builder, sizeDecimals);
    Snapshot.addReason(builder, reason);
    return this.finish(Body.Snapshot, Snapshot.endSnapshot(builder));
  }

  private start(): Builder {
    this.builder.clear();
    return this.builder;
  }

  private finish(type: Body, body: number): Uint8Array {
    const builder = this.builder;
    FeedMessage.finishFeedMessageBuffer(builder, FeedMessage.createFeedMessage(builder, type, body));
    return builder.asUint8Array();
  }
}

/** Structs are written inline, last field first, right where the table wants them. */
function createHeader(builder: Builder, topicId: number, seq: number, stamps: RecordStamps): number {
  return UpdateHeader.createUpdateHeader(builder, BigInt(seq), readEpochNsBig(stamps, 0), readEpochNsBig(stamps, 2), topicId);
}

/** A vector of structs is built back to front: the last element first. */
function levelVector(builder: Builder, prices: Float64Array, sizes: Float64Array, count: number): number {
  Delta.startBidsVector(builder, count);
  for (let index = count - 1; index >= 0; index--) Level.createLevel(builder, BigInt(prices[index]!), BigInt(sizes[index]!));
  return builder.endVector();
}

/** A book side best first; stored worst → best, so built from index 0 (the last element of the vector). */
function sideVector(builder: Builder, side: FeedBookSide): number {
  Snapshot.startBidsVector(builder, side.count);
  for (let index = 0; index < side.count; index++) Level.createLevel(builder, BigInt(side.prices[index]!), BigInt(side.sizes[index]!));
  return builder.endVector();
}
