// The Binance spot VenueDialect: endpoints, connection plans, parsers and sync rules assembled.
import { ZvtError } from '../../../model/errors.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import type { VenueDialect } from '../common/venue-dialect.js';
import { BINANCE_HEARTBEAT, BINANCE_MAX_CONNECTION_LIFETIME_MS, planBinanceConnections } from './connections.js';
import { ZVT_ERR_BINANCE_RESPONSE } from './errors.js';
import { parseSpotInstruments } from './instruments.js';
import { parseReference, parseRestSnapshot } from './parse.js';
import { parseFast } from './scan.js';
import { createSync } from './sync.js';
import { BINANCE_URLS, binanceDepthSnapshotPath } from './urls.js';

export const binanceDialect: VenueDialect = {
  venue: 'binance',
  instrumentRequests: (kinds) => (kinds.includes('spot') ? [BINANCE_URLS.exchangeInfoPath] : []),
  parseInstruments: (path: string, body: string): InstrumentDefinition[] => {
    if (path.split('?')[0] !== BINANCE_URLS.exchangeInfoPath) {
      throw new ZvtError(ZVT_ERR_BINANCE_RESPONSE, `binance lists instruments at ${BINANCE_URLS.exchangeInfoPath}, not ${path}`);
    }
    return parseSpotInstruments(body);
  },
  planConnections: (instruments) => planBinanceConnections(instruments, 'binance'),
  heartbeat: BINANCE_HEARTBEAT,
  maxConnectionLifetimeMs: BINANCE_MAX_CONNECTION_LIFETIME_MS,
  parseReference,
  parseFast,
  parseRestSnapshot,
  createSync,
  resyncPlan: (instrument) => ({ kind: 'rest-snapshot', path: binanceDepthSnapshotPath(instrument.native) }),
};
