// USDⓈ-M futures book sync: the shared Binance procedure with the pu continuity rule.
import type { BookSync } from '../common/venue-dialect.js';
import { BinanceMarket } from '../binance/market.js';
import { BinanceDepthSync } from '../binance/sync.js';

/*
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 * Drop buffered events with u < lastUpdateId; the first applied must have U <= lastUpdateId <= u;
 * then every event's pu must equal the previous event's u (../binance/sync.ts implements both markets).
 */
export function createSync(): BookSync {
  return new BinanceDepthSync(BinanceMarket.USD_M_FUTURES);
}
