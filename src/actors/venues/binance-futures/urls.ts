// Binance USDⓈ-M futures production endpoints; the feed swaps the base URLs for replay and the simulator.

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info and .../websocket-market-streams */
export const BINANCE_FUTURES_URLS = {
  restBaseUrl: 'https://fapi.binance.com',
  webSocketBaseUrl: 'wss://fstream.binance.com',
  /** Symbols, contract types, delivery dates and filters. */
  exchangeInfoPath: '/fapi/v1/exchangeInfo',
  /** REST order book; the sync procedure asks for `limit=1000`. */
  depthPath: '/fapi/v1/depth',
  /** Combined streams: `/stream?streams=a/b/c`. */
  combinedStreamPath: '/stream',
} as const;

/** Levels per side of the REST snapshot, as the documented procedure asks (1000 is the endpoint's maximum). */
export const BINANCE_FUTURES_DEPTH_SNAPSHOT_LIMIT = 1000;

/** `/fapi/v1/depth?symbol=BTCUSDT&limit=1000` for one native symbol. */
export function binanceFuturesDepthSnapshotPath(nativeSymbol: string): string {
  return `${BINANCE_FUTURES_URLS.depthPath}?symbol=${encodeURIComponent(nativeSymbol)}&limit=${BINANCE_FUTURES_DEPTH_SNAPSHOT_LIMIT}`;
}
