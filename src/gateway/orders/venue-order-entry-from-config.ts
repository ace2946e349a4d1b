// Builds the venue-backed order-entry handler of one configured venue (venues.<venue>.trading) for `zvt start`.
import { createTradingExchange, readTradingCredentials } from '../../actors/execution/trading-credentials.js';
import type { VenueConfig } from '../../config/config-schema.js';
import type { Logger } from '../../config/logger.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_EXECUTION_OPTIONS } from '../../actors/execution/errors.js';
import { createVenueOrderEntryHandler, type VenueOrderEntryHandler } from './venue-order-entry-handler.js';

/**
 * Reads the credentials from the environment (ZVT_ERR_EXECUTION_CREDENTIALS when a variable is
 * unset), points ccxt at the venue (or at its configured restUrl, confined there), loads the
 * markets (ZVT_ERR_EXECUTION_OPTIONS for a symbol the venue does not list) and starts polling.
 */
export async function createVenueOrderEntryHandlerFromConfig(
  venue: string,
  config: VenueConfig,
  options: { logger?: Logger; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<VenueOrderEntryHandler> {
  const trading = config.trading;
  if (trading === undefined) throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `venues.${venue} has no trading section`);
  const credentials = readTradingCredentials(venue, trading, options.env);
  return createVenueOrderEntryHandler({
    venue,
    exchange: () => createTradingExchange(venue, credentials, { restUrl: config.restUrl }),
    symbols: trading.symbols,
    pollIntervalMs: trading.pollIntervalMs,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}
