// Coinbase Advanced Trade production endpoints; the feed swaps the base URLs for replay or the simulator.

/**
 * Base URLs and paths kept apart so a replay server or the simulator can stand in for the venue by
 * replacing only the bases (DESIGN §6). Docs: https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview
 * and https://docs.cdp.coinbase.com/advanced-trade/docs (REST "List Public Products", GET /api/v3/brokerage/market/products)
 */
export const COINBASE_URLS = Object.freeze({
  /** REST base of the Advanced Trade API (public market endpoints need no authentication). */
  restBaseUrl: 'https://api.coinbase.com',
  /** Public market-data WebSocket (the user-order endpoint is advanced-trade-ws-user, not used here). */
  webSocketBaseUrl: 'wss://advanced-trade-ws.coinbase.com',
  /** Every product in one response (`num_products`, no further page in practice; see docs/venues/coinbase.md). */
  productsPath: '/api/v3/brokerage/market/products',
  /** The market-data socket serves every channel at its root. */
  webSocketPath: '/',
});
