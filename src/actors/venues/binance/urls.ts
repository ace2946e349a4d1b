// Binance spot production endpoints; the feed swaps the base URLs for replay and the simulator.

/** https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams and .../rest-api */
export const BINANCE_URLS = {
  restBaseUrl: 'https://api.binance.com',
  webSocketBaseUrl: 'wss://stream.binance.com:9443',
  /** Symbols, statuses and filters (PRICE_FILTER tickSize, LOT_SIZE stepSize). */
  exchangeInfoPath: '/api/v3/exchangeInfo',
  /** REST order book; the sync procedure asks for `limit=1000` or more. */
  depthPath: '/api/v3/depth',
  /** Combined streams: `/stream?streams=a/b/c`, every event wrapped as `{"stream","data"}`. */
  combinedStreamPath: '/stream',
} as const;

/**
 * Depth levels per side asked of the REST snapshot: the documented procedure's example uses 1000
 * (5000 on newer spot pages); the request weight grows with the limit, so no more than needed.
 */
export const BINANCE_DEPTH_SNAPSHOT_LIMIT = 1000;

/** `/api/v3/depth?symbol=BTCUSDT&limit=1000` for one native symbol. */
export function binanceDepthSnapshotPath(nativeSymbol: string): string {
  return `${BINANCE_URLS.depthPath}?symbol=${encodeURIComponent(nativeSymbol)}&limit=${BINANCE_DEPTH_SNAPSHOT_LIMIT}`;
}
