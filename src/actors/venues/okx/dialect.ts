// The OKX VenueDialect: v5 public WebSocket (books, trades, bbo-tbt) for spot, perpetual swaps and dated futures.

import type { Instrument } from '../../../model/instrument.js';
import type { ResyncPlan, VenueDialect } from '../common/venue-dialect.js';
import { okxInstrumentRequests, parseOkxInstruments } from './instruments.js';
import { parseReference } from './parse.js';
import { parseFast } from './scan.js';
import { okxBookResubscribeFrames, planOkxConnections } from './subscriptions.js';
import { OkxBookSync } from './sync.js';

/*
 * https://www.okx.com/docs-v5/en/#overview-websocket-connect
 * Heartbeat: OKX closes a connection after 30 s without traffic; the client sends the text "ping"
 * when nothing arrived for N < 30 s and gets "pong". 25 s leaves room for a slow reply.
 * No documented maximum connection lifetime; a service upgrade is announced 60 s ahead with an
 * `event: notice` (code 64008), which the parser reports as VENUE_ERROR.
 */

/** Send "ping" after this long without receiving anything (OKX disconnects after 30 s). */
const HEARTBEAT_INTERVAL_MS = 25_000;

export const okxDialect: VenueDialect = {
  venue: 'okx',
  instrumentRequests: okxInstrumentRequests,
  parseInstruments: (_path: string, body: string) => parseOkxInstruments(body),
  planConnections: planOkxConnections,
  heartbeat: { kind: 'text', intervalMs: HEARTBEAT_INTERVAL_MS, frame: 'ping' },
  maxConnectionLifetimeMs: null,
  parseReference,
  parseFast,
  createSync: () => new OkxBookSync(),
  resyncPlan: (instrument: Instrument): ResyncPlan => ({ kind: 'resubscribe', frames: okxBookResubscribeFrames(instrument) }),
};
