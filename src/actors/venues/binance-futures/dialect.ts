// The Binance USDⓈ-M futures VenueDialect: endpoints, connection plans, parsers and sync rules assembled.
import { ZvtError } from '../../../model/errors.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import type { VenueDialect } from '../common/venue-dialect.js';
import { BINANCE_HEARTBEAT, BINANCE_MAX_CONNECTION_LIFETIME_MS, planBinanceConnections } from '../binance/connections.js';
import { ZVT_ERR_BINANCE_RESPONSE } from '../binance/errors.js';
import { parseFuturesInstruments } from './instruments.js';
import { parseReference, parseRestSnapshot } from './parse.js';
import { parseFast } from './scan.js';
import { createSync } from './sync.js';
import { BINANCE_FUTURES_URLS, binanceFuturesDepthSnapshotPath } from './urls.js';

/*
 * Same stream limits and lifetime as spot (USDⓈ-M "Websocket Market Streams": 1024 streams per
 * connection, 24 h validity, server pings every 3 minutes), hence the shared planner.
 */
export const binanceFuturesDialect: VenueDialect = {
  venue: 'binance-futures',
  instrumentRequests: (kinds) => (kinds.includes('perpetual') || kinds.includes('future') ? [BINANCE_FUTURES_URLS.exchangeInfoPath] : []),
  /** Returns perpetuals and dated futures alike; callers keep the kinds they asked for. */
  parseInstruments: (path: string, body: string): InstrumentDefinition[] => {
    if (path.split('?')[0] !== BINANCE_FUTURES_URLS.exchangeInfoPath) {
      throw new ZvtError(ZVT_ERR_BINANCE_RESPONSE, `binance-futures lists instruments at ${BINANCE_FUTURES_URLS.exchangeInfoPath}, not ${path}`);
    }
    return parseFuturesInstruments(body);
  },
  planConnections: (instruments) => planBinanceConnections(instruments, 'binance-futures'),
  heartbeat: BINANCE_HEARTBEAT,
  maxConnectionLifetimeMs: BINANCE_MAX_CONNECTION_LIFETIME_MS,
  parseReference,
  parseFast,
  parseRestSnapshot,
  createSync,
  resyncPlan: (instrument) => ({ kind: 'rest-snapshot', path: binanceFuturesDepthSnapshotPath(instrument.native) }),
};
