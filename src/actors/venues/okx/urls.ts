// OKX v5 production endpoints: the REST and WebSocket bases (swapped by the feed for replay/simulator) and the paths on them.

/*
 * https://www.okx.com/docs-v5/en/#overview-production-trading-services
 * Public market data lives on `/ws/v5/public` (books, trades, bbo-tbt, tickers); candles and
 * trades-all live on `/ws/v5/business`, which this adapter does not use. Instruments come from the
 * public REST endpoint, no authentication needed.
 */
export const OKX_URLS = {
  /** REST base; paths below are appended as they are (they carry their own query). */
  restBaseUrl: 'https://www.okx.com',
  /** WebSocket base; a ConnectionPlan's path is appended. */
  webSocketBaseUrl: 'wss://ws.okx.com:8443',
  /** Public channels: no login. */
  publicWebSocketPath: '/ws/v5/public',
  /** GET, with `?instType=SPOT|SWAP|FUTURES`. */
  instrumentsPath: '/api/v5/public/instruments',
} as const;
