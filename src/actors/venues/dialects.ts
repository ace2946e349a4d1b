// Every venue's dialect by venue id: what a venue actor speaks.
import { ZvtError } from '../../model/errors.js';
import type { VenueId } from '../../model/venue.js';
import { ZVT_ERR_ACTOR_MODULE } from '../errors.js';
import { binanceFuturesDialect } from './binance-futures/dialect.js';
import { binanceDialect } from './binance/dialect.js';
import { bybitDialect } from './bybit/dialect.js';
import { coinbaseDialect } from './coinbase/dialect.js';
import type { VenueDialect } from './common/venue-dialect.js';
import { okxDialect } from './okx/dialect.js';

const DIALECTS: Partial<Record<VenueId, VenueDialect>> = {
  binance: binanceDialect,
  'binance-futures': binanceFuturesDialect,
  okx: okxDialect,
  bybit: bybitDialect,
  coinbase: coinbaseDialect,
};

export function dialectOf(venue: VenueId): VenueDialect {
  const dialect = DIALECTS[venue];
  if (dialect === undefined) throw new ZvtError(ZVT_ERR_ACTOR_MODULE, `no market-data adapter for venue "${venue}" (have: ${Object.keys(DIALECTS).join(', ')})`);
  return dialect;
}
