// Every venue's dialect by venue id: what a venue actor speaks.
import { ZvtError } from '../../model/errors.js';
import type { VenueId } from '../../model/venue.js';
import type { VenueDialect } from './common/venue-dialect.js';
import { ZVT_ERR_ACTOR_MODULE } from '../errors.js';

const DIALECTS: Partial<Record<VenueId, VenueDialect>> = {};

export function dialectOf(venue: VenueId): VenueDialect {
  const dialect = DIALECTS[venue];
  if (dialect === undefined) throw new ZvtError(ZVT_ERR_ACTOR_MODULE, `no market-data adapter for venue "${venue}" (have: ${Object.keys(DIALECTS).join(', ') || 'none'})`);
  return dialect;
}
