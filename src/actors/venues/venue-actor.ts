// Venue actor: runs one venue's feed on the event loop and writes normalised records to instrument actors.
import type { RingProducer } from '../../hotpath/ring-producer.js';
import { InstrumentRegistry, type InstrumentRegistryData } from '../../model/instrument-registry.js';
import { GapReason, RecordFlag } from '../../model/record-types.js';
import type { VenueId } from '../../model/venue.js';
import type { Actor, ActorContext } from '../actor.js';
import { RingRecordWriter } from './common/ring-record-writer.js';
import { VenueFeed } from './common/venue-feed.js';
import { dialectOf } from './dialects.js';

export interface VenueActorParams {
  venue: VenueId;
  restBaseUrl: string;
  wsBaseUrl: string;
  registry: InstrumentRegistryData;
  /** Numeric ids of the instruments to subscribe. */
  instrumentIds: number[];
  /** Numeric instrument id → id of the instrument actor that holds its book. */
  routes: Record<number, string>;
  parser: 'fast' | 'reference';
  staleAfterMs: number;
  /** Mark records as replayed (RecordFlag.REPLAY). */
  replay: boolean;
  /** Id of the recorder actor that also receives every trade and BBO; absent when recording is off. */
  recorder?: string;
}

/** Control messages a venue actor understands. */
export type VenueActorControl = 'stats' | { type: 'resync'; instrumentId: number; reason: 'checksum' | 'requested' };

export function createActor(context: ActorContext): Actor {
  const params = context.spec.params as VenueActorParams;
  const registry = InstrumentRegistry.fromData(params.registry);
  const producerOf: (RingProducer | null)[] = new Array<RingProducer | null>(registry.size).fill(null);
  for (const id of params.instrumentIds) {
    const output = context.outputs.find((candidate) => candidate.to === params.routes[id]);
    if (output === undefined) throw new Error(`venue actor ${context.spec.id}: no output ring to ${params.routes[id]} for instrument ${id}`);
    producerOf[id] = output.producer;
  }
  let recorder: RingProducer | null = null;
  if (params.recorder !== undefined) {
    const output = context.outputs.find((candidate) => candidate.to === params.recorder);
    if (output === undefined) throw new Error(`venue actor ${context.spec.id}: no output ring to the recorder ${params.recorder}`);
    recorder = output.producer;
  }
  const writer = new RingRecordWriter(producerOf, context.clock, params.replay ? RecordFlag.REPLAY : 0, recorder);
  const feed = new VenueFeed({
    dialect: dialectOf(params.venue),
    registry,
    instruments: params.instrumentIds.map((id) => registry.requireByNumericId(id)),
    restBaseUrl: params.restBaseUrl,
    wsBaseUrl: params.wsBaseUrl,
    writer,
    logger: context.logger,
    parser: params.parser,
    staleAfterMs: params.staleAfterMs,
    reconnectInitialMs: 100,
    reconnectMaxMs: 30_000,
  });
  return {
    start() {
      feed.start();
    },
    onRecord() {},
    onControl(message, correlationId) {
      const control = message as VenueActorControl;
      if (control === 'stats') context.report({ venue: params.venue, feed: { ...feed.counters }, records: { ...writer.counters } }, correlationId);
      else if (control.type === 'resync') feed.resync(control.instrumentId, control.reason === 'checksum' ? GapReason.CHECKSUM_MISMATCH : GapReason.SNAPSHOT_REQUESTED);
    },
    stop() {
      feed.stop();
    },
  };
}
