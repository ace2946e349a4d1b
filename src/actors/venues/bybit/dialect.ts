// The Bybit v5 VenueDialect: linear and spot public streams, assembled from this folder's parts.
import type { Instrument } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import type { ResyncPlan, VenueDialect } from '../common/venue-dialect.js';
import { bybitBookTopic, bybitRequestFrames, planBybitConnections } from './connection-plan.js';
import { bybitInstrumentRequests, bybitNextInstrumentRequest, parseBybitInstruments } from './instruments.js';
import { parseReference } from './parse.js';
import { parseFast } from './scan.js';
import { BybitBookSync } from './sync.js';

/**
 * Heartbeat: `{"op":"ping"}` every 20 s ("we recommend that you send the ping heartbeat packet
 * every 20 seconds", https://bybit-exchange.github.io/docs/v5/ws/connect); without pings or data a
 * connection is cut after 10 minutes. No forced lifetime is documented for public streams, so no
 * planned rotation. Resync: unsubscribe and subscribe the book topic again; Bybit answers a
 * subscription with a fresh snapshot. There is no REST snapshot procedure (parseRestSnapshot absent).
 */
export const bybitDialect: VenueDialect = {
  venue: 'bybit',
  instrumentRequests: (kinds: readonly InstrumentKind[]) => bybitInstrumentRequests(kinds),
  parseInstruments: parseBybitInstruments,
  nextInstrumentRequest: bybitNextInstrumentRequest,
  planConnections: planBybitConnections,
  heartbeat: { kind: 'text', intervalMs: 20_000, frame: '{"op":"ping"}' },
  maxConnectionLifetimeMs: null,
  parseReference,
  parseFast,
  createSync: () => new BybitBookSync(),
  resyncPlan(instrument: Instrument): ResyncPlan {
    const topic = [bybitBookTopic(instrument.native)];
    return { kind: 'resubscribe', frames: [...bybitRequestFrames('unsubscribe', topic), ...bybitRequestFrames('subscribe', topic)] };
  },
};
