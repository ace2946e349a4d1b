// Binance combined-stream connection plans (spot and USDⓈ-M futures): streams in the URL, within the limits.
import type { Instrument } from '../../../model/instrument.js';
import type { VenueId } from '../../../model/venue.js';
import type { ConnectionPlan, HeartbeatPlan } from '../common/venue-dialect.js';

/*
 * Limits, from the venues' "General WSS information" / "Websocket Market Streams" pages:
 * - "A single connection can listen to a maximum of 1024 streams" (spot and USDⓈ-M alike;
 *   futures documented 200 until 2025).
 * - "A single connection ... is only valid for 24 hours; expect to be disconnected at the 24
 *   hour mark": the feed rotates a quarter of an hour before that.
 * - The server sends a ping frame (spot every 20 s, futures every 3 min) and disconnects when no
 *   pong comes back within 1 min / 10 min. The `ws` client answers pings with pongs by itself, so
 *   nothing has to be sent to stay connected; client pings would only count against the
 *   per-connection incoming message limit (spot: 5/s, pings and pongs included) and the feed
 *   judges liveness by traffic (its stale timer), not by pongs. Hence heartbeat `none`.
 * - The URL itself is bounded: Binance's stream server rejects URLs longer than about 8000
 *   characters (measured in oliver-zehentleitner/unicorn-binance-websocket-api#17; no documented
 *   figure), so a connection also closes when its path would pass MAX_PATH_LENGTH.
 *
 * Every instrument gets three streams on one connection, so its book, trades and BBO share the
 * connection's fate: depth@100ms (the diff stream the book is built from), bookTicker, aggTrade.
 */

export const BINANCE_MAX_STREAMS_PER_CONNECTION = 1024;
/** Path budget of one connection URL, below the ~8000-character URL limit with room for the base URL. */
export const BINANCE_MAX_PATH_LENGTH = 7_680;
/** 24 h forced disconnect minus 15 min for the rotation's jitter and the re-sync of every book. */
export const BINANCE_MAX_CONNECTION_LIFETIME_MS = 24 * 60 * 60 * 1000 - 15 * 60 * 1000;
/** The server pings and `ws` answers: see above. */
export const BINANCE_HEARTBEAT: HeartbeatPlan = { kind: 'none' };

const STREAMS_PATH_PREFIX = '/stream?streams=';
const CHANNELS = ['depth@100ms', 'bookTicker', 'aggTrade'] as const;

/** The streams subscribed for one native symbol (stream names are lowercase). */
export function binanceStreamsOf(nativeSymbol: string): string[] {
  const lower = nativeSymbol.toLowerCase();
  return CHANNELS.map((channel) => `${lower}@${channel}`);
}

/** Connection plans for `venue`'s instruments among `instruments`, in registry order. */
export function planBinanceConnections(instruments: readonly Instrument[], venue: VenueId): ConnectionPlan[] {
  const plans: ConnectionPlan[] = [];
  let streams: string[] = [];
  let instrumentIds: number[] = [];
  let pathLength = STREAMS_PATH_PREFIX.length;
  const close = (): void => {
    if (instrumentIds.length === 0) return;
    plans.push({ name: `${venue}:${plans.length}`, path: `${STREAMS_PATH_PREFIX}${streams.join('/')}`, instrumentIds, subscribeFrames: [] });
    streams = [];
    instrumentIds = [];
    pathLength = STREAMS_PATH_PREFIX.length;
  };
  for (const instrument of instruments) {
    if (instrument.venue !== venue) continue;
    const added = binanceStreamsOf(instrument.native);
    const addedLength = added.reduce((sum, stream) => sum + stream.length + 1, 0);
    if (streams.length + added.length > BINANCE_MAX_STREAMS_PER_CONNECTION || pathLength + addedLength > BINANCE_MAX_PATH_LENGTH) close();
    streams.push(...added);
    instrumentIds.push(instrument.numericId);
    pathLength += addedLength;
  }
  close();
  return plans;
}
