// Bybit v5 production endpoints: REST base, public WebSocket base and the paths under them.

/**
 * The feed joins a base URL with a path, and the replay server or simulator replaces only the
 * bases, so paths stay here as data. Public streams are one URL per market category
 * (https://bybit-exchange.github.io/docs/v5/ws/connect): linear carries USDT/USDC perpetuals and
 * USDT dated futures, spot carries spot pairs.
 */
export const BYBIT_URLS = Object.freeze({
  restBaseUrl: 'https://api.bybit.com',
  webSocketBaseUrl: 'wss://stream.bybit.com',
  /** USDT/USDC perpetuals and dated futures (category `linear`). */
  linearStreamPath: '/v5/public/linear',
  /** Spot pairs (category `spot`). */
  spotStreamPath: '/v5/public/spot',
  /** GET, with `category`, `status` and `limit` (https://bybit-exchange.github.io/docs/v5/market/instrument). */
  instrumentsPath: '/v5/market/instruments-info',
});
